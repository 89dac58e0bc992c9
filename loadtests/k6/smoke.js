// k6 smoke scenario: a handful of trackers report once a second and a few screens
// hold a Socket.IO connection (Engine.IO v4 framing over raw WebSocket).
//   BASE=http://localhost:8080 TOKEN=<login token> TRACKERS=demo-police-car-1,demo-police-car-2 k6 run loadtests/k6/smoke.js
import http from 'k6/http';
import ws from 'k6/ws';
import { check } from 'k6';

const BASE = __ENV.BASE || 'http://localhost:8080';
const TOKEN = __ENV.TOKEN || '';
const TRACKERS = (__ENV.TRACKERS || 'demo-police-car-1').split(',');

export const options = {
  scenarios: {
    trackers: { executor: 'constant-arrival-rate', exec: 'report', rate: TRACKERS.length, timeUnit: '1s', duration: '30s', preAllocatedVUs: 10 },
    screens: { executor: 'constant-vus', exec: 'screen', vus: 5, duration: '30s' },
  },
  thresholds: {
    'http_req_failed{scenario:trackers}': ['rate<0.01'],
    'http_req_duration{scenario:trackers}': ['p(99)<100'],
    checks: ['rate>0.99'],
  },
};

export function report() {
  const id = TRACKERS[Math.floor(Math.random() * TRACKERS.length)];
  const lat = 30.26 + (Math.random() - 0.5) * 0.02;
  const lon = 120.17 + (Math.random() - 0.5) * 0.02;
  const res = http.get(`${BASE}/ingest/osmand?id=${id}&lat=${lat}&lon=${lon}&timestamp=${Date.now()}`);
  check(res, { 'fix accepted': (r) => r.status === 200 });
}

export function screen() {
  const url = `${BASE.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`;
  ws.connect(url, {}, (socket) => {
    socket.on('message', (m) => {
      if (m.startsWith('0'))
        socket.send(`40${JSON.stringify({ token: TOKEN })}`); // Engine.IO open → Socket.IO connect with auth
      else if (m === '2')
        socket.send('3'); // ping → pong
      else if (m.startsWith('42')) check(m, { 'sequenced event': (x) => x.includes('"seq"') });
    });
    socket.setTimeout(() => socket.close(), 25000);
  });
}
