import type { TSchema } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { AlertIngestSchema, CreateDeviceSchema, CreateUnitSchema, CreateUserSchema, LoginSchema, PositionReportSchema } from '@lianfang/shared';
import { compileCheck } from '../../src/transport/socket/validate.js';

/** The shared schemas, through the same Ajv settings the server validates with. */
const cases: [string, TSchema, unknown, boolean][] = [
  ['unit minimal', CreateUnitSchema, { callsign: 'P-01', force: 'police', mode: 'car' }, true],
  ['unit with tracker and team', CreateUnitSchema, { callsign: '保安-3', force: 'security', mode: 'foot', trackerId: '8675309', teamId: 'team-1' }, true],
  ['unit unknown force', CreateUnitSchema, { callsign: 'P-01', force: 'army', mode: 'car' }, false],
  ['unit unknown mode', CreateUnitSchema, { callsign: 'P-01', force: 'police', mode: 'horse' }, false],
  ['unit empty callsign', CreateUnitSchema, { callsign: '', force: 'police', mode: 'car' }, false],
  ['unit tracker with spaces', CreateUnitSchema, { callsign: 'x', force: 'police', mode: 'car', trackerId: 'a b' }, false],
  ['alert kind only', AlertIngestSchema, { kind: 'panic' }, true],
  ['alert full', AlertIngestSchema, { kind: 'sos', lat: 22.5, lon: 114.1, at: '2026-11-22T10:00:00Z', note: 'x', idempotencyKey: 'k1' }, true],
  ['alert lat out of range', AlertIngestSchema, { kind: 'sos', lat: 91, lon: 0 }, false],
  ['alert unknown kind', AlertIngestSchema, { kind: 'boom' }, false],
  ['alert bad time', AlertIngestSchema, { kind: 'sos', at: 'yesterday' }, false],
  ['alert note too long', AlertIngestSchema, { kind: 'sos', note: 'x'.repeat(501) }, false],
  ['position report', PositionReportSchema, { lat: 1, lon: 2, heading: 359 }, true],
  ['position report heading 400', PositionReportSchema, { lat: 1, lon: 2, heading: 400 }, false],
  ['position report no lon', PositionReportSchema, { lat: 1 }, false],
  ['login', LoginSchema, { username: 'admin', password: 'x' }, true],
  ['login bad username', LoginSchema, { username: 'ad min', password: 'x' }, false],
  ['device', CreateDeviceSchema, { name: 'gw', kind: 'alert_gateway' }, true],
  ['device bad kind', CreateDeviceSchema, { name: 'gw', kind: 'phone' }, false],
  ['user short password', CreateUserSchema, { username: 'u', password: 'short', role: 'operator' }, false],
  ['user unknown role', CreateUserSchema, { username: 'u', password: 'long-enough', role: 'king' }, false],
];

describe('schemas', () => {
  it.each(cases)('%s', (_name, schema, value, valid) => {
    expect(compileCheck(schema)(value).ok).toBe(valid);
  });
});

describe('validation errors name the field', () => {
  it.each([
    [AlertIngestSchema, { kind: 'sos', lat: 95, lon: 0 }, 'lat'],
    [AlertIngestSchema, {}, 'kind'],
    [CreateUnitSchema, { callsign: 'x', force: 'navy', mode: 'car' }, 'force'],
  ] as const)('%#', (schema, value, field) => {
    const r = compileCheck(schema)(value);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.details?.[0]?.field).toBe(field);
  });
});
