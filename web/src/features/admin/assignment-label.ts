import type { EnrolledUnit, ManagedUser, Team } from '@lianfang/shared';

/** What a user is attached to, by name: the team's name and/or the unit's callsign, never their ids. */
export function assignmentLabel(
  user: Pick<ManagedUser, 'teamId' | 'unitId'>,
  teams: Readonly<Record<string, Team>>,
  units: Readonly<Record<string, EnrolledUnit>>,
): string | null {
  const parts: string[] = [];
  if (user.teamId) parts.push(teams[user.teamId]?.name ?? '?');
  if (user.unitId) parts.push(units[user.unitId]?.callsign ?? '?');
  return parts.length > 0 ? parts.join(' · ') : null;
}
