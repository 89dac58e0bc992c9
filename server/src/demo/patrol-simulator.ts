import { MODE_BIT, edgeSpeedKmh, snapToRoad, type RoadGraph } from '@lianfang/shared/routing/index';
import type { Mode } from '@lianfang/shared';

interface Walker {
  trackerId: string;
  mode: Mode;
  from: number;
  edge: number;
  alongM: number;
  lastEdge: number;
}

/** Patrols do not race: a fraction of the road speed, slower still on foot. */
const PATROL_PACE: Record<Mode, number> = { foot: 0.9, bike: 0.6, moto: 0.55, car: 0.55 };

/**
 * Units wander the street network at patrol pace, never leaving the roads
 * their mode may use, and report once a second through /ingest/osmand exactly
 * as Traccar Client would: the demo exercises the real intake path.
 */
export class PatrolSimulator {
  private readonly walkers: Walker[] = [];
  private timer: NodeJS.Timeout | undefined;
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
    const snapped = snapToRoad(this.graph, near.lat + (this.random() - 0.5) * 0.01, near.lon + (this.random() - 0.5) * 0.01, { radiusM: 2000 });
    const start = snapped ? this.graph.sources[snapped.edge]! : 0;
    const edge = this.pickEdge(start, mode, -1);
    if (edge < 0) return;
    this.walkers.push({ trackerId, mode, from: start, edge, alongM: this.random() * this.graph.lengthM[edge]!, lastEdge: -1 });
  }

  start(intervalMs = 1000): void {
    this.timer = setInterval(() => void this.tick(intervalMs / 1000), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private async tick(seconds: number): Promise<void> {
    const now = Math.floor(Date.now() / 1000);
    await Promise.all(
      this.walkers.map((w) => {
        const { lat, lon, heading, speedKmh } = this.advance(w, seconds);
        const url = `${this.baseUrl}/ingest/osmand?id=${encodeURIComponent(w.trackerId)}&lat=${lat.toFixed(6)}&lon=${lon.toFixed(6)}&timestamp=${now}&speed=${(speedKmh / 1.852).toFixed(1)}&bearing=${heading.toFixed(0)}&accuracy=${(4 + this.random() * 6).toFixed(1)}&batt=${(60 + this.random() * 40).toFixed(0)}`;
        return fetch(url).then(
          (r) => r.body?.cancel(),
          () => undefined,
        );
      }),
    );
  }

  private advance(w: Walker, seconds: number): { lat: number; lon: number; heading: number; speedKmh: number } {
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
