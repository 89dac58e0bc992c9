import type { DemoMessages } from './demo.zh-CN';

/** Who did a step the demo city simulated, as the timeline names it (recorded as demo:operator / demo:crew / demo:department). */
export const demoEn: DemoMessages = {
  demoActor: { operator: 'demo operator', crew: 'demo crew', department: 'demo department', other: 'demo' },
};
