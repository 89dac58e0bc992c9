// @vitest-environment node
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TIMELINE_KINDS, type TimelineEntry } from '@lianfang/shared';
import { describe, expect, it } from 'vitest';
import { timelineActorLabel, timelineKindLabel, timelineText } from '../../src/features/incidents/timeline-labels';
import { wallScreenI18n } from '../support/wall-screen-i18n';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const LOCALES = ['zh-CN', 'en'] as const;
const labels = (locale: (typeof LOCALES)[number]) => {
  const { global } = wallScreenI18n(locale);
  return { t: (k: string, n?: Record<string, unknown>) => global.t(k, n ?? {}), te: (k: string) => global.te(k) };
};
const entry = (over: Partial<TimelineEntry>): TimelineEntry => ({ at: '2026-01-01T08:00:00.000Z', actor: 'system', kind: 'created', data: {}, ...over });
const ids = { a: '6f1c2a52-0d7e-4b53-9d0c-2f5b8d3e4a11', b: '0b7e9f3c-5a21-4c8d-8e6f-1a2b3c4d5e6f', device: 'c3d4e5f6-a7b8-4c9d-8e0f-112233445566' };
const callsigns: Record<string, string> = { [ids.a]: '巡逻03', [ids.b]: '消防01' };
const unitName = (id: string) => callsigns[id];

/** Every `.ts` file under a folder (the server's sources, read as text). */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [readFileSync(path, 'utf8')] : [];
  });
}

describe('timeline labels', () => {
  it('has a label for every timeline kind in zh-CN and English, never the key itself', () => {
    for (const locale of LOCALES) {
      const i18n = labels(locale);
      for (const kind of TIMELINE_KINDS) {
        expect(i18n.te(`eventLog.kind.${kind}`), `${locale} eventLog.kind.${kind}`).toBe(true);
        const text = timelineKindLabel(kind, i18n);
        expect(text).not.toContain(kind);
        expect(text).not.toMatch(/[a-z]+_[a-z]+/);
      }
    }
  });

  it('lists every kind the server writes (a new appendTimeline kind without a label fails here)', () => {
    const server = fileURLToPath(new URL('../../../server/src', import.meta.url));
    const text = sources(server).join('\n');
    const written = new Set<string>();
    // appendTimeline(q, id, actor, 'kind', …): the fourth argument when it is a literal.
    for (const m of text.matchAll(/appendTimeline\(\s*[^,]+,[^,]+,[^,]+,\s*'([a-z_]+)'/g)) written.add(m[1]!);
    // Kinds built from a value: `unit_${to}` (assignment steps), `${which}_target_breached`; the alert SQL.
    for (const to of ['acknowledged', 'en_route', 'on_scene', 'cleared', 'declined']) written.add(`unit_${to}`);
    for (const which of ['ack', 'arrival']) written.add(`${which}_target_breached`);
    for (const m of text.matchAll(/'(alert_[a-z_]+)'/g)) if (m[1] === 'alert_received') written.add(m[1]);
    // The lifecycle's transitions write the status they go to.
    for (const s of ['resolved', 'closed', 'cancelled', 'false_alarm']) written.add(s);
    expect(written.size).toBeGreaterThan(15);
    expect([...written].filter((k) => !(TIMELINE_KINDS as readonly string[]).includes(k))).toEqual([]);
  });

  it('says "other entry" for a kind no table knows, not its key', () => {
    for (const locale of LOCALES) expect(timelineKindLabel('brand_new_kind', labels(locale))).not.toContain('brand_new_kind');
  });

  it('names units, levels, departments and outcomes; prints no id', () => {
    const zh = labels('zh-CN');
    expect(timelineText(entry({ kind: 'unit_dispatched', data: { unitId: ids.a, callsign: '巡逻03' } }), zh, unitName)).toBe('派遣 · 巡逻03');
    expect(timelineText(entry({ kind: 'escalated', data: { from: 'grid', to: 'community', reason: 'arrival target breached' } }), zh, unitName)).toBe(
      '升级 · 网格 → 社区 · 到场超时',
    );
    expect(timelineText(entry({ kind: 'whistle', data: { departments: ['fire', 'city_mgmt'], minutes: 30 } }), zh, unitName)).toBe(
      '吹哨：召集部门报到 · 消防、城管 · 30 分钟内报到',
    );
    expect(timelineText(entry({ kind: 'resolved', data: { outcome: 'mediated', settledLevel: 'grid' } }), zh, unitName)).toBe('处置完毕 · 调解成功 · 网格');
    const en = labels('en');
    expect(timelineText(entry({ kind: 'ack_timeout', data: { unitId: ids.a, replacementUnitId: ids.b } }), en, unitName)).toBe(
      'No acknowledgement, replaced · 巡逻03、消防01',
    );
    // A unit the screen does not know and the server sent no callsign for: a label, not its id.
    const unknown = timelineText(entry({ kind: 'unit_on_scene', data: { unitId: '9f8e7d6c-5b4a-4321-8fed-cba987654321' } }), en, unitName);
    expect(unknown).toBe('On scene · (removed unit)');
  });

  it('names every actor kind in both languages and never prints a UUID', () => {
    const actors: TimelineEntry[] = [
      entry({ actor: 'system' }),
      entry({ actor: 'user:operator', actorName: 'operator' }),
      entry({ actor: `device:${ids.device}`, actorName: '报警按钮 3 · 巡逻03' }),
      entry({ actor: `device:${ids.device}`, actorName: null }),
      entry({ actor: `unit:${ids.a}` }),
      entry({ actor: `unit:${ids.device}` }),
      entry({ actor: 'tracker:巡逻03', actorName: '巡逻03' }),
      entry({ actor: `robot:${ids.a}` }),
    ];
    for (const locale of LOCALES) {
      const texts = actors.map((e) => timelineActorLabel(e, labels(locale), unitName));
      for (const text of texts) {
        expect(text).not.toMatch(UUID);
        expect(text.length).toBeGreaterThan(0);
      }
      if (locale === 'zh-CN') {
        expect(texts).toEqual([
          '系统',
          '值班员 operator',
          '报警设备 报警按钮 3 · 巡逻03',
          '报警设备（已删除）',
          '力量 巡逻03',
          '力量（已删除）',
          '定位终端 巡逻03',
          '未知来源',
        ]);
      }
    }
  });
});
