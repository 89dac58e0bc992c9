import type { Unit } from '@lianfang/shared';

/**
 * A unit with exactly the fields screens may see. TypeScript lets a wider object
 * pass as a `Unit`, and events written before tracker ids became secrets (issue 14)
 * still hold one in the outbox: whatever reaches a socket goes through here.
 */
export const publicUnit = (u: Unit): Unit => ({
  id: u.id,
  callsign: u.callsign,
  force: u.force,
  mode: u.mode,
  teamId: u.teamId,
  status: u.status,
  position: u.position,
});
