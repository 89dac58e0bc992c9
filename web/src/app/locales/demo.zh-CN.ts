/** 演示城市里由模拟方完成的操作，在时间线上显示的操作人（服务器记为 demo:operator / demo:crew / demo:department）。 */
export const demoZhCN = {
  demoActor: { operator: '演示调度员', crew: '演示队员', department: '演示部门', other: '演示' },
};

export type DemoMessages = typeof demoZhCN;
