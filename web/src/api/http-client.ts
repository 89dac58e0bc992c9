import type { ApiError } from '@lianfang/shared';
import { ApiRequestError, NetworkError } from './api-errors';
import { readSessionToken } from './session-token';

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** sent as it is with its own type instead of a JSON body (a photo) */
  rawBody?: Blob;
  signal?: AbortSignal;
}

type UnauthorizedListener = () => void;

/** Where a 401 means "that password is wrong", not "your session is gone": no logout for those. */
const CREDENTIAL_CHECKS: ReadonlySet<string> = new Set(['/api/auth/login', '/api/auth/password']);
let onUnauthorized: UnauthorizedListener | null = null;

/** Lets the auth store hear about an expired session without this module importing it. */
export function setUnauthorizedListener(listener: UnauthorizedListener | null): void {
  onUnauthorized = listener;
}

/**
 * fetch for our JSON API: sends the bearer token, parses JSON, and turns any
 * non-2xx answer into an ApiRequestError carrying the server's `field`.
 */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const token = readSessionToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.rawBody) headers['Content-Type'] = options.rawBody.type || 'application/octet-stream';

  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      body: options.rawBody ?? (options.body === undefined ? null : JSON.stringify(options.body)),
      credentials: 'same-origin',
      signal: options.signal ?? null,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new NetworkError(err);
  }

  const payload = await readJson(response);
  if (!response.ok) {
    const body = isErrorBody(payload) ? payload : { message: response.statusText };
    if (response.status === 401 && !CREDENTIAL_CHECKS.has(path)) onUnauthorized?.();
    throw new ApiRequestError(response.status, body);
  }
  return payload as T;
}

async function readJson(response: Response): Promise<unknown> {
  // The SPA fallback answers unknown paths with index.html: that is not our JSON.
  if (!/[/+]json\b/.test(response.headers.get('content-type') ?? '')) return undefined;
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

function isErrorBody(value: unknown): value is Partial<ApiError> {
  return typeof value === 'object' && value !== null && 'message' in value;
}
