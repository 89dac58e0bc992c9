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
    ['d', closed, null],
    ['3', closed, null],
    ['3', open, { type: 'pick', n: 3 }],
    ['D', open, { type: 'dispatch' }],
    ['e', open, { type: 'escalate' }],
    ['r', open, { type: 'resolve' }],
    ['Escape', open, { type: 'close' }],
    ['x', open, null],
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
