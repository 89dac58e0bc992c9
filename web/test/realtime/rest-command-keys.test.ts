import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LianfangClientSocket } from '../../src/realtime/realtime-socket';
import { createSocketCommandTransport } from '../../src/realtime/outbox/socket-command-transport';

/** The tablet's report and resolve carry the queued command's UUID as idempotency key (a resend is the same command). */
describe('REST commands from the offline queue', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('send the queued command id as idempotencyKey, the same on every attempt', async () => {
    const bodies: { url: string; body: Record<string, unknown> }[] = [];
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      bodies.push({ url, body: JSON.parse(String(init.body)) as Record<string, unknown> });
      return new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } });
    });
    const transport = createSocketCommandTransport({ connected: true } as unknown as LianfangClientSocket);
    const report = {
      id: 'c-report-1',
      kind: 'incident:report' as const,
      createdAt: '2025-01-01T08:00:00.000Z',
      payload: { category: 'other' as const, priority: 'P3' as const, title: 'Broken light', lat: 30.2, lon: 120.1 },
    };
    const resolve = {
      id: 'c-resolve-1',
      kind: 'incident:resolve' as const,
      createdAt: '2025-01-01T08:01:00.000Z',
      incidentId: 'i1',
      outcome: 'solved_on_site' as const,
    };
    await transport.send(report);
    await transport.send(report);
    await transport.send(resolve);
    expect(bodies.map((b) => [b.url, b.body.idempotencyKey])).toEqual([
      ['/api/incidents', 'c-report-1'],
      ['/api/incidents', 'c-report-1'],
      ['/api/incidents/i1/resolve', 'c-resolve-1'],
    ]);
    expect(bodies[0]?.body).toMatchObject({ title: 'Broken light', category: 'other' });
    // The resolve also carries when the captain pressed it, not when the queue got through.
    expect(bodies[2]?.body).toEqual({ outcome: 'solved_on_site', idempotencyKey: 'c-resolve-1', at: '2025-01-01T08:01:00.000Z' });
  });
});
