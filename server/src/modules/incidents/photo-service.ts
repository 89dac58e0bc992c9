import { randomUUID } from 'node:crypto';
import type { Incident, IncidentPhoto, Role } from '@lianfang/shared';
import type { CommandBus } from '../../pipeline/command-bus.js';
import type { Queryable } from '../../db/database.js';
import { forbidden, notFound } from '../domain-errors.js';
import { recordAudit } from '../audit/audit-log.js';
import { appendTimeline, getIncident } from './incident-repository.js';
import type { PhotoFiles } from './photo-files.js';
import type { PhotoType } from './photo-kind.js';

export interface PhotoViewer {
  username: string;
  role: Role;
  unitId: string | null;
}

/** Photos on incidents: the file first, then the row, the timeline line and the incident update for every screen. */
export class PhotoService {
  constructor(
    private readonly bus: CommandBus,
    private readonly db: Queryable,
    private readonly files: PhotoFiles,
  ) {}

  async attach(incidentId: string, bytes: Buffer, contentType: PhotoType, by: PhotoViewer): Promise<{ photo: IncidentPhoto; incident: Incident }> {
    const id = randomUUID();
    // A file without a row is invisible and harmless; a row without a file would be a broken image. So: file first.
    await this.files.write(id, bytes);
    const actor = `user:${by.username}`;
    try {
      const { result } = await this.bus.run(async (q) => {
        const incident = await getIncident(q, incidentId);
        if (!incident) throw notFound('incident');
        if (by.role === 'captain' && !concernsUnit(incident, by.unitId))
          throw forbidden('a captain adds photos only to incidents their unit reported or was sent to');
        await q.query('INSERT INTO incident_photos (id, incident_id, content_type, bytes, uploaded_by) VALUES ($1, $2, $3, $4, $5)', [
          id,
          incidentId,
          contentType,
          bytes.length,
          actor,
        ]);
        await q.query('UPDATE incidents SET updated_at = now() WHERE id = $1', [incidentId]);
        await appendTimeline(q, incidentId, actor, 'photo_added', { photoId: id, bytes: bytes.length });
        await recordAudit(q, actor, 'incident.photo', incidentId, { photoId: id, bytes: bytes.length, contentType });
        const updated = (await getIncident(q, incidentId))!;
        return { result: updated, events: [{ type: 'incident.updated' as const, incident: updated }] };
      });
      return { photo: result.photos!.find((p) => p.id === id)!, incident: result };
    } catch (err) {
      await this.files.remove(id);
      throw err;
    }
  }

  /** The bytes and type of a photo, for any logged-in user (the wall, the tablets of the units on it). */
  async read(photoId: string): Promise<{ bytes: Buffer; contentType: string }> {
    const [row] = await this.db.query<{ content_type: string }>('SELECT content_type FROM incident_photos WHERE id = $1', [photoId]);
    if (!row) throw notFound('photo');
    return { bytes: await this.files.read(photoId), contentType: row.content_type };
  }
}

function concernsUnit(incident: Incident, unitId: string | null): boolean {
  return unitId !== null && (incident.unitId === unitId || incident.assignments.some((a) => a.unitId === unitId));
}
