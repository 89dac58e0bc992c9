import type { LogEntry, Position, ServerToClientEvents } from '@lianfang/shared';
import { SOCKET_EVENT_FOR } from '@lianfang/shared';

/** The part of Socket.IO the broadcaster needs: emit one event to one room. */
export type EmitTo = <E extends keyof ServerToClientEvents>(room: string, event: E, ...args: Parameters<ServerToClientEvents[E]>) => void;

export const OPS_ROOM = 'ops';

/**
 * Turns this instance's ordered entries into socket messages. Positions are
 * merged per unit and sent at most every `flushMs` (the 4 Hz screen budget);
 * any other event first flushes the pending positions, then goes out at once,
 * so alerts never wait behind positions and the client still sees seq order.
 */
export class Broadcaster {
  private pending = new Map<string, Position>();
  private pendingFrom = 0;
  private pendingTo = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly emitTo: EmitTo, private readonly flushMs = 250) {}

  start(): void {
    this.timer = setInterval(() => this.flushPositions(), this.flushMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  onEntry(entry: LogEntry): void {
    if (entry.type === 'unit.positions') {
      if (this.pending.size === 0) this.pendingFrom = entry.seq;
      for (const p of entry.positions) this.pending.set(p.unitId, p);
      this.pendingTo = entry.seq;
      return;
    }
    this.flushPositions();
    const event = SOCKET_EVENT_FOR[entry.type];
    switch (entry.type) {
      case 'unit.updated':
        this.emitTo(OPS_ROOM, 'unit:updated', { seq: entry.seq, unit: entry.unit });
        break;
      case 'alert.raised':
        this.emitTo(OPS_ROOM, 'alert:raised', { seq: entry.seq, alert: entry.alert, incident: entry.incident });
        break;
      case 'incident.created':
      case 'incident.updated':
        this.emitTo(OPS_ROOM, event as 'incident:created' | 'incident:updated', { seq: entry.seq, incident: entry.incident });
        break;
      case 'key_area.updated':
        this.emitTo(OPS_ROOM, 'key_area:updated', { seq: entry.seq, keyArea: entry.keyArea });
        break;
      case 'patrol_plan.updated':
        this.emitTo(OPS_ROOM, 'patrol_plan:updated', { seq: entry.seq, patrolPlan: entry.patrolPlan });
        break;
      case 'incident.advice':
        this.emitTo(OPS_ROOM, 'incident:advice', { seq: entry.seq, advice: entry.advice });
        break;
      case 'coverage.updated':
        this.emitTo(OPS_ROOM, 'coverage:updated', { seq: entry.seq, coverage: entry.coverage });
        break;
    }
  }

  /** The highest seq already handed to sockets (or pending in the position batch). */
  flushPositions(): void {
    if (this.pending.size === 0) return;
    const positions = [...this.pending.values()];
    this.pending = new Map();
    this.emitTo(OPS_ROOM, 'unit:positions', { seq: this.pendingTo, fromSeq: this.pendingFrom, positions });
  }
}
