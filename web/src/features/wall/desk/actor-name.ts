/** `user:wang` → `wang`; `system` and `system:geofence` → the word for the system. For "who did it" on the wall. */
export function actorName(actor: string | null, systemWord: string): string {
  if (!actor) return '';
  if (actor.startsWith('user:')) return actor.slice(5);
  if (actor === 'system' || actor.startsWith('system:')) return systemWord;
  return actor.replace(/^[a-z]+:/, '');
}
