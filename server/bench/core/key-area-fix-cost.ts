/**
 * What the key-area watcher costs per accepted fix (it runs inside
 * PositionIngest.accept, on the ingest hot path), the current sources against a
 * copy of older ones in the same process, in alternating blocks:
 *   cd server && npx tsx --conditions=lianfang-src bench/core/key-area-fix-cost.ts [--base=bench/scratch/base/src] [--areas=20] [--fixes=200000] [--blocks=6]
 * The fixes are the ingest bench's (2,000 trackers on a 0.002° grid, one new second per round) and the
 * areas are lib/lianfang-server.ts createKeyAreas' (9 % of the trackers inside one).
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { KeyArea } from '@lianfang/shared';
import type { LivePicture } from '../../src/modules/live-picture.js';
import type { CommandBus } from '../../src/pipeline/command-bus.js';
import { cliOptions, isMain, machine, nowMs, printReport, round } from './lib/stats.js';

type WatcherModule = typeof import('../../src/modules/key-areas/key-area-watcher.js');
type MinutesModule = typeof import('../../src/modules/key-areas/key-area-visit-minutes.js');
interface FixSink {
  onFix(unitId: string, fix: { lat: number; lon: number; deviceTimeMs: number }): void;
}

function benchAreas(count: number): Map<string, KeyArea> {
  const areas = new Map<string, KeyArea>();
  for (let k = 0; k < count; k++) {
    const lat = 31.2 + (k % 5) * 0.01 - 0.0005;
    const lon = 121.45 + Math.floor(k / 5) * 0.01 - 0.0005;
    areas.set(`k${k}`, {
      id: `k${k}`,
      name: `Bench area ${k}`,
      ring: [
        [lon, lat],
        [lon + 0.005, lat],
        [lon + 0.005, lat + 0.005],
        [lon, lat + 0.005],
      ],
      everyMinutes: 15,
      from: '00:00',
      to: '00:00',
      lastVisitAt: null,
      lastVisitUnitId: null,
      overdueSince: null,
      createdAt: new Date(0).toISOString(),
    });
  }
  return areas;
}

/** ns per fix over `fixes` fixes from 2,000 trackers, each round a new second. */
function timeFixes(sink: FixSink, fixes: number, startSecond: number): number {
  const started = nowMs();
  for (let n = 0; n < fixes; n++) {
    const i = n % 2000;
    const r = Math.floor(n / 2000);
    sink.onFix(`u${i}`, {
      lat: 31.2 + (i % 50) * 0.002 + r * 0.00001,
      lon: 121.45 + Math.floor(i / 50) * 0.002 + r * 0.00001,
      deviceTimeMs: (startSecond + r) * 1000,
    });
  }
  return ((nowMs() - started) * 1e6) / fixes;
}

export async function benchmarkKeyAreaFixCost(o: { base?: string; areas?: number; fixes?: number; blocks?: number } = {}) {
  const areas = o.areas ?? 20;
  const fixes = o.fixes ?? 200_000;
  const blocks = o.blocks ?? 6;
  // Only the watcher's fix path runs: no bus, and a picture that is just its key areas.
  const picture = { keyAreas: benchAreas(areas) } as unknown as LivePicture;
  const bus = {} as CommandBus;
  const load = async (src: string) => {
    const { KeyAreaWatcher } = (await import(`${src}modules/key-areas/key-area-watcher.js`)) as WatcherModule;
    const minutes = await import(`${src}modules/key-areas/key-area-visit-minutes.js`)
      .then((m: MinutesModule) => new m.KeyAreaVisitMinutes())
      .catch(() => undefined);
    // drain the notes now and then, as the position flush does
    return { watcher: new KeyAreaWatcher(bus, picture, 'Asia/Shanghai', minutes), drain: () => minutes?.take() };
  };
  const variants = [{ name: 'current', ...(await load(new URL('../../src/', import.meta.url).href)) }];
  if (o.base) variants.push({ name: 'base', ...(await load(`${pathToFileURL(resolve(o.base)).href}/`)) });
  const results = new Map<string, number[]>(variants.map((v) => [v.name, []]));
  let second = Math.floor(Date.now() / 1000);
  for (let b = 0; b < blocks; b++) {
    for (const v of b % 2 === 0 ? variants : [...variants].reverse()) {
      results.get(v.name)!.push(timeFixes(v.watcher, fixes, second));
      v.drain();
      second += fixes / 2000;
    }
  }
  // the first block of each warms the JIT
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const rows = variants.map((v) => ({
    variant: v.name,
    'ns per fix (median)': round(median(results.get(v.name)!.slice(1)), 1),
    blocks: results
      .get(v.name)!
      .map((x) => round(x, 0))
      .join(' '),
  }));
  printReport('key-area-fix-cost', { ...machine(), areas, fixes, blocks, results: Object.fromEntries(results) }, rows);
  return rows;
}

if (isMain(import.meta.url)) {
  const o = cliOptions();
  await benchmarkKeyAreaFixCost({
    ...(o.base ? { base: String(o.base) } : {}),
    ...(o.areas ? { areas: Number(o.areas) } : {}),
    ...(o.fixes ? { fixes: Number(o.fixes) } : {}),
    ...(o.blocks ? { blocks: Number(o.blocks) } : {}),
  });
}
