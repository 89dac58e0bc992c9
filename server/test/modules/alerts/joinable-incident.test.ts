import { describe, expect, it } from 'vitest';
import type { Incident } from '@lianfang/shared';
import { joinableInPicture } from '../../../src/modules/alerts/joinable-incident.js';
import { blankIncident } from '../../../src/modules/incidents/incident-repository.js';

const NOW = Date.parse('2026-11-30T10:00:00Z');
const ago = (s: number) => new Date(NOW - s * 1000).toISOString();
const incident = (id: string, over: Partial<Incident> = {}): Incident => ({
  ...blankIncident({
    id,
    status: 'reported',
    category: 'public_order',
    priority: 'P2',
    source: 'alert',
    title: id,
    lat: 30,
    lon: 120,
    gridId: null,
    deviceId: 'dev-1',
    unitId: null,
    alertCount: 1,
    createdAt: ago(60),
    updatedAt: ago(60),
    level: 'grid',
  }),
  ...over,
});

describe('joinable incident from the live picture (same rule as the SQL)', () => {
  const byDevice = { deviceId: 'dev-1', unitId: null };
  it.each([
    ['joins the open incident of the same device within the window', [incident('a')], byDevice, 'a'],
    ['not after the window', [incident('a', { updatedAt: ago(200) })], byDevice, null],
    ['not a closed one', [incident('a', { status: 'closed' })], byDevice, null],
    ['not one an operator opened', [incident('a', { source: 'manual' })], byDevice, null],
    ['not another device', [incident('a', { deviceId: 'dev-2' })], byDevice, null],
    ['the newest of two', [incident('old', { createdAt: ago(100) }), incident('new', { createdAt: ago(30) })], byDevice, 'new'],
    ['a device-less alarm joins by unit', [incident('u', { deviceId: null, unitId: 'unit-1' })], { deviceId: null, unitId: 'unit-1' }, 'u'],
    ['a device alarm never joins by unit', [incident('u', { deviceId: null, unitId: 'unit-1' })], { deviceId: 'dev-9', unitId: 'unit-1' }, null],
    ['nothing without device or unit', [incident('a')], { deviceId: null, unitId: null }, null],
  ] as const)('%s', (_name, incidents, by, expected) => {
    expect(joinableInPicture(incidents, by, 180, NOW)?.id ?? null).toBe(expected);
  });
});
