/**
 * The CLI's way into a running server: it logs in as an administrator and calls the same
 * admin API the console uses, so an import from the shell is validated, audited with its
 * actor and published to every open wall exactly like one from the browser.
 */
export class AdminClientError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

export interface AdminClient {
  post(path: string, body: Buffer, contentType: string): Promise<unknown>;
  get(path: string): Promise<{ body: Buffer; contentType: string }>;
}

async function readError(res: Response): Promise<string> {
  const text = await res.text();
  try {
    const parsed = JSON.parse(text) as { message?: unknown; error?: unknown };
    return String(parsed.message ?? parsed.error ?? text);
  } catch {
    return text;
  }
}

export async function connectAdmin(server: string, username: string, password: string): Promise<AdminClient> {
  const base = server.replace(/\/+$/, '');
  let login: Response;
  try {
    login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
  } catch (err) {
    throw new AdminClientError(`cannot reach ${base}: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (!login.ok) throw new AdminClientError(`login as ${username} refused: ${await readError(login)}`, login.status);
  const { token } = (await login.json()) as { token: string };
  const authorization = `Bearer ${token}`;
  return {
    async post(path, body, contentType) {
      const res = await fetch(`${base}${path}`, { method: 'POST', headers: { authorization, 'content-type': contentType }, body });
      if (!res.ok) throw new AdminClientError(await readError(res), res.status);
      return res.json();
    },
    async get(path) {
      const res = await fetch(`${base}${path}`, { headers: { authorization } });
      if (!res.ok) throw new AdminClientError(await readError(res), res.status);
      return { body: Buffer.from(await res.arrayBuffer()), contentType: res.headers.get('content-type') ?? '' };
    },
  };
}
