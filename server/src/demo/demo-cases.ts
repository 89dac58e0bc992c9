import type { Force, IncidentCategory, Outcome, Priority } from '@lianfang/shared';

/**
 * What a street office's joint-patrol desk gets, roughly: mostly disputes,
 * public-order calls and help requests, some crime and traffic, a little fire
 * and medical (those go to 119/120 first). Shared by the demo's past and its
 * live calls so the two look alike on the dashboard.
 */
export interface DemoCase {
  category: IncidentCategory;
  /** Share of all incidents. */
  weight: number;
  priorities: readonly (readonly [Priority, number])[];
  titles: readonly string[];
  /** Forces that answer it, first choice first (the demo's own judgement, not the ranking's). */
  forces: readonly Force[];
  outcomes: readonly (readonly [Outcome, number])[];
}

export const DEMO_CASES: readonly DemoCase[] = [
  {
    category: 'dispute',
    weight: 24,
    priorities: [
      ['P2', 20],
      ['P3', 65],
      ['P4', 15],
    ],
    titles: ['邻里噪音纠纷', '停车位纠纷', '商户与顾客争执', '家庭纠纷求助', '物业费纠纷'],
    forces: ['volunteer', 'security', 'police', 'city_mgmt'],
    outcomes: [
      ['mediated', 75],
      ['referred', 15],
      ['solved_on_site', 10],
    ],
  },
  {
    category: 'public_order',
    weight: 16,
    priorities: [
      ['P1', 10],
      ['P2', 45],
      ['P3', 45],
    ],
    titles: ['酒后滋事', '夜市人员聚集', '打架斗殴', '可疑人员徘徊', '占道经营冲突'],
    forces: ['police', 'security', 'merchant_guard'],
    outcomes: [
      ['solved_on_site', 60],
      ['mediated', 15],
      ['arrest_handover', 15],
      ['no_action', 10],
    ],
  },
  {
    category: 'assistance',
    weight: 15,
    priorities: [
      ['P3', 55],
      ['P4', 45],
    ],
    titles: ['老人走失', '儿童走失求助', '钥匙锁在屋内', '群众求助指路', '电动车被困'],
    forces: ['volunteer', 'security', 'merchant_guard', 'police'],
    outcomes: [
      ['solved_on_site', 80],
      ['referred', 10],
      ['no_action', 10],
    ],
  },
  {
    category: 'traffic',
    weight: 12,
    priorities: [
      ['P2', 35],
      ['P3', 50],
      ['P4', 15],
    ],
    titles: ['两车刮擦', '非机动车与行人相撞', '违停堵塞消防通道', '路口拥堵'],
    forces: ['police', 'city_mgmt'],
    outcomes: [
      ['solved_on_site', 75],
      ['referred', 25],
    ],
  },
  {
    category: 'criminal',
    weight: 10,
    priorities: [
      ['P1', 35],
      ['P2', 55],
      ['P3', 10],
    ],
    titles: ['商铺盗窃', '电动车被盗', '抢夺手机', '入室盗窃报警', '电信诈骗现场'],
    forces: ['police', 'security'],
    outcomes: [
      ['arrest_handover', 40],
      ['referred', 35],
      ['solved_on_site', 25],
    ],
  },
  {
    category: 'medical',
    weight: 8,
    priorities: [
      ['P1', 55],
      ['P2', 45],
    ],
    titles: ['老人晕倒', '路人突发疾病', '摔伤求助', '醉酒人员倒地'],
    forces: ['medical', 'volunteer', 'police'],
    outcomes: [
      ['referred', 60],
      ['solved_on_site', 40],
    ],
  },
  {
    category: 'other',
    weight: 7,
    priorities: [
      ['P3', 40],
      ['P4', 60],
    ],
    titles: ['井盖缺失', '流浪动物伤人隐患', '广告牌松动', '路灯不亮'],
    forces: ['city_mgmt', 'security', 'volunteer'],
    outcomes: [
      ['referred', 45],
      ['solved_on_site', 40],
      ['no_action', 15],
    ],
  },
  {
    category: 'fire',
    weight: 3,
    priorities: [
      ['P1', 70],
      ['P2', 30],
    ],
    titles: ['餐馆油锅起火', '电动车充电冒烟', '垃圾桶着火'],
    forces: ['fire', 'police'],
    outcomes: [
      ['solved_on_site', 70],
      ['referred', 30],
    ],
  },
  {
    category: 'public_health',
    weight: 2,
    priorities: [
      ['P2', 40],
      ['P3', 60],
    ],
    titles: ['餐饮店卫生投诉', '疑似食物中毒'],
    forces: ['city_mgmt', 'medical'],
    outcomes: [
      ['referred', 70],
      ['solved_on_site', 30],
    ],
  },
  {
    category: 'production_safety',
    weight: 2,
    priorities: [
      ['P2', 50],
      ['P3', 50],
    ],
    titles: ['工地脚手架隐患', '燃气泄漏气味'],
    forces: ['city_mgmt', 'fire', 'police'],
    outcomes: [
      ['referred', 60],
      ['solved_on_site', 40],
    ],
  },
  {
    category: 'natural_disaster',
    weight: 1,
    priorities: [
      ['P1', 40],
      ['P2', 60],
    ],
    titles: ['暴雨积水围困', '大风刮倒树木'],
    forces: ['fire', 'city_mgmt', 'police'],
    outcomes: [
      ['solved_on_site', 60],
      ['referred', 40],
    ],
  },
];

/** Incidents per hour of the day, relative: quiet before dawn, busy late morning and evening (night market). */
export const HOURLY_WEIGHT = [3, 2, 1.5, 1, 1, 1, 1.5, 3, 4.5, 5.5, 6, 6, 5.5, 5, 5, 5, 5.5, 6, 6.5, 7, 7.5, 7, 5.5, 4] as const;

/** Evaluations a resident or supervisor gives: mostly satisfied. */
export const RATINGS: readonly (readonly [number, number])[] = [
  [5, 55],
  [4, 30],
  [3, 10],
  [2, 4],
  [1, 1],
];

export const FEEDBACK = ['处置及时，满意', '态度很好', '来得很快', '基本满意', '希望加强夜间巡逻', '处理时间偏长'] as const;
