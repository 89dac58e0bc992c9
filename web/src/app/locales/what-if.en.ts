import type { WhatIfMessages } from './what-if.zh-CN';

/** English strings of the coverage what-if tool on the wall. */
export const whatIfEn: WhatIfMessages = {
  whatIf: {
    button: 'What-if',
    title: 'Coverage what-if (nothing is dispatched)',
    key: 'W',
    help: 'Drag a unit to a new spot, or click the map to drop a temporary post; Esc leaves',
    now: 'Now',
    after: 'What-if',
    goal: 'within {min} min',
    closed: '{n} gap cells closed',
    opened: '{n} gap cells opened',
    postMode: 'Temporary post',
    modeKey: '{key} {mode}',
    moved: 'Move {callsign}',
    post: 'Temporary post · {mode}',
    remove: 'Undo',
    clear: 'Undo all',
    leave: 'Leave what-if (Esc)',
    computing: 'Computing…',
    nothing: 'No change yet: drag a unit, or click the map to drop a post',
    offRoad: 'off the road network: covers nothing',
    failed: 'What-if failed: {message}',
  },
};
