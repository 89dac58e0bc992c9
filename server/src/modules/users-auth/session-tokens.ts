import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Role } from '@lianfang/shared';

/** Who a request or socket acts for: read from the session row and the user as they are now, never from the token alone. */
export interface SessionClaims {
  sid: string;
  uid: string;
  username: string;
  role: Role;
  teamId: string | null;
  unitId: string | null;
  exp: number;
}

/** What the token itself carries: which session, and until when. */
export interface TokenClaims {
  sid: string;
  exp: number;
}

/**
 * The signed wrapper around a session id (HMAC-SHA256). The signature lets every
 * instance drop forged or garbage tokens without touching the database; whether
 * the session is still open is the session store's question (session-store.ts).
 */
export class SessionTokens {
  constructor(private readonly secret: string) {}

  sign(claims: TokenClaims): string {
    const body = Buffer.from(JSON.stringify({ sid: claims.sid, exp: claims.exp })).toString('base64url');
    return `${body}.${this.mac(body)}`;
  }

  verify(token: string | undefined, now = Date.now()): TokenClaims | null {
    if (!token || token.length > 512) return null;
    const dot = token.indexOf('.');
    if (dot <= 0) return null;
    const body = token.slice(0, dot);
    const mac = Buffer.from(token.slice(dot + 1));
    const expected = Buffer.from(this.mac(body));
    if (mac.length !== expected.length || !timingSafeEqual(mac, expected)) return null;
    try {
      const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Partial<TokenClaims>;
      if (typeof claims.sid !== 'string' || typeof claims.exp !== 'number') return null;
      return claims.exp > now ? { sid: claims.sid, exp: claims.exp } : null;
    } catch {
      return null;
    }
  }

  private mac(body: string): string {
    return createHmac('sha256', this.secret).update(body).digest('base64url');
  }
}
