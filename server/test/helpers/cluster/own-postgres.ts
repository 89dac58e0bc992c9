/**
 * A PostgreSQL cluster of our own (initdb in a temp dir, its own port, trust
 * auth on 127.0.0.1), for drills that take the database away: never the shared
 * cluster on 5432. The outage is `pg_ctl stop -m immediate` (the postmaster
 * and every backend quit at once, as in a crash); restarting runs crash recovery.
 * Runs as the `postgres` OS user when we are root (PostgreSQL refuses root).
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.js';

function binDir(): string {
  const root = '/usr/lib/postgresql';
  const version = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a))[0] : undefined;
  if (!version) throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql (apt-get install postgresql)');
  return join(root, version, 'bin');
}

export class OwnPostgres {
  private readonly bin = binDir();

  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  /** `postgres://postgres@127.0.0.1:<port>/<database>` */
  url(database = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  static async start(): Promise<OwnPostgres> {
    const dir = mkdtempSync(join(tmpdir(), 'lf-pg-'));
    const pg = new OwnPostgres(dir, await freePort());
    if (userInfo().uid === 0) {
      const { uid, gid } = { uid: Number(execFileSync('id', ['-u', 'postgres']).toString()), gid: Number(execFileSync('id', ['-g', 'postgres']).toString()) };
      chownSync(dir, uid, gid);
    }
    pg.run('initdb', ['-D', join(dir, 'data'), '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
    pg.startServer();
    return pg;
  }

  private run(tool: string, args: string[]): void {
    const cmd = join(this.bin, tool);
    if (userInfo().uid === 0) execFileSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { stdio: 'pipe' });
    else execFileSync(cmd, args, { stdio: 'pipe' });
  }

  /** The postmaster's pid while running (its backends are its children). */
  get pid(): number | undefined {
    try {
      return Number(readFileSync(join(this.dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
    } catch {
      return undefined;
    }
  }

  /** Starts (or restarts after an outage) and waits until it accepts connections. */
  startServer(): void {
    const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_buffers=64MB`;
    this.run('pg_ctl', ['-D', join(this.dir, 'data'), '-o', options, '-l', join(this.dir, 'log'), '-w', '-t', '60', 'start']);
  }

  /** A backup of `database` (pg_dump, custom format) into this cluster's directory; returns its path. */
  dump(database: string): string {
    const file = join(this.dir, `${database}.dump`);
    this.run('pg_dump', ['-h', '127.0.0.1', '-p', String(this.port), '-U', 'postgres', '-Fc', '-f', file, database]);
    return file;
  }

  /** Replaces `database` with the backup in `file` (drop, create, pg_restore): nothing may be connected to it. */
  restore(database: string, file: string): void {
    const conn = ['-h', '127.0.0.1', '-p', String(this.port), '-U', 'postgres'];
    this.run('psql', [...conn, '-d', 'postgres', '-v', 'ON_ERROR_STOP=1', '-c', `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`]);
    this.run('psql', [...conn, '-d', 'postgres', '-v', 'ON_ERROR_STOP=1', '-c', `CREATE DATABASE ${database}`]);
    this.run('pg_restore', [...conn, '-d', database, '--no-owner', file]);
  }

  /** The outage: immediate shutdown, no checkpoint (a crash, as far as clients can tell). */
  crash(): void {
    this.run('pg_ctl', ['-D', join(this.dir, 'data'), '-m', 'immediate', '-w', 'stop']);
  }

  /** Stops the cluster and removes its files. */
  destroy(): void {
    try {
      this.run('pg_ctl', ['-D', join(this.dir, 'data'), '-m', 'immediate', '-w', 'stop']);
    } catch {
      // already stopped
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
