import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway, createUnit } from '../../../helpers/fixtures.js';
import { startTestApp, type TestApp } from '../../../helpers/test-app.js';

/** Whatever arrives at the ingest doors, the answer is a 2xx or a 4xx naming a field: never a 5xx, never a crash. */
describe('ingest fuzzing', () => {
  let t: TestApp;
  let key: string;
  beforeAll(async () => {
    t = await startTestApp();
    await createUnit(t.app, t.adminToken, 'F-1', 'fuzz-1');
    key = (await createGateway(t.app, t.adminToken, 'fuzz gw', { lat: 30, lon: 120 })).key;
  });
  afterAll(async () => t?.close());

  const scalar = fc.oneof(
    fc.string({ maxLength: 30 }),
    fc.double().map(String),
    fc.integer().map(String),
    fc.constantFrom('', 'NaN', 'Infinity', '-0', '1e308', '0x1F', 'null', '[]', '{}'),
  );
  const query = fc.dictionary(
    fc.constantFrom(
      'id',
      'deviceid',
      'lat',
      'lon',
      'location',
      'timestamp',
      'speed',
      'bearing',
      'heading',
      'altitude',
      'accuracy',
      'batt',
      'charge',
      'alarm',
      'x',
    ),
    scalar,
  );
  const json = fc.oneof(
    fc.jsonValue({ maxDepth: 4 }),
    fc.record({ device_id: fc.oneof(fc.constant('fuzz-1'), fc.string()), location: fc.jsonValue({ maxDepth: 3 }) }),
    fc.record(
      {
        kind: fc.oneof(fc.constantFrom('sos', 'panic', 'fire'), fc.string()),
        lat: fc.oneof(fc.double(), fc.string()),
        lon: fc.double(),
        at: fc.string(),
        note: fc.string({ maxLength: 600 }),
      },
      { requiredKeys: [] },
    ),
  );

  it('OsmAnd query strings', async () => {
    await fc.assert(
      fc.asyncProperty(query, fc.boolean(), async (q, knownId) => {
        const params = new URLSearchParams({ ...q, ...(knownId ? { id: 'fuzz-1' } : {}) });
        const res = await t.app.inject({ method: 'GET', url: `/ingest/osmand?${params}` });
        expect(res.statusCode).toBeLessThan(500);
        if (res.statusCode >= 400) expect((res.json() as { field?: string }).field).toBeTruthy();
      }),
      { numRuns: 300 },
    );
  });

  it('OsmAnd and alert JSON bodies, including garbage content types', async () => {
    await fc.assert(
      fc.asyncProperty(
        json,
        fc.constantFrom('/ingest/osmand', '/ingest/alerts'),
        fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded'),
        async (body, url, type) => {
          const payload = type === 'application/json' ? JSON.stringify(body) : String(JSON.stringify(body));
          const res = await t.app.inject({ method: 'POST', url, headers: { 'content-type': type, authorization: `Bearer ${key}` }, payload });
          expect(res.statusCode).toBeLessThan(500);
        },
      ),
      { numRuns: 300 },
    );
    // The process is still serving.
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });
});
