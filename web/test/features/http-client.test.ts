import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiRequestError, NetworkError } from '../../src/api/api-errors';
import { apiRequest, setUnauthorizedListener } from '../../src/api/http-client';
import { writeSessionToken } from '../../src/api/session-token';

function reply(status: number, body: unknown, type = 'application/json'): Response {
  return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers: { 'content-type': type } });
}

describe('apiRequest', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    setUnauthorizedListener(null);
    writeSessionToken(null);
  });

  it('sends the bearer token and returns the JSON body', async () => {
    writeSessionToken('tok');
    const fetchMock = vi.fn(async () => reply(200, { ok: 1 }));
    vi.stubGlobal('fetch', fetchMock);
    await expect(apiRequest('/api/x')).resolves.toEqual({ ok: 1 });
    const init = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect((init[1].headers as Record<string, string>).Authorization).toBe('Bearer tok');
  });

  it('throws a typed error that names the field', async () => {
    vi.stubGlobal('fetch', async () => reply(422, { statusCode: 422, error: 'Unprocessable Entity', message: 'teamId: no such team', field: 'teamId' }));
    const err = await apiRequest('/api/units', { method: 'POST', body: {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiRequestError);
    expect(err).toMatchObject({ status: 422, field: 'teamId', message: 'teamId: no such team' });
  });

  it('tells the auth layer about a 401 and turns a dead network into NetworkError', async () => {
    const onUnauthorized = vi.fn();
    setUnauthorizedListener(onUnauthorized);
    vi.stubGlobal('fetch', async () => reply(401, { statusCode: 401, error: 'Unauthorized', message: 'login required' }));
    await expect(apiRequest('/api/units')).rejects.toBeInstanceOf(ApiRequestError);
    expect(onUnauthorized).toHaveBeenCalledOnce();
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(apiRequest('/api/units')).rejects.toBeInstanceOf(NetworkError);
  });

  it('does not mistake the SPA fallback page for data', async () => {
    vi.stubGlobal('fetch', async () => reply(200, '<!doctype html>', 'text/html'));
    await expect(apiRequest('/api/map/roads')).resolves.toBeUndefined();
  });
});
