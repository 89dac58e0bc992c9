/**
 * Tile requests over HTTP on loopback against a real server on the Andorra extract, tiles
 * already cut on disk (a restart): cold = each tile's first request after the start (the first
 * of all also reads the archive from disk), warm = the same tiles again, revalidated = with
 * If-None-Match (304). Baseline in the same run: GET /healthz, the cheapest route.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tileRange } from '../../src/modules/roads/basemap/tile-pyramid.js';
import { startTestApp } from '../../test/helpers/test-app.js';
import { ANDORRA } from './build-bench.js';

export interface RequestFigures {
  tiles: number;
  firstRequestMs: number;
  cold: Percentiles;
  warm: Percentiles;
  revalidated: Percentiles;
  baselineHealthz: Percentiles;
}
interface Percentiles {
  p50: number;
  p99: number;
  max: number;
}

const pct = (xs: number[]): Percentiles => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => Math.round(s[Math.min(s.length - 1, Math.floor(q * s.length))]! * 100) / 100;
  return { p50: at(0.5), p99: at(0.99), max: at(1) };
};

export async function measureRequests(): Promise<RequestFigures> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lf-basemap-req-'));
  try {
    // First start cuts the tiles; the measured server is the second one, on the same DATA_DIR.
    const first = await startTestApp({ dataDir, config: { ROAD_NETWORK: ANDORRA } });
    await first.app.inject({ url: '/map/style.json', headers: { authorization: `Bearer ${first.adminToken}` } });
    await first.close();
    const t = await startTestApp({ dataDir, config: { ROAD_NETWORK: ANDORRA } });
    try {
      const headers = { authorization: `Bearer ${t.adminToken}`, 'accept-encoding': 'gzip' };
      // Andorra la Vella and Escaldes at z14–16: the tiles a wall over the town asks for.
      const paths: string[] = [];
      for (const z of [14, 15, 16]) {
        const r = tileRange([1.5, 42.495, 1.56, 42.52], z);
        for (let x = r.minX; x <= r.maxX; x++) for (let y = r.minY; y <= r.maxY; y++) paths.push(`/tiles/${z}/${x}/${y}`);
      }
      const timed = async (path: string, extra: Record<string, string> = {}): Promise<[number, Response]> => {
        const started = performance.now();
        const res = await fetch(`${t.url}${path}`, { headers: { ...headers, ...extra } });
        await res.arrayBuffer();
        return [performance.now() - started, res];
      };
      const cold: number[] = [];
      const etags = new Map<string, string>();
      for (const path of paths) {
        const [ms, res] = await timed(path);
        cold.push(ms);
        const etag = res.headers.get('etag');
        if (etag) etags.set(path, etag);
      }
      const warm: number[] = [];
      const revalidated: number[] = [];
      const baseline: number[] = [];
      for (let round = 0; round < 5; round++) {
        for (const path of paths) {
          warm.push((await timed(path))[0]);
          const etag = etags.get(path);
          if (etag) revalidated.push((await timed(path, { 'if-none-match': etag }))[0]);
          baseline.push((await timed('/healthz'))[0]);
        }
      }
      return {
        tiles: paths.length,
        firstRequestMs: Math.round(cold[0]! * 100) / 100,
        cold: pct(cold),
        warm: pct(warm),
        revalidated: pct(revalidated),
        baselineHealthz: pct(baseline),
      };
    } finally {
      await t.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
