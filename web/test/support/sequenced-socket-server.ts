import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ClientToServerEvents, ServerToClientEvents, Snapshot, Unit } from '@lianfang/shared';
import { Server, type Socket } from 'socket.io';

type Entry = { seq: number; unit: Unit };

/**
 * A real Socket.IO server speaking Lianfang's sync protocol in miniature:
 * handshake `auth.lastSeq` → replay of the missed entries (else a snapshot),
 * `sync:resume` → the same, then live broadcasts. Only `unit:updated` events,
 * which is all the dispatcher tests need.
 */
export class SequencedSocketServer {
  readonly log: Entry[] = [];
  readonly handshakes: { lastSeq: unknown; history: unknown }[] = [];
  readonly resumes: number[] = [];
  /** The history seqs count in: a replaced database starts another (see `replaceDatabase`). */
  history = 'history-1';
  /** commands received from clients, in arrival order */
  readonly commands: { event: 'position:report' | 'alert:raise'; payload: unknown }[] = [];
  snapshotsSent = 0;
  private readonly http: HttpServer;
  private readonly io: Server<ClientToServerEvents, ServerToClientEvents>;
  private units = new Map<string, Unit>();

  constructor() {
    this.http = createServer();
    this.io = new Server(this.http, { path: '/socket.io' });
    this.io.on('connection', (socket) => {
      const { lastSeq, history } = socket.handshake.auth as { lastSeq?: unknown; history?: unknown };
      this.handshakes.push({ lastSeq, history });
      this.bringUpToDate(socket, typeof lastSeq === 'number' ? lastSeq : undefined, history);
      socket.on('sync:resume', (req, ack) => {
        this.resumes.push(req.lastSeq);
        const mode = this.bringUpToDate(socket, req.lastSeq, req.history);
        ack({ data: { mode, history: this.history, fromSeq: req.lastSeq + 1, toSeq: this.head } });
      });
      socket.on('position:report', (req, ack) => {
        this.commands.push({ event: 'position:report', payload: req });
        ack({ data: { accepted: true, flags: [] } });
      });
      socket.on('alert:raise', (req, ack) => {
        this.commands.push({ event: 'alert:raise', payload: req });
        ack({ data: { alertId: 'a1', incidentId: 'i1', joined: false, pressCount: 1 } });
      });
    });
  }

  get head(): number {
    return this.log.length === 0 ? 0 : this.log[this.log.length - 1]!.seq;
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.http.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.http.address() as AddressInfo).port}`;
  }

  /** Appends an event; `deliver: false` loses it on the way to live sockets (a dropped packet). */
  publish(unit: Unit, options: { deliver?: boolean } = {}): number {
    const entry = { seq: this.head + 1, unit };
    this.log.push(entry);
    this.units.set(unit.id, unit);
    if (options.deliver !== false) this.io.to('live').emit('unit:updated', entry);
    return entry.seq;
  }

  /** Sends an event this client build does not know, as a newer server would (it still takes a seq). */
  publishUnknown(event: string): number {
    const seq = this.head + 1;
    this.log.push({ seq, unit: this.log[this.log.length - 1]!.unit });
    (this.io.to('live').emit as (e: string, p: unknown) => void)(event, { seq, whatever: true });
    return seq;
  }

  /** The database is replaced (a restore): a new history with other events under the same seqs. */
  replaceDatabase(history: string): void {
    this.history = history;
    this.log.length = 0;
    this.units.clear();
  }

  /** Drops every client's transport without telling it: what a network cut looks like. */
  cutAllConnections(): void {
    for (const socket of this.io.sockets.sockets.values()) socket.conn.close();
  }

  async close(): Promise<void> {
    this.io.close();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  private bringUpToDate(socket: Socket<ClientToServerEvents, ServerToClientEvents>, lastSeq: number | undefined, history: unknown): 'replay' | 'snapshot' {
    socket.leave('live');
    let mode: 'replay' | 'snapshot';
    const sameHistory = history === undefined || history === this.history;
    if (sameHistory && lastSeq !== undefined && lastSeq >= 0 && lastSeq <= this.head) {
      for (const entry of this.log.filter((e) => e.seq > lastSeq)) socket.emit('unit:updated', entry);
      mode = 'replay';
    } else {
      const snapshot: Snapshot = {
        seq: this.head,
        history: this.history,
        serverTime: new Date().toISOString(),
        units: [...this.units.values()],
        incidents: [],
        grids: [],
        stations: [],
        teams: [],
        keyAreas: [],
        patrolPlans: [],
      };
      socket.emit('state:snapshot', snapshot);
      this.snapshotsSent += 1;
      mode = 'snapshot';
    }
    socket.join('live');
    return mode;
  }
}
