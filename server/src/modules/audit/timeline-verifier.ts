import { createHash } from 'node:crypto';
import type { BrokenLink, TimelineReport } from '@lianfang/shared';
import type { Queryable } from '../../db/database.js';
import { chainHash } from './timeline-hash.js';

type BrokenReason = BrokenLink['reason'];

interface Row {
  id: string;
  incident_id: string;
  at_us: string;
  actor: string;
  kind: string;
  data: string;
  prev_hash: string | null;
  hash: string | null;
}

const PAGE = 5000;

/**
 * Walks every incident's chain (or one incident's) in pages, recomputing each hash in Node.
 * `broken` holds each incident's first broken link; `firstBroken` the one with the lowest event id.
 */
export async function verifyTimelines(q: Queryable, options: { incidentId?: string } = {}): Promise<TimelineReport> {
  const broken: BrokenLink[] = [];
  const heads = createHash('sha256');
  let incidents = 0;
  let rows = 0;
  let current: string | null = null;
  let lastHash: string | null = null;
  let brokenHere = false;
  let after: [string, string] = ['', '0'];
  const closeIncident = () => {
    if (current !== null) heads.update(`${current}:${lastHash ?? ''}\n`);
  };
  for (;;) {
    // Chain order is the bigint id (the trigger takes it under the incident's lock, migration 011). The ORDER BY
    // names the table's column: a bare `id` would be the text output column, where "12" sorts before "6".
    const page = await q.query<Row>(
      `SELECT id::text AS id, incident_id, ((extract(epoch FROM at) * 1000000)::bigint)::text AS at_us, actor, kind, data::text AS data, prev_hash, hash
       FROM incident_events
       WHERE (incident_id, id) > ($1, $2::bigint) AND ($3::text IS NULL OR incident_id = $3)
       ORDER BY incident_id, incident_events.id LIMIT ${PAGE}`,
      [after[0], after[1], options.incidentId ?? null],
    );
    for (const r of page) {
      if (r.incident_id !== current) {
        closeIncident();
        current = r.incident_id;
        lastHash = null;
        brokenHere = false;
        incidents++;
      }
      rows++;
      if (!brokenHere) {
        const reason: BrokenReason | null =
          (r.prev_hash ?? null) !== lastHash
            ? 'link_broken'
            : chainHash(r.prev_hash, { id: r.id, incidentId: r.incident_id, atMicros: r.at_us, actor: r.actor, kind: r.kind, data: r.data }) !== r.hash
              ? 'row_changed'
              : null;
        if (reason) {
          broken.push({ incidentId: r.incident_id, eventId: Number(r.id), reason });
          brokenHere = true;
        }
      }
      lastHash = r.hash;
    }
    if (page.length < PAGE) break;
    const last = page[page.length - 1]!;
    after = [last.incident_id, last.id];
  }
  closeIncident();
  const firstBroken = broken.reduce<BrokenLink | null>((first, b) => (first === null || b.eventId < first.eventId ? b : first), null);
  return { ok: broken.length === 0, incidents, rows, firstBroken, broken, headsDigest: heads.digest('hex') };
}
