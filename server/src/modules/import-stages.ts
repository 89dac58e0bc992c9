import type { DomainEvent, ImportReport, ImportRow, OneTimeSecret } from '@lianfang/shared';
import type { Queryable } from '../db/database.js';
import type { CommandBus } from '../pipeline/command-bus.js';

/** What one kind of record did in an import: its rows, the events of what it wrote, and what it made to show once. */
export interface StageOutcome {
  kind: string;
  rows: ImportRow[];
  events: DomainEvent[];
  secrets: OneTimeSecret[];
  /** after the commit, never after a rollback (a user's open logins are told they ended) */
  afterCommit?: () => void;
}

export interface StageContext {
  /** who imports (`user:<name>`): every record created or changed is audited with it */
  actor: string;
  /** the stage writes anyway (later stages plan against it) but may skip what is slow and thrown away, like hashing */
  dryRun: boolean;
}

/** One kind of record: plans its rows against the tables as they are in `q`, writes the rows it accepts, says what it did. */
export type ImportStage = (q: Queryable, context: StageContext) => Promise<StageOutcome>;

class RolledBack extends Error {
  constructor(readonly outcomes: StageOutcome[]) {
    super('import rolled back');
  }
}

/**
 * Stages run in order in ONE transaction, each seeing what the ones before it wrote (units name
 * teams, devices name units). Every stage writes the rows it accepts so the next can plan against
 * them; the transaction commits only when it is no dry run, no row anywhere is refused and something
 * changed, else it is rolled back: a dry run reports exactly what the import would do, and nothing
 * is ever half-applied. Events go out through the outbox only on commit.
 */
export async function runImportStages(
  bus: CommandBus,
  stages: readonly ImportStage[],
  context: StageContext,
): Promise<{ outcomes: StageOutcome[]; applied: boolean }> {
  try {
    const { result } = await bus.run(async (q) => {
      const outcomes: StageOutcome[] = [];
      for (const stage of stages) outcomes.push(await stage(q, context));
      const refused = outcomes.some((o) => o.rows.some((r) => r.action === 'reject'));
      const changed = outcomes.some((o) => o.rows.some((r) => r.action === 'create' || r.action === 'update'));
      if (context.dryRun || refused || !changed) throw new RolledBack(outcomes);
      return { result: outcomes, events: outcomes.flatMap((o) => o.events) };
    });
    for (const o of result) o.afterCommit?.();
    return { outcomes: result, applied: true };
  } catch (error) {
    if (error instanceof RolledBack) return { outcomes: error.outcomes, applied: false };
    throw error;
  }
}

/** The report of one stage: counts by action, rows in file order, secrets only when they were written. */
export function stageReport(outcome: StageOutcome, dryRun: boolean, applied: boolean): ImportReport {
  const counts = { create: 0, update: 0, unchanged: 0, reject: 0 };
  for (const r of outcome.rows) counts[r.action]++;
  const rows = [...outcome.rows].sort((a, b) => a.row - b.row);
  return {
    kind: outcome.kind,
    dryRun,
    applied,
    counts,
    rows,
    ...(applied && outcome.secrets.length > 0 ? { oneTimeSecrets: outcome.secrets } : {}),
  };
}
