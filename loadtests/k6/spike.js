// k6 spike scenarios — a major event, then a reconnect storm:
//  * 10,000 units at 1 Hz and 1,000 wall screens; at 30 s, 50 alerts in 10 s from one area
//    (10 panic buttons in a night market, each pressed 5 times: repeated presses join one incident);
//  * at STORM_AT_S every screen drops its connection at the same instant and reconnects at once
//    with its last seq; each must catch up (hold what was committed when it came back) within 5 s,
//    with no gap and no duplicate.
//   ADMIN_PASSWORD=... BASE=http://127.0.0.1:8080 k6 run loadtests/k6/spike.js
//   (sizes: UNITS=10000 SCREENS=1000 DURATION_S=90 STORM_AT_S=60)
import exec from 'k6/execution';
import { pressAlert, provision, reportFix, screen } from './lib/lianfang.js';

const UNITS = Number(__ENV.UNITS || 10000);
const SCREENS = Number(__ENV.SCREENS || 1000);
const DURATION_S = Number(__ENV.DURATION_S || 90);
const STORM_AT_S = Number(__ENV.STORM_AT_S || 60);

export const options = {
  setupTimeout: '30m',
  scenarios: {
    screens: { executor: 'constant-vus', exec: 'wall', vus: SCREENS, duration: `${DURATION_S}s`, gracefulStop: '10s' },
    trackers: {
      executor: 'constant-arrival-rate',
      exec: 'tracker',
      rate: UNITS,
      timeUnit: '1s',
      duration: `${DURATION_S - 10}s`,
      startTime: '5s',
      preAllocatedVUs: Math.ceil(UNITS / 10),
      maxVUs: UNITS,
    },
    // 50 presses in 10 s: 5 a second from 10 devices in turn.
    presses: { executor: 'constant-arrival-rate', exec: 'alert', rate: 5, timeUnit: '1s', duration: '10s', startTime: '30s', preAllocatedVUs: 10, maxVUs: 50 },
    // A few more presses while the screens reconnect: they must reach every screen too.
    stormPresses: {
      executor: 'constant-arrival-rate',
      exec: 'alert',
      rate: 2,
      timeUnit: '1s',
      duration: '5s',
      startTime: `${STORM_AT_S}s`,
      preAllocatedVUs: 4,
      maxVUs: 20,
    },
  },
  thresholds: {
    alert_to_screen: ['p(50)<500', 'p(99)<2000'],
    catch_up_after_storm: ['p(99)<5000'],
    'http_req_failed{scenario:trackers}': ['rate<0.05'],
    'http_req_failed{scenario:presses}': ['rate==0'],
    seq_gaps: ['count==0'],
    seq_duplicates: ['count==0'],
  },
};

export function setup() {
  const data = provision(UNITS, 10, 'K6S');
  // One instant for every screen's drop, whatever VU runs it.
  return { ...data, stormAt: Date.now() + STORM_AT_S * 1000 };
}

const state = { lastSeq: -1, stormAt: 0 };
export function wall(data) {
  const left = (exec.scenario.startTime + DURATION_S * 1000 - Date.now()) / 1000;
  if (left <= 1) return;
  // First iteration: connect and drop at the storm; next iteration: reconnect at once with lastSeq.
  screen(data.token, state, left, state.stormAt ? undefined : data.stormAt);
}

export function tracker(data) {
  const i = exec.scenario.iterationInTest;
  reportFix(data.trackers[i % data.trackers.length], Math.floor(i / data.trackers.length));
}

export function alert(data) {
  const i = exec.scenario.iterationInTest;
  pressAlert(data.keys[i % data.keys.length], i);
}
