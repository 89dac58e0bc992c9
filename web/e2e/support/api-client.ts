/** Minimal JSON calls to the running server, as an admin or a device would make them. */
export class E2eApi {
  private token = '';

  constructor(private readonly baseUrl: string) {}

  async login(username: string, password: string): Promise<void> {
    const reply = await this.call<{ token: string }>('POST', '/api/auth/login', { username, password });
    this.token = reply.token;
  }

  async call<T>(method: string, path: string, body?: unknown, bearer = this.token): Promise<T> {
    const res = await fetch(this.baseUrl + path, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
      body: body === undefined ? null : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }
}
