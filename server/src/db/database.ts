/**
 * One data layer over both drivers: node-postgres when DATABASE_URL is set,
 * PGlite (PostgreSQL compiled to WASM, in-process) otherwise. Everything above
 * this file writes plain PostgreSQL with $n parameters and never knows which.
 */
export interface Queryable {
  query<R extends object = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<R[]>;
}

export interface Database extends Queryable {
  readonly driver: 'pg' | 'pglite';
  /** Runs fn in one transaction; commits when it resolves, rolls back when it throws. */
  tx<T>(fn: (q: Queryable) => Promise<T>): Promise<T>;
  /** Several statements at once, no parameters (migrations). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}
