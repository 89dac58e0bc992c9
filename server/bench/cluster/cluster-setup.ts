/**
 * Setting up a scenario over HTTP, as an administrator would (through the load
 * balancer): log in, register units with tracker ids, register panic-button
 * gateways with a fixed location. And the after-check against the database.
 */
import pg from 'pg';
import { CLUSTER_ADMIN_PASSWORD } from './cluster.js';

async function postJson<T>(url: string, body: object, token?: string): Promise<{ status: number; body: T }> {
  const res = await fetch(url, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    signal: AbortSignal.timeout(30_000),
  });
  return { status: res.status, body: (await res.json()) as T };
}

export async function adminLogin(baseUrl: string): Promise<string> {
  const res = await postJson<{ token: string }>(`${baseUrl}/api/auth/login`, { username: 'admin', password: CLUSTER_ADMIN_PASSWORD });
  if (res.status !== 200) throw new Error(`login failed: ${res.status}`);
  return res.body.token;
}

/** `count` units with tracker ids `<prefix>00000…`, a few requests in flight (commands serialise in the database anyway). */
export async function createUnitsOverHttp(baseUrl: string, token: string, count: number, prefix = 'L'): Promise<string[]> {
  const trackerIds = Array.from({ length: count }, (_, i) => `${prefix}${String(i).padStart(5, '0')}`);
  const forces = ['police', 'security', 'merchant_guard', 'volunteer'] as const;
  const modes = ['foot', 'bike', 'moto', 'car'] as const;
  for (let start = 0; start < count; start += 16) {
    await Promise.all(
      trackerIds.slice(start, start + 16).map(async (trackerId, j) => {
        const i = start + j;
        const res = await postJson(`${baseUrl}/api/units`, { callsign: `${prefix}-${i}`, force: forces[i % 4], mode: modes[i % 4], trackerId }, token);
        if (res.status !== 201) throw new Error(`create unit ${trackerId}: ${res.status} ${JSON.stringify(res.body)}`);
      }),
    );
  }
  return trackerIds;
}

/** Panic-button gateways standing within ~300 m of one point (one area: a night market, a stadium exit). */
export async function createGatewaysOverHttp(baseUrl: string, token: string, count: number, at = { lat: 31.2304, lon: 121.4737 }): Promise<string[]> {
  const keys: string[] = [];
  for (let i = 0; i < count; i++) {
    const res = await postJson<{ key: string }>(
      `${baseUrl}/api/devices`,
      {
        name: `gateway ${i + 1}`,
        kind: 'alert_gateway',
        lat: at.lat + (i % 5) * 0.0006,
        lon: at.lon + Math.floor(i / 5) * 0.0006,
      },
      token,
    );
    if (res.status !== 201) throw new Error(`create gateway: ${res.status} ${JSON.stringify(res.body)}`);
    keys.push(res.body.key);
  }
  return keys;
}

/** Which of these alert ids are in the database (the system of record), and how many alerts and incidents it holds. */
export async function alertsInDatabase(
  databaseUrl: string,
  ids: readonly string[],
): Promise<{ present: number; missing: string[]; alerts: number; incidents: number }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const found = await client.query<{ id: string }>('SELECT id FROM alerts WHERE id = ANY($1::text[])', [ids]);
    const have = new Set(found.rows.map((r) => r.id));
    const [counts] = (
      await client.query<{ alerts: string; incidents: string }>(
        "SELECT (SELECT count(*) FROM alerts) AS alerts, (SELECT count(*) FROM incidents WHERE source = 'alert') AS incidents",
      )
    ).rows;
    return { present: have.size, missing: ids.filter((id) => !have.has(id)), alerts: Number(counts!.alerts), incidents: Number(counts!.incidents) };
  } finally {
    await client.end();
  }
}
