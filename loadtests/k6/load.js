// k6 load scenario — a normal night: 2,000 units reporting at 1 Hz, 200 wall screens,
// an alert a minute. Thresholds are the service objectives.
//   ADMIN_PASSWORD=... BASE=http://127.0.0.1:8080 k6 run loadtests/k6/load.js
//   (sizes: UNITS=2000 SCREENS=200 DURATION_S=600 ALERT_EVERY_S=60)
// setup() registers the units and gateways it uses (prefix K6N), so run it against a test deployment.
import exec from 'k6/execution';
import { pressAlert, provision, reportFix, screen } from './lib/lianfang.js';

const UNITS = Number(__ENV.UNITS || 2000);
const SCREENS = Number(__ENV.SCREENS || 200);
const DURATION_S = Number(__ENV.DURATION_S || 600);
const ALERT_EVERY_S = Number(__ENV.ALERT_EVERY_S || 60);

export const options = {
  setupTimeout: '10m',
  scenarios: {
    screens: { executor: 'constant-vus', exec: 'wall', vus: SCREENS, duration: `${DURATION_S + 20}s`, gracefulStop: '10s' },
    trackers: {
      executor: 'constant-arrival-rate',
      exec: 'tracker',
      rate: UNITS,
      timeUnit: '1s',
      duration: `${DURATION_S}s`,
      startTime: '10s',
      preAllocatedVUs: Math.ceil(UNITS / 10),
      maxVUs: UNITS,
    },
    alerts: {
      executor: 'constant-arrival-rate',
      exec: 'alert',
      rate: 1,
      timeUnit: `${ALERT_EVERY_S}s`,
      duration: `${DURATION_S}s`,
      startTime: '15s',
      preAllocatedVUs: 2,
      maxVUs: 10,
    },
  },
  thresholds: {
    // Every screen shows an alert within 1 s of the press, half of them within 250 ms.
    alert_to_screen: ['p(50)<250', 'p(99)<1000'],
    // Ingest: at most 1% of fixes refused or failed; no alert press ever fails.
    'http_req_failed{scenario:trackers}': ['rate<0.01'],
    'http_req_failed{scenario:alerts}': ['rate==0'],
    'http_req_duration{scenario:alerts}': ['p(99)<500'],
    // Screens: nothing missed, nothing twice.
    seq_gaps: ['count==0'],
    seq_duplicates: ['count==0'],
    checks: ['rate>0.99'],
  },
};

export function setup() {
  return provision(UNITS, 10, 'K6N');
}

const state = { lastSeq: -1, stormAt: 0 };
export function wall(data) {
  screen(data.token, state, DURATION_S + 20);
}

export function tracker(data) {
  const i = exec.scenario.iterationInTest;
  reportFix(data.trackers[i % data.trackers.length], Math.floor(i / data.trackers.length));
}

export function alert(data) {
  const i = exec.scenario.iterationInTest;
  pressAlert(data.keys[i % data.keys.length], i);
}
