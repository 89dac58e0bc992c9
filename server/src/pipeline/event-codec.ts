import type { DomainEvent, LogEntry, Position, PositionRow } from '@lianfang/shared';
import { decodePositionRows, encodePositionRows } from '@lianfang/shared';

/**
 * How an event is stored in the outbox table and carried on the Redis Stream.
 * Position batches are the bulk of both (hundreds of fixes four times a second),
 * so they travel as compact rows, a third of the JSON of `Position` objects,
 * plus the altitudes the rows leave out. Every other event is stored as it is.
 */
type StoredPositions = { type: 'unit.positions'; t0: number; rows: PositionRow[]; alt?: (number | null)[] };
export type StoredEvent = Exclude<DomainEvent, { type: 'unit.positions' }> | StoredPositions;

export function toStored(e: DomainEvent): StoredEvent {
  if (e.type !== 'unit.positions') return e;
  const stored: StoredPositions = { type: e.type, ...encodePositionRows(e.positions) };
  if (e.positions.some((p) => p.altitudeM !== null)) stored.alt = e.positions.map((p) => p.altitudeM);
  return stored;
}

export function fromStored(s: StoredEvent | DomainEvent): DomainEvent {
  // Rows written before the compact form hold `positions` as objects.
  if (s.type !== 'unit.positions' || 'positions' in s) return s;
  const positions: Position[] = decodePositionRows(s);
  if (s.alt) positions.forEach((p, i) => (p.altitudeM = s.alt![i] ?? null));
  return { type: 'unit.positions', positions };
}

export const encodeEvent = (e: DomainEvent): string => JSON.stringify(toStored(e));

/** A log entry on the wire between instances: the stored event plus its seq and time. */
export const encodeEntry = (e: LogEntry): string => JSON.stringify({ ...toStored(e), seq: e.seq, at: e.at });

export function decodeEntry(text: string): LogEntry {
  const { seq, at, ...stored } = JSON.parse(text) as StoredEvent & { seq: number; at: string };
  return { ...fromStored(stored as StoredEvent), seq, at };
}
