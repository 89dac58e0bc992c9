import type { Grid, Incident } from '@lianfang/shared';
import { snapToRoad, type RoadGraph } from '@lianfang/shared/routing/index';
import type { LifecycleService } from '../modules/incidents/lifecycle-service.js';
import { DEMO_CASES } from './demo-cases.js';
import { DEMO_OPERATOR } from './demo-history-plan.js';
import { between, pickWeighted } from './demo-random.js';

export interface DemoCallsDeps {
  picture: { incidents: ReadonlyMap<string, Incident>; grids: readonly Grid[]; gridAt(lon: number, lat: number): Grid | null };
  lifecycle: Pick<LifecycleService, 'create'>;
  graph: RoadGraph;
  random: () => number;
  /** Mean seconds between calls; 0 = none. */
  everySeconds: number;
  /** No new call while this many cases are open: the wall stays readable and units stay free. */
  maxOpen: number;
}

/**
 * Radio and phone calls the demo's operator logs (source `call`, actor
 * `demo:operator`), of the same mix of cases as the demo's past, at a street
 * address in one of the grids. The panic buttons (AlertSimulator) add alerts
 * on top, so the wall always has a few open cases.
 */
export class DemoCalls {
  private nextAtMs: number | null = null;

  constructor(private readonly deps: DemoCallsDeps) {}

  async step(nowMs: number): Promise<void> {
    if (this.deps.everySeconds <= 0) return;
    // The first call comes soon after the start, so a fresh demo has something to show.
    this.nextAtMs ??= nowMs + between(this.deps.random, 5, 20) * 1000;
    if (nowMs < this.nextAtMs) return;
    this.nextAtMs = nowMs + this.deps.everySeconds * 1000 * (0.5 + this.deps.random());
    if (this.deps.picture.incidents.size >= this.deps.maxOpen) return;
    await this.open().catch(() => undefined);
  }

  async open(): Promise<Incident | null> {
    const at = this.streetInAGrid();
    if (!at) return null;
    const { random } = this.deps;
    const kase = pickWeighted(
      random,
      DEMO_CASES.map((c) => [c, c.weight] as const),
    );
    return this.deps.lifecycle.create(
      {
        category: kase.category,
        priority: pickWeighted(random, kase.priorities),
        title: kase.titles[Math.floor(random() * kase.titles.length)]!,
        lat: at.lat,
        lon: at.lon,
        source: 'call',
      },
      DEMO_OPERATOR,
    );
  }

  /** A point on a street inside one of the grids (a street snapped across the district's edge is tried again). */
  private streetInAGrid(): { lat: number; lon: number } | null {
    const { random, picture, graph } = this.deps;
    const grids = picture.grids.filter((g) => g.level === 'grid');
    for (let attempt = 0; attempt < 5 && grids.length > 0; attempt++) {
      const ring = grids[Math.floor(random() * grids.length)]!.ring;
      const lons = ring.map((p) => p[0]);
      const lats = ring.map((p) => p[1]);
      const at = snapToRoad(graph, between(random, Math.min(...lats), Math.max(...lats)), between(random, Math.min(...lons), Math.max(...lons)), {
        radiusM: 400,
      });
      if (at && picture.gridAt(at.lon, at.lat)?.level === 'grid') return at;
    }
    return null;
  }
}
