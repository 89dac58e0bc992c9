import { TeamImportRowSchema, type DomainEvent, type ImportRow, type TeamImportRow } from '@lianfang/shared';
import { recordAudit } from '../audit/audit-log.js';
import { importRowChecker, rejectedRow, type RowInFile } from '../import-row-check.js';
import type { ImportStage } from '../import-stages.js';
import { insertAdminTeam, listAdminTeams, updateTeamAt } from './team-repository.js';

const checkRow = importRowChecker<TeamImportRow>(TeamImportRowSchema, 'name');

/**
 * Teams by name (the jurisdiction file set's teams.csv): a new name is created, a known one takes
 * the force of its row. Each change is audited and published (`team.updated`) as the console's are.
 */
export function teamImportStage(items: readonly RowInFile[]): ImportStage {
  return async (q, { actor }) => {
    const teams = await listAdminTeams(q);
    const rows: ImportRow[] = [];
    const events: DomainEvent[] = [];
    const inFile = new Set<string>();
    for (const item of items) {
      const checked = checkRow(item.raw);
      const r = checked.row;
      if ((item.problems?.length ?? 0) > 0 || !r) {
        rows.push(rejectedRow(item.row, checked.key, item.problems?.length ? item.problems : checked.problems));
        continue;
      }
      if (inFile.has(r.name)) {
        rows.push(rejectedRow(item.row, r.name, [{ field: 'name', message: 'appears twice in this file', code: 'twice_in_file', params: { value: r.name } }]));
        continue;
      }
      inFile.add(r.name);
      const known = teams.find((t) => t.name === r.name);
      if (known && known.force === r.force) {
        rows.push({ row: item.row, key: r.name, action: 'unchanged', problems: [] });
        continue;
      }
      const team = known ? await updateTeamAt(q, known.id, known.version, { name: r.name, force: r.force }) : await insertAdminTeam(q, r);
      await recordAudit(q, actor, known ? 'team.update' : 'team.create', team!.id, { name: r.name, force: r.force, import: true });
      events.push({ type: 'team.updated', team: { id: team!.id, name: team!.name, force: team!.force }, retired: false });
      rows.push({ row: item.row, key: r.name, action: known ? 'update' : 'create', problems: [] });
    }
    return { kind: 'teams', rows, events, secrets: [] };
  };
}
