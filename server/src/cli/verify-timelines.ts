/**
 * `pnpm --filter ./server verify-timelines [--incident <id>] [--json]`
 * Recomputes every incident timeline's hash chain from the database named by
 * DATABASE_URL (or the PGlite files in DATA_DIR: stop the server first, PGlite
 * is single-process; or use GET /api/admin/timelines/verify on a running one).
 * Exit code: 0 every chain holds, 1 a broken link was found, 2 could not check.
 */
import { loadConfig } from '../config.js';
import { openDatabase } from '../compose.js';
import { verifyTimelines } from '../modules/audit/timeline-verifier.js';

const args = process.argv.slice(2);
const json = args.includes('--json');
const at = args.indexOf('--incident');
const incidentId = at >= 0 ? args[at + 1] : undefined;

const config = loadConfig();
const db = await openDatabase(config);
try {
  const report = await verifyTimelines(db, incidentId ? { incidentId } : {});
  if (json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else if (report.ok)
    process.stdout.write(`OK: ${report.rows} timeline rows in ${report.incidents} incidents, every hash chain holds.\nheads digest ${report.headsDigest}\n`);
  else {
    const f = report.firstBroken!;
    process.stdout.write(
      `BROKEN: ${report.broken.length} of ${report.incidents} incident timelines fail.\nfirst broken link: incident ${f.incidentId}, event ${f.eventId} (${f.reason})\n`,
    );
    for (const b of report.broken) process.stdout.write(`  incident ${b.incidentId}: event ${b.eventId} ${b.reason}\n`);
  }
  process.exitCode = report.ok ? 0 : 1;
} catch (err) {
  process.stderr.write(`verify-timelines: could not check: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 2;
} finally {
  await db.close();
}
