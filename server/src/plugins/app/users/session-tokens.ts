import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Role } from '@lianfang/shared';

export interface SessionClaims { uid: string; username: string; role: Role; teamId: string | null; unitId: string | null; exp: number }

/**
 * Stateless signed tokens (HMAC-SHA256), so every instance can check a socket
 * handshake without a database round trip. The secret lives in the database,
 * shared by all instances; `exp` bounds a stolen token's life.
 */
export class SessionTokens {
  constructor(private readonly secret: string, private readonly hours: number) {}

  sign(claims: Omit<SessionClaims, 'exp'>, now = Date.now()): string {
    const body = Buffer.from(JSON.stringify({ ...claims, exp: now + this.hours * 3600_000 })).toString('base64url');
    return `${body}.${this.mac(body)}`;
  }

  verify(token: string | undefined, now = Date.now()): SessionClaims | null {
    if (!token) return null;
    const dot = token.indexOf('.');
    if (dot <= 0) return null;
    const body = token.slice(0, dot);
    const mac = Buffer.from(token.slice(dot + 1));
    const expected = Buffer.from(this.mac(body));
    if (mac.length !== expected.length || !timingSafeEqual(mac, expected)) return null;
    try {
      const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as SessionClaims;
      return claims.exp > now ? claims : null;
    } catch {
      return null;
    }
  }

  private mac(body: string): string {
    return createHmac('sha256', this.secret).update(body).digest('base64url');
  }
}
