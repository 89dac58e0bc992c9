import { describe, expect, it } from 'vitest';
import { commandForKey } from '../../src/features/wall/actions/wall-shortcuts';

const closed = { panelOpen: false, mode: 'dispatch' as const };
const open = { panelOpen: true, mode: 'dispatch' as const };

describe('wall keyboard', () => {
  it.each([
    ['ArrowDown', closed, { type: 'move', delta: 1 }],
    ['j', closed, { type: 'move', delta: 1 }],
    ['K', closed, { type: 'move', delta: -1 }],
    ['Enter', closed, { type: 'open' }],
    ['/', closed, { type: 'search' }],
    ['/', open, { type: 'search' }],
    ['d', closed, null],
    ['3', closed, null],
    ['3', open, { type: 'pick', n: 3 }],
    ['D', open, { type: 'dispatch' }],
    ['e', open, { type: 'escalate' }],
    ['r', open, { type: 'resolve' }],
    ['Escape', open, { type: 'close' }],
    ['x', open, { type: 'cancel' }],
    ['w', open, { type: 'whistle' }],
    ['v', open, null],
    ['q', open, null],
    // a resolved incident: only the evaluation is left, no dispatch or resolve keys
    ['v', { panelOpen: true, mode: 'dispatch', stage: 'resolved' }, { type: 'evaluate' }],
    ['r', { panelOpen: true, mode: 'dispatch', stage: 'resolved' }, null],
    ['1', { panelOpen: true, mode: 'dispatch', stage: 'resolved' }, null],
    ['x', { panelOpen: true, mode: 'dispatch', stage: 'ended' }, null],
    ['Escape', { panelOpen: true, mode: 'dispatch', stage: 'ended' }, { type: 'close' }],
    ['3', { panelOpen: true, mode: 'choose-level' }, { type: 'level', n: 3 }],
    ['5', { panelOpen: true, mode: 'choose-level' }, null],
    ['Enter', { panelOpen: true, mode: 'choose-level' }, { type: 'level', n: 0 }],
    ['Escape', { panelOpen: true, mode: 'choose-level' }, { type: 'back' }],
    // the forms take their own keys: a digit typed there is not a candidate pick
    ['2', { panelOpen: true, mode: 'evaluate' }, null],
    ['d', { panelOpen: true, mode: 'cancel' }, null],
    ['Escape', { panelOpen: true, mode: 'whistle' }, { type: 'back' }],
    ['n', closed, { type: 'intake' }],
    ['N', open, { type: 'intake' }],
    ['e', { panelOpen: true, mode: 'confirm-escalate' }, { type: 'confirm-escalate' }],
    ['Enter', { panelOpen: true, mode: 'confirm-escalate' }, { type: 'confirm-escalate' }],
    ['d', { panelOpen: true, mode: 'confirm-escalate' }, null],
    ['Escape', { panelOpen: true, mode: 'confirm-escalate' }, { type: 'back' }],
    ['2', { panelOpen: true, mode: 'choose-outcome' }, { type: 'outcome', n: 2 }],
    ['r', { panelOpen: true, mode: 'choose-outcome' }, null],
    ['Escape', { panelOpen: true, mode: 'choose-outcome' }, { type: 'back' }],
  ] as const)('%s in %o → %o', (key, state, expected) => {
    expect(commandForKey(key, state)).toEqual(expected);
  });
});
