/** 系统管理「地理」页中重点区域、固定岗与巡更路线的中文文案。英文文件必须有同样的键（由其类型检查）。 */
export const dutyPlacesZhCN = {
  dutyPlaces: {
    keyAreasTitle: '重点区域',
    postsTitle: '固定岗',
    toursTitle: '巡更路线',
    new: { keyArea: '新建重点区域', post: '新建固定岗', tour: '新建巡更路线' },
    field: {
      from: '开始时间',
      to: '结束时间',
      everyMinutes: '巡查间隔（分钟）',
      unitId: '执勤力量',
      radiusM: '允许范围（米）',
      post: '岗位位置',
      checkpoints: '巡更点',
      checkpointName: '巡更点名称',
    },
    hoursHint: '开始与结束相同表示全天；结束早于开始表示跨夜。',
    pickUnit: '（选择力量）',
    draw: {
      post: '在地图上点击岗位的位置。',
      checkpoint: '在地图上依次点击各巡更点的位置；点完后点「完成」。',
      addCheckpoints: '在地图上添加巡更点',
      finishCheckpoints: '完成',
      checkpointCount: '共 {n} 个巡更点',
      noCheckpoints: '尚未添加巡更点',
      remove: '删除',
    },
    summary: {
      keyArea: '{from}–{to}，每 {every} 分钟',
      plan: '{unit}，{from}–{to}',
    },
  },
};

export type DutyPlacesMessages = typeof dutyPlacesZhCN;
