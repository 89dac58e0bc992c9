/** 个人账号（修改密码、我的登录）与登录列表的中文文案。英文文件必须有同样的键（由其类型检查）。 */
export const accountZhCN = {
  nav: { account: '账号', admin: '管理', back: '返回' },
  account: {
    title: '我的账号',
    signedInAs: '{username} · {role}',
    changePassword: '修改密码',
    currentPassword: '当前密码',
    newPassword: '新密码',
    repeatPassword: '再次输入新密码',
    submit: '修改密码',
    submitting: '正在保存…',
    required: '请填写此项',
    tooShort: '至少 8 个字符',
    mismatch: '两次输入的新密码不一致',
    wrongCurrent: '当前密码不正确',
    changed: '密码已修改，其他 {n} 个登录已结束',
    failed: '操作失败：{message}',
    mySessions: '我的登录',
    loadFailed: '加载失败：{message}',
  },
  sessions: {
    started: '登录时间',
    lastSeen: '最近活动',
    address: '地址',
    device: '设备',
    expires: '到期',
    current: '本机',
    end: '结束',
    endAll: '全部结束',
    empty: '没有进行中的登录',
    unknown: '未知',
    loading: '正在加载…',
  },
};

export type AccountMessages = typeof accountZhCN;
