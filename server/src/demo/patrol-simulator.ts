import { MODE_BIT, NO_EDGE, edgeSpeedKmh, positionAlong, snapToRoad, type RoadGraph, type RoutePath } from '@lianfang/shared/routing/index';
import type { Mode } from '@lianfang/shared';

/** A unit on its way somewhere: the route, when it set off (sim clock) and how much of the road speed it makes. */
interface Drive {
  path: RoutePath;
  startedMs: number;
  pace: number;
}

interface Walker {
  trackerId: string;
  mode: Mode;
  from: number;
  edge: number;
  alongM: number;
  lastEdge: number;
  drive: Drive | null;
  /** Standing still here (on scene) until released. */
  hold: { lat: number; lon: number } | null;
  at: { lat: number; lon: number; heading: number; speedKmh: number };
  lastSentMs: number;
}

/** Patrols do not race: a fraction of the road speed, slower still on foot. */
const PATROL_PACE: Record<Mode, number> = { foot: 0.9, bike: 0.6, moto: 0.55, car: 0.55 };

/**
 * Units wander the street network at patrol pace, never leaving the roads
 * their mode may use, and report once a second through /ingest/osmand exactly
 * as Traccar Client would: the demo exercises the real intake path. A unit sent
 * somewhere drives its route instead (`drive`), stands at the scene (`hold`),
 * and wanders on from there when released.
 * Movement follows the clock passed to `tick` (the demo's own, so tests can
 * drive it); fixes are stamped with the real time, as a phone would.
 */
export class PatrolSimulator {
  private readonly walkers = new Map<string, Walker>();
  private timer: NodeJS.Timeout | undefined;
  private lastTickMs: number | null = null;
  private random: () => number;

  constructor(
    private readonly graph: RoadGraph,
    private readonly baseUrl: string,
    seed = 42,
  ) {
    let s = seed >>> 0;
    // Small LCG: the demo moves the same way every run, which makes screenshots comparable.
    this.random = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  }

  addUnit(trackerId: string, mode: Mode, near: { lat: number; lon: number }): void {
    const walker: Walker = {
      trackerId,
      mode,
      from: 0,
      edge: -1,
      alongM: 0,
      lastEdge: -1,
      drive: null,
      hold: null,
      at: { ...near, heading: 0, speedKmh: 0 },
      lastSentMs: 0,
    };
    if (!this.wanderFrom(walker, near.lat + (this.random() - 0.5) * 0.01, near.lon + (this.random() - 0.5) * 0.01)) return;
    walker.at = this.wander(walker, 0);
    this.walkers.set(trackerId, walker);
  }

  has(trackerId: string): boolean {
    return this.walkers.has(trackerId);
  }

  /** Where the unit is now (sim clock of the last tick). */
  positionOf(trackerId: string): { lat: number; lon: number } | null {
    const w = this.walkers.get(trackerId);
    return w ? { lat: w.at.lat, lon: w.at.lon } : null;
  }

  /** Sets off along `path` at `pace` × the route's speed; `arrived` says when it is there. */
  drive(trackerId: string, path: RoutePath, nowMs: number, pace = 1): void {
    const w = this.walkers.get(trackerId);
    if (w) Object.assign(w, { drive: { path, startedMs: nowMs, pace }, hold: null });
  }

  arrived(trackerId: string, nowMs: number): boolean {
    const w = this.walkers.get(trackerId);
    if (!w) return false;
    if (w.hold) return true;
    return w.drive !== null && positionAlong(w.drive.path, ((nowMs - w.drive.startedMs) / 1000) * w.drive.pace).arrived;
  }

  /** Back to patrolling from wherever the unit stands. */
  release(trackerId: string): void {
    const w = this.walkers.get(trackerId);
    if (!w || (!w.drive && !w.hold)) return;
    w.drive = null;
    w.hold = null;
    this.wanderFrom(w, w.at.lat, w.at.lon);
  }

  start(now: () => number = Date.now, intervalMs = 1000): void {
    this.timer = setInterval(() => void this.tick(now()), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Moves everyone to `nowMs` and sends one fix each. */
  async tick(nowMs: number): Promise<void> {
    const seconds = this.lastTickMs === null ? 1 : Math.max(0, (nowMs - this.lastTickMs) / 1000);
    this.lastTickMs = nowMs;
    await Promise.all(
      [...this.walkers.values()].map((w) => {
        w.at = this.advance(w, nowMs, seconds);
        // Strictly increasing per tracker, or the intake drops the fix as out of order.
        w.lastSentMs = Math.max(Date.now(), w.lastSentMs + 1);
        const { lat, lon, heading, speedKmh } = w.at;
        const url = `${this.baseUrl}/ingest/osmand?id=${encodeURIComponent(w.trackerId)}&lat=${lat.toFixed(6)}&lon=${lon.toFixed(6)}&timestamp=${w.lastSentMs}&speed=${(speedKmh / 1.852).toFixed(1)}&bearing=${heading.toFixed(0)}&accuracy=${(4 + this.random() * 6).toFixed(1)}&batt=${(60 + this.random() * 40).toFixed(0)}`;
        return fetch(url).then(
          (r) => r.body?.cancel(),
          () => undefined,
        );
      }),
    );
  }

  private advance(w: Walker, nowMs: number, seconds: number): Walker['at'] {
    if (w.hold) return { ...w.hold, heading: w.at.heading, speedKmh: 0 };
    if (w.drive) {
      const elapsed = ((nowMs - w.drive.startedMs) / 1000) * w.drive.pace;
      const p = positionAlong(w.drive.path, elapsed);
      if (p.arrived) {
        w.hold = { lat: p.lat, lon: p.lon };
        w.drive = null;
        return { lat: p.lat, lon: p.lon, heading: p.heading, speedKmh: 0 };
      }
      const ahead = positionAlong(w.drive.path, elapsed + 1);
      const metres = Math.hypot((ahead.lat - p.lat) * 111_320, (ahead.lon - p.lon) * 111_320 * Math.cos((p.lat * Math.PI) / 180));
      return { lat: p.lat, lon: p.lon, heading: p.heading, speedKmh: metres * 3.6 * w.drive.pace };
    }
    return this.wander(w, seconds);
  }

  /** Carries on along the road under (lat, lon), in a direction the mode may use, from that very point. */
  private wanderFrom(w: Walker, lat: number, lon: number): boolean {
    const g = this.graph;
    const snapped = snapToRoad(g, lat, lon, { radiusM: 2000, mode: w.mode });
    if (snapped) {
      const e = snapped.edge;
      const twin = g.twin[e]!;
      const bit = MODE_BIT[w.mode];
      if (g.access[e]! & bit) return this.place(w, e, snapped.fraction * g.lengthM[e]!);
      if (twin !== NO_EDGE && g.access[twin]! & bit) return this.place(w, twin, (1 - snapped.fraction) * g.lengthM[twin]!);
    }
    const start = snapped ? g.sources[snapped.edge]! : 0;
    const edge = this.pickEdge(start, w.mode, -1);
    return edge >= 0 && this.place(w, edge, 0);
  }

  private place(w: Walker, edge: number, alongM: number): true {
    Object.assign(w, { from: this.graph.sources[edge]!, edge, alongM, lastEdge: -1 });
    return true;
  }

  private wander(w: Walker, seconds: number): Walker['at'] {
    const g = this.graph;
    const speedKmh = edgeSpeedKmh(w.mode, g.roadClass[w.edge]!, g.maxspeedKmh[w.edge]!) * PATROL_PACE[w.mode];
    w.alongM += (speedKmh / 3.6) * seconds;
    while (w.alongM >= g.lengthM[w.edge]!) {
      w.alongM -= g.lengthM[w.edge]!;
      const node = g.targets[w.edge]!;
      const next = this.pickEdge(node, w.mode, g.twin[w.edge]!);
      if (next < 0) break;
      w.lastEdge = w.edge;
      w.edge = next;
    }
    const a = g.sources[w.edge]!;
    const b = g.targets[w.edge]!;
    const f = Math.min(1, w.alongM / Math.max(g.lengthM[w.edge]!, 0.01));
    const lat = g.lat[a]! + (g.lat[b]! - g.lat[a]!) * f;
    const lon = g.lon[a]! + (g.lon[b]! - g.lon[a]!) * f;
    const heading = ((Math.atan2((g.lon[b]! - g.lon[a]!) * Math.cos((lat * Math.PI) / 180), g.lat[b]! - g.lat[a]!) * 180) / Math.PI + 360) % 360;
    return { lat, lon, heading, speedKmh };
  }

  /** A random usable edge out of `node`, avoiding the way back unless it is a dead end. */
  private pickEdge(node: number, mode: Mode, back: number): number {
    const g = this.graph;
    const usable: number[] = [];
    for (let e = g.offsets[node]!; e < g.offsets[node + 1]!; e++) if (g.access[e]! & MODE_BIT[mode]) usable.push(e);
    const forward = usable.filter((e) => e !== back);
    const pool = forward.length > 0 ? forward : usable;
    return pool.length > 0 ? pool[Math.floor(this.random() * pool.length)]! : -1;
  }
}
