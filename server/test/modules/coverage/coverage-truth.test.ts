import { beforeAll, describe, expect, it } from 'vitest';
import type { Grid, Position, Station, Unit, UnitStatus, WhatIfRequest } from '@lianfang/shared';
import { COVERAGE_GOAL_MINUTES, COVERAGE_LIMIT_MINUTES } from '@lianfang/shared';
import { buildRoadGraph, computeCoverage, generateCityNetwork, roadGraphBounds, type RoadGraph } from '@lianfang/shared/routing/index';
import { describeCoverage, jurisdictionCells, shareOf } from '../../../src/modules/coverage/coverage-report.js';
import { coverageSources } from '../../../src/modules/coverage/coverage-sources.js';
import { whatIfCoverage } from '../../../src/modules/coverage/what-if.js';
import { demoLayout } from '../../../src/demo/demo-layout.js';
import { nearestNode } from '../dispatch/demo-network.js';

/**
 * Coverage tells the truth (issue 16, item 7), on a demo-like city with the demo's grids and
 * stations: only available units and explicit standing crews cover, so taking units away lowers
 * the figure and a station by itself covers nothing.
 */
const NOW = Date.parse('2026-12-07T04:00:00Z');
const OPTIONS = { h3Resolution: 9, limitMinutes: COVERAGE_LIMIT_MINUTES };

let graph: RoadGraph;
let grids: Grid[];
let stations: Station[];

const fix = (unitId: string, at: { lat: number; lon: number }): Position => ({
  unitId,
  lat: at.lat,
  lon: at.lon,
  speedKmh: 0,
  heading: null,
  accuracyM: 5,
  altitudeM: null,
  battery: 90,
  deviceTime: new Date(NOW - 30_000).toISOString(),
  serverTime: new Date(NOW - 29_000).toISOString(),
  flags: [],
});
const unitAt = (id: string, at: { lat: number; lon: number }, status: UnitStatus | string = 'available', mode: Unit['mode'] = 'car'): Unit => ({
  id,
  callsign: id,
  force: 'police',
  mode,
  teamId: null,
  // A status this module has never heard of (the SOS helper's needs-help, whatever its name) must not cover either.
  status: status as UnitStatus,
  position: fix(id, at),
});
/**
 * One unit standing at each demo station: "the units based there". On foot, so that each covers
 * its own neighbourhood: a car covers most of a 4 km city within 5 minutes by itself.
 */
const onFootAtStations = (status: UnitStatus | string = 'available') => stations.map((s) => unitAt(`car-${s.id}`, s, status, 'foot'));
const within5 = (units: Unit[], atStations: Station[] = stations) =>
  shareOf(computeCoverage(graph, coverageSources(units, atStations, NOW), OPTIONS), grids).overall.within5;

beforeAll(() => {
  graph = buildRoadGraph(generateCityNetwork({ centerLat: 30.26, centerLon: 120.17, targetEdges: 6000, sizeKm: 4, seed: 7 }));
  const layout = demoLayout(roadGraphBounds(graph));
  grids = layout.grids;
  stations = layout.stations.map((s) => ({ ...s, standingCrew: null }));
});

describe('who covers', () => {
  it.each([
    ['available', true],
    ['dispatched', false],
    ['en_route', false],
    ['on_scene', false],
    ['busy', false],
    ['off_duty', false],
    ['needs_help', false],
    ['sos', false],
  ])('a unit that is %s covers: %s', (status, covers) => {
    const sources = coverageSources([unitAt('u', stations[0]!, status)], [], NOW);
    expect(sources.length).toBe(covers ? 1 : 0);
  });

  it.each([
    ['no standing crew (null)', null, 0],
    ['standing crew absent', undefined, 0],
    ['a standing crew on foot', { force: 'volunteer', mode: 'foot' } as const, 1],
    ['a standing car', { force: 'fire', mode: 'car' } as const, 1],
  ])('a station with %s gives %i sources', (_, standingCrew, count) => {
    const station = { ...stations[0]!, standingCrew };
    if (standingCrew === undefined) delete station.standingCrew;
    const sources = coverageSources([], [station], NOW);
    expect(sources.length).toBe(count);
    if (standingCrew) expect(sources[0]!.mode).toBe(standingCrew.mode);
  });
});

describe('the figure', () => {
  it('is nothing for stations without units or crews, and something with a standing crew', () => {
    expect(within5([])).toBe(0);
    const fire = stations.find((s) => s.kind === 'fire')!;
    const crewed = stations.map((s) => (s.id === fire.id ? { ...s, standingCrew: { force: 'fire' as const, mode: 'car' as const } } : s));
    const share = within5([], crewed);
    expect(share).toBeGreaterThan(0);
    expect(share).toBeLessThan(1);
  });

  it('falls as units are taken away, down to nothing', () => {
    const all = onFootAtStations();
    const table = [all.length, 6, 3, 1, 0].map((n) => within5(all.slice(0, n)));
    for (let i = 1; i < table.length; i++) expect(table[i], `with ${[all.length, 6, 3, 1, 0][i]} units`).toBeLessThan(table[i - 1]!);
    expect(table.at(-1)).toBe(0);
  });

  it('does not count units that are busy', () => {
    const free = within5(onFootAtStations());
    expect(free).toBeGreaterThan(0);
    for (const status of ['dispatched', 'en_route', 'on_scene', 'busy', 'needs_help']) expect(within5(onFootAtStations(status)), status).toBe(0);
    const half = onFootAtStations().map((u, i) => (i % 2 ? { ...u, status: 'on_scene' as const } : u));
    expect(within5(half)).toBeLessThan(free);
  });

  it('publishes as gaps exactly the cells of the jurisdiction beyond the goal', () => {
    const units = onFootAtStations().slice(0, 1);
    const grid = computeCoverage(graph, coverageSources(units, stations, NOW), OPTIONS);
    const body = describeCoverage(grid, grids);
    const area = jurisdictionCells(grid, grids);
    const minutes = new Map(grid.cells.map((c, i) => [c, grid.minutes[i]!]));
    const expected = [...area].filter((c) => !((minutes.get(c) ?? Infinity) <= COVERAGE_GOAL_MINUTES)).sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(body.gapCells).toEqual(expected);
    expect(body.gaps.length).toBeGreaterThan(0);
    expect(body.gaps.reduce((n, g) => n + g.cellCount, 0)).toBeLessThanOrEqual(expected.length);
    // The share and the gaps tell the same story.
    expect(body.share.overall.within5).toBeCloseTo(1 - expected.length / area.size, 3);
  });
});

describe('what-if', () => {
  const ask = (units: Unit[], request: WhatIfRequest) =>
    whatIfCoverage(graph, coverageSources(units, stations, NOW), grids, request, OPTIONS, new Map(units.map((u) => [u.id, u])));

  it('answers nothing with everyone removed, however many stations there are', () => {
    const units = onFootAtStations();
    const reply = ask(units, { add: [], removeUnitIds: units.map((u) => u.id) });
    expect(reply.before.overall.within5).toBeGreaterThan(0);
    expect(reply.after.overall.within5).toBe(0);
    expect(reply.lostCells.length).toBeGreaterThan(0);
    expect(reply.gainedCells).toEqual([]);
  });

  it.each([
    ['a temporary car post in the uncovered corner', (c: { lat: number; lon: number }): WhatIfRequest => ({ add: [{ ...c, mode: 'car' }] })],
    ['a unit moved into the uncovered corner', (c: { lat: number; lon: number }): WhatIfRequest => ({ add: [], move: [{ unitId: 'car-mover', ...c }] })],
  ])('%s raises the share and closes gap cells', (_, request) => {
    const b = roadGraphBounds(graph);
    // Every unit in the south-west quarter; the north-east corner is a gap.
    const sw = nearestNode(graph, b.minLat + (b.maxLat - b.minLat) * 0.2, b.minLon + (b.maxLon - b.minLon) * 0.2);
    const ne = nearestNode(graph, b.minLat + (b.maxLat - b.minLat) * 0.8, b.minLon + (b.maxLon - b.minLon) * 0.8);
    const units = [unitAt('car-stays', sw), unitAt('car-mover', sw)];
    const reply = ask(units, request(ne));
    expect(reply.after.overall.within5).toBeGreaterThan(reply.before.overall.within5);
    expect(reply.gainedCells.length).toBeGreaterThan(0);
    // The mover's old spot is still covered by the one who stays: nothing lost.
    expect(reply.lostCells).toEqual([]);
    expect(reply.goalMinutes).toBe(COVERAGE_GOAL_MINUTES);
    expect(reply.unplacedAdds).toEqual([]);
    expect(reply.unplacedMoves).toEqual([]);
  });

  it('a unit moved away leaves a gap behind, and a busy unit moved in covers from its new spot', () => {
    const b = roadGraphBounds(graph);
    const sw = nearestNode(graph, b.minLat + (b.maxLat - b.minLat) * 0.2, b.minLon + (b.maxLon - b.minLon) * 0.2);
    const ne = nearestNode(graph, b.minLat + (b.maxLat - b.minLat) * 0.8, b.minLon + (b.maxLon - b.minLon) * 0.8);
    const away = ask([unitAt('alone', sw)], { add: [], move: [{ unitId: 'alone', ...ne }] });
    expect(away.lostCells.length).toBeGreaterThan(0);
    expect(away.gainedCells.length).toBeGreaterThan(0);
    const busy = ask([unitAt('busy', sw, 'on_scene')], { add: [], move: [{ unitId: 'busy', ...ne }] });
    expect(busy.before.overall.within5).toBe(0);
    expect(busy.after.overall.within5).toBeGreaterThan(0);
    // In the sea: no road, so it covers nothing and says so.
    const lost = ask([unitAt('lost', sw)], { add: [], move: [{ unitId: 'lost', lat: 0.5, lon: 0.5 }] });
    expect(lost.unplacedMoves).toEqual(['lost']);
    expect(lost.after.overall.within5).toBe(0);
  });
});
