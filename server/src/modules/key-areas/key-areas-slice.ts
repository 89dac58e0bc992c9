import type { KeyArea, LogEntry } from '@lianfang/shared';
import type { Queryable } from '../../db/database.js';
import type { PictureSlice } from '../../pipeline/picture-registry.js';
import { listKeyAreas } from './key-area-repository.js';

export class KeyAreasSlice implements PictureSlice {
  readonly keyAreas = new Map<string, KeyArea>();

  async load(q: Queryable): Promise<void> {
    for (const a of await listKeyAreas(q)) this.keyAreas.set(a.id, a);
  }

  apply(entry: LogEntry): void {
    if (entry.type !== 'key_area.updated') return;
    // A retired key area leaves the picture, and so the watcher and the walls.
    if (entry.keyArea.retiredAt) this.keyAreas.delete(entry.keyArea.id);
    else this.keyAreas.set(entry.keyArea.id, entry.keyArea);
  }
}
