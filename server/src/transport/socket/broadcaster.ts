import type { LogEntry, Position, ServerToClientEvents } from '@lianfang/shared';
import { encodePositionRows } from '@lianfang/shared';
import { PeriodicWorker, raiseUncaught } from '../../pipeline/periodic-worker.js';
import { messageOf } from './entry-messages.js';

/** The part of Socket.IO the broadcaster needs: emit one event to one room. */
export type EmitTo = <E extends keyof ServerToClientEvents>(room: string, event: E, ...args: Parameters<ServerToClientEvents[E]>) => void;

export const OPS_ROOM = 'ops';
/** The control room's screens (not the tablets): journalled presses, not yet in the sequenced feed. */
export const INTAKE_ROOM = 'intake';

/**
 * Turns this instance's ordered entries into socket messages. Positions are
 * merged per unit and sent at most every `flushMs` (the 4 Hz screen budget).
 * Any other event goes out at once, ahead of the positions still waiting: an
 * alert never queues behind a 100 kB position batch to a thousand sockets.
 * It says which seqs it jumped (`fromSeq`), so clients still see no gap
 * (the contract is in shared/src/realtime/socket-events.ts).
 */
export class Broadcaster {
  private pending = new Map<string, Position>();
  private pendingFrom = 0;
  private pendingTo = 0;
  /** First position entry not yet covered by any message sent; null when all are. */
  private uncoveredFrom: number | null = null;
  // The tick is synchronous, so a beat costs no allocation; a throw is a bug and ends the process, as from a bare interval.
  private readonly worker = new PeriodicWorker(() => this.flushPositions(), { onError: raiseUncaught });

  constructor(
    private readonly emitTo: EmitTo,
    private readonly flushMs = 250,
  ) {}

  start(): void {
    this.worker.start(this.flushMs);
  }

  stop(): Promise<void> {
    return this.worker.stop();
  }

  onEntry(entry: LogEntry): void {
    if (entry.type === 'unit.positions') {
      if (this.pending.size === 0) this.pendingFrom = entry.seq;
      this.uncoveredFrom ??= entry.seq;
      for (const p of entry.positions) this.pending.set(p.unitId, p);
      this.pendingTo = entry.seq;
      return;
    }
    const { event, payload } = messageOf(entry);
    if (this.uncoveredFrom !== null) payload.fromSeq = this.uncoveredFrom;
    this.uncoveredFrom = null;
    (this.emitTo as (room: string, event: string, payload: unknown) => void)(OPS_ROOM, event, payload);
  }

  /** Sends the merged positions waiting since the last batch (timer, or a test settling). */
  flushPositions(): void {
    if (this.pending.size === 0) return;
    const rows = encodePositionRows(this.pending.values());
    this.pending = new Map();
    // Every position entry since the last batch is in this one.
    this.uncoveredFrom = null;
    this.emitTo(OPS_ROOM, 'unit:positions', { seq: this.pendingTo, fromSeq: this.pendingFrom, ...rows });
  }
}
