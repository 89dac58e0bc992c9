import { createHash } from 'node:crypto';

/** One timeline row as the chain sees it: every field as the database prints it. */
export interface ChainRow {
  id: string;
  incidentId: string;
  atMicros: string;
  actor: string;
  kind: string;
  data: string;
}

/** Each field as `<utf-8 byte length>:<text>`, so no content can fake a field boundary. */
const field = (v: string) => `${Buffer.byteLength(v, 'utf8')}:${v}`;

/**
 * hash = sha256(prev_hash || canonical row), hex. The same definition as
 * lf_incident_event_hash in migration 011, written again here on purpose: the
 * verifier does not trust the database's own function.
 */
export function chainHash(prevHash: string | null, row: ChainRow): string {
  const canonical = field(row.id) + field(row.incidentId) + field(row.atMicros) + field(row.actor) + field(row.kind) + field(row.data);
  return createHash('sha256')
    .update((prevHash ?? '') + canonical, 'utf8')
    .digest('hex');
}
