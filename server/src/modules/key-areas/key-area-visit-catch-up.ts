import type { LogEntry } from '@lianfang/shared';
import type { Queryable } from '../../db/database.js';
import type { LivePicture } from '../live-picture.js';
import type { PositionIngest } from '../positions/position-ingest.js';

const RETRY_MS = 5000;

/**
 * A key area created while fixes flow. This instance notes visit minutes against
 * the areas its live picture holds, and the picture learns of a new area a little
 * after its creation commits: a fix accepted here in between, with a device time
 * after the creation, was never tested against it. So when the picture learns of
 * an area, once every fix accepted here until then is committed, the area's
 * minutes since its creation are filled from the stored positions (migration
 * 015's function, limited to the area). Every instance does this for the area;
 * the rows are the same whoever writes them (ON CONFLICT DO NOTHING).
 */
export class KeyAreaVisitCatchUp {
  private readonly known = new Set<string>();
  private chain: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly db: Queryable,
    private readonly positions: PositionIngest,
    picture: LivePicture,
  ) {
    for (const id of picture.keyAreas.keys()) this.known.add(id);
  }

  /** After the picture applied the entry. */
  onEntry(entry: LogEntry): void {
    if (entry.type !== 'key_area.updated' || entry.keyArea.retiredAt || this.known.has(entry.keyArea.id)) return;
    const { id, createdAt } = entry.keyArea;
    this.known.add(id);
    const committed = this.positions.whenCommitted();
    this.chain = this.chain.then(() => committed).then(() => this.fill(id, createdAt));
  }

  /** Resolves when every catch-up started so far is done (settling, tests). */
  idle(): Promise<void> {
    return this.chain;
  }

  stop(): void {
    this.stopped = true;
  }

  private async fill(id: string, createdAt: string): Promise<void> {
    while (!this.stopped) {
      try {
        await this.db.query('SELECT lf_fill_key_area_visit_minutes($1::timestamptz, $2::timestamptz, $3::text)', [createdAt, 'infinity', id]);
        return;
      } catch {
        // Database away: the positions are not going anywhere; try again.
        await new Promise((r) => setTimeout(r, RETRY_MS).unref());
      }
    }
  }
}
