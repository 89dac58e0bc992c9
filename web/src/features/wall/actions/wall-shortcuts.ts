import type { DeskMode } from './incident-desk.store';

/** What a key does on the wall. Pure, so the mapping is tested without a DOM. */
export type WallCommand =
  | { type: 'move'; delta: 1 | -1 }
  | { type: 'open' }
  | { type: 'close' }
  | { type: 'pick'; n: number }
  | { type: 'dispatch' }
  | { type: 'escalate' }
  | { type: 'confirm-escalate' }
  | { type: 'resolve' }
  | { type: 'outcome'; n: number }
  /** n = 1–4 on the ladder (grid … departments); 0 = the level the case sits at */
  | { type: 'level'; n: number }
  | { type: 'cancel' }
  | { type: 'whistle' }
  | { type: 'evaluate' }
  | { type: 'back' }
  | { type: 'intake' }
  /** start an emergency plan (P) */
  | { type: 'plan' }
  /** focus the place search box ("/", as in most search boxes) */
  | { type: 'search' };

/** Where the open incident is in its loop: live, resolved (the evaluation is next), or ended. */
export type DeskStage = 'open' | 'resolved' | 'ended';

/**
 * The keyboard of the control room (shown on screen next to each button, never only on hover):
 * N takes a call, P starts an emergency plan, / focuses the place search (↓/↑ and Enter there fly the map to a place), ↑/↓ or J/K choose an incident in the queue, Enter opens it, Esc steps back / closes;
 * in the panel 1–8 pick candidates, D dispatches them, E escalates (E or Enter again confirms),
 * R resolves (1–6 choose the outcome, then 1–4 or Enter the level that settled it), X cancels or
 * marks a false alarm, W blows the whistle; a resolved incident's V opens the evaluation.
 * The forms (cancel, evaluate, whistle) take their own keys; here only Esc leaves them.
 */
export function commandForKey(key: string, state: { panelOpen: boolean; mode: DeskMode; stage?: DeskStage }): WallCommand | null {
  const k = key.length === 1 ? key.toLowerCase() : key;
  if (k === 'n') return { type: 'intake' };
  if (k === 'p') return { type: 'plan' };
  if (k === '/') return { type: 'search' };
  if (k === 'ArrowDown' || k === 'j') return { type: 'move', delta: 1 };
  if (k === 'ArrowUp' || k === 'k') return { type: 'move', delta: -1 };
  if (!state.panelOpen) return k === 'Enter' ? { type: 'open' } : null;
  if (k === 'Escape') return state.mode === 'dispatch' ? { type: 'close' } : { type: 'back' };
  const digit = /^[1-9]$/.test(k) ? Number(k) : null;
  const stage = state.stage ?? 'open';
  switch (state.mode) {
    case 'confirm-escalate':
      return k === 'e' || k === 'Enter' ? { type: 'confirm-escalate' } : null;
    case 'choose-outcome':
      return digit !== null ? { type: 'outcome', n: digit } : null;
    case 'choose-level':
      if (digit !== null && digit <= 4) return { type: 'level', n: digit };
      return k === 'Enter' ? { type: 'level', n: 0 } : null;
    case 'cancel':
    case 'evaluate':
    case 'whistle':
      return null;
    case 'dispatch':
      if (stage === 'resolved') return k === 'v' ? { type: 'evaluate' } : null;
      if (stage === 'ended') return null;
      if (digit !== null) return { type: 'pick', n: digit };
      if (k === 'd') return { type: 'dispatch' };
      if (k === 'e') return { type: 'escalate' };
      if (k === 'r') return { type: 'resolve' };
      if (k === 'x') return { type: 'cancel' };
      if (k === 'w') return { type: 'whistle' };
      if (k === 'Enter') return { type: 'open' };
      return null;
  }
}
