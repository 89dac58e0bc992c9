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
  | { type: 'back' }
  | { type: 'intake' };

/**
 * The keyboard of the control room (shown on screen next to each button, never only on hover):
 * ↑/↓ or J/K choose an incident in the queue, Enter opens it, Esc steps back / closes;
 * in the panel 1–8 pick candidates, D dispatches them, E escalates (E or Enter again confirms),
 * R resolves (then 1–6 choose the outcome). N takes a new call (the intake form) from anywhere on the wall.
 */
export function commandForKey(key: string, state: { panelOpen: boolean; mode: DeskMode }): WallCommand | null {
  const k = key.length === 1 ? key.toLowerCase() : key;
  if (k === 'n') return { type: 'intake' };
  if (k === 'ArrowDown' || k === 'j') return { type: 'move', delta: 1 };
  if (k === 'ArrowUp' || k === 'k') return { type: 'move', delta: -1 };
  if (!state.panelOpen) return k === 'Enter' ? { type: 'open' } : null;
  if (k === 'Escape') return state.mode === 'dispatch' ? { type: 'close' } : { type: 'back' };
  const digit = /^[1-9]$/.test(k) ? Number(k) : null;
  switch (state.mode) {
    case 'confirm-escalate':
      return k === 'e' || k === 'Enter' ? { type: 'confirm-escalate' } : null;
    case 'choose-outcome':
      return digit !== null ? { type: 'outcome', n: digit } : null;
    case 'dispatch':
      if (digit !== null) return { type: 'pick', n: digit };
      if (k === 'd') return { type: 'dispatch' };
      if (k === 'e') return { type: 'escalate' };
      if (k === 'r') return { type: 'resolve' };
      if (k === 'Enter') return { type: 'open' };
      return null;
  }
}
