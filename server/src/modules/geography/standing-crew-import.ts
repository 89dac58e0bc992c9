import { StandingCrewFileRowSchema, type Station, type StandingCrewFileRow } from '@lianfang/shared';
import { recordAudit } from '../audit/audit-log.js';
import { importRowChecker } from '../import-row-check.js';
import type { ImportStage } from '../import-stages.js';
import { jsonRowsByKey, type RowOutcome } from '../json-rows-by-key.js';
import { listStations, setStandingCrew } from './geo-repository.js';

const checkRow = importRowChecker<StandingCrewFileRow>(StandingCrewFileRowSchema, 'station');
const sameCrew = (a: Station['standingCrew'], b: StandingCrewFileRow['standingCrew']) =>
  (a?.force ?? null) === (b?.force ?? null) && (a?.mode ?? null) === (b?.mode ?? null);

/**
 * Stations' standing crews (站点值守) of standing-crews.json as one stage of the jurisdiction
 * import, after the stations: each row by station code sets or clears (null) the crew of that
 * station in service, audited as the console's `station.standing_crew`. An unknown station is
 * refused. Written crews go out as `geography.changed` with the stations as they are now, so
 * every instance's picture and coverage follow (the console's PUT reloads only its own).
 */
export const standingCrewImportStage =
  (items: readonly unknown[]): ImportStage =>
  async (q, { actor }) => {
    const byCode = new Map((await listStations(q)).map((s) => [s.code ?? s.id, s]));
    const changes: { station: Station; crew: StandingCrewFileRow['standingCrew'] }[] = [];
    const visit = (r: StandingCrewFileRow): RowOutcome => {
      const station = byCode.get(r.station);
      if (!station)
        return { problems: [{ field: 'station', code: 'unknown_station', message: 'no station in service has this code', params: { value: r.station } }] };
      if (sameCrew(station.standingCrew, r.standingCrew)) return { action: 'unchanged' };
      changes.push({ station, crew: r.standingCrew });
      return { action: 'update' };
    };
    const rows = jsonRowsByKey(items, checkRow, 'station', (r) => r.station, visit);
    const written: Station[] = [];
    for (const { station, crew } of changes) {
      const saved = await setStandingCrew(q, station.id, crew);
      if (!saved) continue;
      written.push(saved);
      await recordAudit(q, actor, 'station.standing_crew', saved.id, { standingCrew: crew, code: saved.code, import: true });
    }
    return { kind: 'standingCrews', rows, events: written.length > 0 ? [{ type: 'geography.changed', grids: [], stations: written }] : [], secrets: [] };
  };
