/**
 * The bearer token from the login reply. Kept in localStorage because wall
 * screens reload (power cuts, kiosk restarts) and must come back logged in;
 * the server also sets an HttpOnly cookie, which stays the fallback.
 */
const KEY = 'lianfang.token';

export function readSessionToken(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function writeSessionToken(token: string | null): void {
  try {
    if (token) localStorage.setItem(KEY, token);
    else localStorage.removeItem(KEY);
  } catch {
    // Private mode or full storage: the cookie still carries the session.
  }
}
