/** One server instance behind the balancer; `downUntil` skips it for a while after a refused connection. */
export interface Backend {
  host: string;
  port: number;
  downUntil: number;
}

/**
 * Sticky sessions for Socket.IO's long-polling fallback. A WebSocket session is
 * one TCP connection, so it needs nothing; a polling session is many HTTP
 * requests (and maybe a later upgrade) that must all reach the instance that
 * opened it. The instance names the session in its handshake reply
 * (`0{"sid":"…"`); later requests carry `sid=…`. Bounded: at most `max`
 * sessions remembered, each for `ttlMs`.
 */
export class SocketAffinity {
  private readonly sessions = new Map<string, { backend: Backend; until: number }>();

  constructor(
    private readonly max = 100_000,
    private readonly ttlMs = 3_600_000,
  ) {}

  /** The instance this request must go to, or undefined when any will do. */
  pinned(url: string | undefined): Backend | undefined {
    const sid = url?.startsWith('/socket.io/') ? /[?&]sid=([^&]+)/.exec(url)?.[1] : undefined;
    const hit = sid ? this.sessions.get(decodeURIComponent(sid)) : undefined;
    return hit && hit.until > Date.now() ? hit.backend : undefined;
  }

  /** A polling handshake: its reply names the session. */
  isHandshake(url: string | undefined): boolean {
    return !!url?.startsWith('/socket.io/') && url.includes('transport=polling') && !/[?&]sid=/.test(url);
  }

  learn(replyBody: string, backend: Backend): void {
    const sid = /"sid":"([^"]+)"/.exec(replyBody)?.[1];
    if (!sid) return;
    if (this.sessions.size >= this.max) this.sessions.delete(this.sessions.keys().next().value!);
    this.sessions.set(sid, { backend, until: Date.now() + this.ttlMs });
  }
}
