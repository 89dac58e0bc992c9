/**
 * `pnpm lianfang import <kind> <file> [--dry-run]` and `pnpm lianfang export <kind> [-o <file>]`
 * (kinds: units, users, devices, incidents, grids, stations, jurisdiction; export: geography, jurisdiction):
 * the console's bulk import and export from a shell, against a running server (its admin API,
 * so every row is validated, audited with the administrator as actor and published to the walls).
 *
 *   --server <url>   the server (default http://127.0.0.1:$PORT, PORT defaults to 8080)
 *   --user <name>    an administrator (default admin); the password from LIANFANG_PASSWORD or asked
 *   --lang zh|en     the language of the report (default: Chinese unless LANG names another)
 *
 * Exit code: 0 done (or a dry run with no refused row), 1 rows refused (nothing written), 2 could not run.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { ImportReport, JurisdictionImportReport } from '@lianfang/shared';
import { AdminClientError, connectAdmin } from './admin-client.js';
import { cliLanguage, importReportLines } from './import-report-text.js';
import { readPassword } from './read-password.js';

const USAGE = `usage:
  pnpm lianfang import <kind> <file|-> [--dry-run] [--server URL] [--user NAME] [--lang zh|en]
  pnpm lianfang export <kind> [-o FILE] [--server URL] [--user NAME]
kinds the server takes, e.g.: units, users, devices, incidents, grids, stations, keyareas, posts, jurisdiction (import);
  geography, jurisdiction (export: a zip of every file, e.g. -o backup.zip)`;

/** pnpm runs root scripts in the workspace root: a file named on the command line is the user's own directory's. */
const userDir = process.env.INIT_CWD ?? process.cwd();

function contentTypeOf(file: string): string {
  const ext = extname(file).toLowerCase();
  if (ext === '.csv' || ext === '.txt') return 'text/csv';
  if (ext === '.tsv') return 'text/tab-separated-values';
  if (ext === '.zip') return 'application/zip';
  return 'application/json';
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'dry-run': { type: 'boolean', default: false },
      server: { type: 'string' },
      user: { type: 'string', default: 'admin' },
      lang: { type: 'string' },
      output: { type: 'string', short: 'o' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, kind, file] = positionals;
  if (values.help || !command || !kind || (command === 'import' && !file) || !['import', 'export'].includes(command)) {
    process.stderr.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  if (!/^[a-z-]+$/.test(kind)) throw new Error(`not a kind: ${kind}`);
  const server = values.server ?? `http://127.0.0.1:${process.env.PORT ?? 8080}`;
  const password = await readPassword(`${values.user}@${server} password: `, process.env);
  const client = await connectAdmin(server, values.user, password);

  if (command === 'export') {
    const { body } = await client.get(`/api/admin/export/${kind}`);
    if (values.output) writeFileSync(resolve(userDir, values.output), body);
    else process.stdout.write(body);
    return 0;
  }

  const content = file === '-' ? readFileSync(0) : readFileSync(resolve(userDir, file!));
  const query = values['dry-run'] ? '?dryRun=true' : '';
  const answer = (await client.post(`/api/admin/import/${kind}${query}`, content, contentTypeOf(file!))) as ImportReport | JurisdictionImportReport;
  // the jurisdiction zip answers with one report per file inside it
  const reports = 'reports' in answer ? answer.reports : [answer];
  for (const report of reports) for (const line of importReportLines(report, cliLanguage(values.lang, process.env))) process.stdout.write(`${line}\n`);
  return reports.some((r) => r.counts.reject > 0) ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    const status = err instanceof AdminClientError && err.status ? ` (HTTP ${err.status})` : '';
    process.stderr.write(`lianfang: ${err instanceof Error ? err.message : String(err)}${status}\n`);
    process.exitCode = 2;
  },
);
