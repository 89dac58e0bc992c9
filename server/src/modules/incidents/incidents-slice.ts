import type { Incident, LogEntry } from '@lianfang/shared';
import { isOpenIncident } from '@lianfang/shared';
import type { Queryable } from '../../db/database.js';
import type { PictureSlice } from '../../pipeline/picture-registry.js';
import { listOpenIncidents } from './incident-repository.js';

/** The open incidents; a closed one leaves the picture. */
export class IncidentsSlice implements PictureSlice {
  readonly incidents = new Map<string, Incident>();

  async load(q: Queryable): Promise<void> {
    for (const i of await listOpenIncidents(q)) this.incidents.set(i.id, i);
  }

  apply(entry: LogEntry): void {
    if (entry.type !== 'alert.raised' && entry.type !== 'incident.created' && entry.type !== 'incident.updated') return;
    if (isOpenIncident(entry.incident.status)) this.incidents.set(entry.incident.id, entry.incident);
    else this.incidents.delete(entry.incident.id);
  }
}
