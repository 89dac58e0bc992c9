// Shared pieces of the k6 scenarios: provisioning (admin login, units with tracker ids,
// panic-button gateways), a tracker fix over OsmAnd, an alert press, and a wall screen
// speaking Socket.IO v4 over a raw WebSocket (Engine.IO framing) that audits every seq.
// Metrics are the service objectives: alert_to_screen (POST sent → on this screen),
// seq_gaps / seq_duplicates (must stay 0), catch_up_after_storm.
import http from 'k6/http';
import ws from 'k6/ws';
import { check } from 'k6';
import { Counter, Trend } from 'k6/metrics';
// The one judge every screen uses (shared/src/realtime/seq-judge.ts), as compiled by `pnpm build`.
import { SeqJudge } from '../../../shared/dist/realtime/seq-judge.js';

export const BASE = __ENV.BASE || 'http://127.0.0.1:8080';
const ADMIN_PASSWORD = __ENV.ADMIN_PASSWORD || '';

export const alertToScreen = new Trend('alert_to_screen', true);
export const catchUpAfterStorm = new Trend('catch_up_after_storm', true);
export const seqGaps = new Counter('seq_gaps');
export const seqDuplicates = new Counter('seq_duplicates');
/** Position batches an alert overtook by design, merged late (not a defect; a screen that judged them duplicates would be wrong). */
export const seqLate = new Counter('seq_late');
export const alertsSeen = new Counter('alerts_seen');

const json = { headers: { 'content-type': 'application/json' } };
const bearer = (token) => ({ headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } });

/** Runs once (k6 setup): log in, register `units` units and `gateways` gateways around one point. */
export function provision(units, gateways, prefix) {
  const login = http.post(`${BASE}/api/auth/login`, JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }), json);
  if (login.status !== 200) throw new Error(`login failed (${login.status}): set ADMIN_PASSWORD`);
  const token = login.json('token');
  const trackers = [];
  const forces = ['police', 'security', 'merchant_guard', 'volunteer'];
  const modes = ['foot', 'bike', 'moto', 'car'];
  for (let start = 0; start < units; start += 50) {
    const batch = [];
    for (let i = start; i < Math.min(units, start + 50); i++) {
      const trackerId = `${prefix}${String(i).padStart(5, '0')}`;
      trackers.push(trackerId);
      batch.push([
        'POST',
        `${BASE}/api/units`,
        JSON.stringify({ callsign: `${prefix}-${i}`, force: forces[i % 4], mode: modes[i % 4], trackerId }),
        bearer(token),
      ]);
    }
    for (const r of http.batch(batch)) check(r, { 'unit registered': (x) => x.status === 201 });
  }
  const keys = [];
  for (let i = 0; i < gateways; i++) {
    const r = http.post(
      `${BASE}/api/devices`,
      JSON.stringify({
        name: `${prefix} gateway ${i + 1}`,
        kind: 'alert_gateway',
        lat: 31.2304 + (i % 5) * 0.0006,
        lon: 121.4737 + Math.floor(i / 5) * 0.0006,
      }),
      bearer(token),
    );
    check(r, { 'gateway registered': (x) => x.status === 201 });
    keys.push(r.json('key'));
  }
  return { token, trackers, keys };
}

/** One fix from tracker `id`, as Traccar Client sends it. */
export function reportFix(id, k) {
  const lat = 31.2 + (k % 97) * 0.0001;
  const lon = 121.45 + (k % 89) * 0.0001;
  const res = http.get(`${BASE}/ingest/osmand?id=${id}&lat=${lat.toFixed(6)}&lon=${lon.toFixed(6)}&timestamp=${Date.now()}&speed=5&bearing=90`, {
    tags: { name: 'osmand' },
  });
  check(res, { 'fix accepted': (r) => r.status === 200 });
}

/** One press of a panic button; the note carries the send time so each screen can time its arrival. */
export function pressAlert(key, i) {
  const body = JSON.stringify({ kind: 'panic', note: `k6:${Date.now()}`, idempotencyKey: `k6-${__VU}-${i}-${Date.now()}` });
  const res = http.post(`${BASE}/ingest/alerts`, body, { ...bearer(key), tags: { name: 'alert' } });
  check(res, { 'alert accepted (202)': (r) => r.status === 202, 'never a 5xx other than 503': (r) => r.status < 500 || r.status === 503 });
}

const SEQ = /"seq":(\d+)/;
const FROM_SEQ = /"fromSeq":(\d+)/;
const EVENT = /^42\["([^"]+)"/;
/**
 * A wall screen for `seconds`. `state` lives across the VU's iterations (module scope in the
 * caller): lastSeq is sent on reconnect, and the server must continue exactly after it.
 * `closeAt` (ms since epoch, optional): drop the connection then (the reconnect storm).
 */
export function screen(token, state, seconds, closeAt) {
  const url = `${BASE.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`;
  const resuming = state.lastSeq >= 0;
  let target = -1;
  if (resuming) target = http.get(`${BASE}/readyz`).json('seq') || 0;
  let caught = false;
  const res = ws.connect(url, {}, (socket) => {
    socket.on('message', (m) => {
      if (m[0] === '0') {
        // Engine.IO open → Socket.IO connect to the main namespace with the login (and the last seq when resuming).
        socket.send(`40${JSON.stringify(resuming ? { token, lastSeq: state.lastSeq } : { token })}`);
      } else if (m === '2') {
        socket.send('3'); // ping → pong
      } else if (m.startsWith('42')) {
        onEvent(m, state);
        if (resuming && !caught && state.lastSeq >= target && state.stormAt) {
          caught = true;
          catchUpAfterStorm.add(Date.now() - state.stormAt);
        }
      } else if (m.startsWith('44')) {
        check(m, { 'socket login accepted': () => false });
        socket.close();
      }
    });
    socket.setTimeout(() => socket.close(), seconds * 1000);
    if (closeAt && closeAt > Date.now()) {
      socket.setTimeout(() => {
        state.stormAt = closeAt;
        socket.close();
      }, closeAt - Date.now());
    }
  });
  check(res, { 'websocket upgraded': (r) => r && r.status === 101 });
}

function onEvent(m, state) {
  const head = m.slice(0, 200);
  const seqMatch = SEQ.exec(head);
  const eventMatch = EVENT.exec(head);
  if (!seqMatch || !eventMatch) return;
  const seq = Number(seqMatch[1]);
  // state lives across the VU's iterations: the judge too, so a resumed screen judges from its lastSeq.
  if (!state.judge) state.judge = new SeqJudge(state.lastSeq);
  if (eventMatch[1] === 'state:snapshot') {
    state.judge.reset(seq);
    state.lastSeq = seq;
    return;
  }
  // The broadcaster puts an overtaking message's fromSeq last; a position batch has it near the start.
  const fromMatch = FROM_SEQ.exec(head) || FROM_SEQ.exec(m.slice(-80));
  const msg = fromMatch ? { seq, fromSeq: Number(fromMatch[1]) } : { seq };
  if (state.lastSeq < 0) state.judge.reset(seq - 1); // the first message after a fresh connect without a snapshot seen
  const verdict = state.judge.judge(eventMatch[1], msg);
  if (verdict === 'duplicate') {
    seqDuplicates.add(1);
    return;
  }
  if (verdict === 'late') {
    seqLate.add(1);
    return;
  }
  if (verdict === 'gap') {
    seqGaps.add(1);
    state.judge.reset(seq); // counted; a k6 screen does not resume mid-connection, it judges on from here
  }
  state.lastSeq = seq;
  if (head.startsWith('42["alert:raised"')) {
    alertsSeen.add(1);
    const note = /"note":"k6:(\d+)"/.exec(m);
    if (note) alertToScreen.add(Date.now() - Number(note[1]));
  }
}
