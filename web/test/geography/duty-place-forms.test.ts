import type { KeyArea, PatrolPlan, Unit } from '@lianfang/shared';
import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '../../src/app/i18n';
import { useGeoStore } from '../../src/features/geo/geo.store';
import KeyAreaForm from '../../src/features/geography/components/KeyAreaForm.vue';
import PatrolPlanForm from '../../src/features/geography/components/PatrolPlanForm.vue';
import { usePatrolPlansStore } from '../../src/features/patrol-plans/patrol-plans.store';
import { useUnitsStore } from '../../src/features/units/units.store';
import { stubApi } from '../admin/admin-test-support';
import { freshPinia } from '../support/test-app';

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

const RING: KeyArea['ring'] = [
  [118.773, 32.033],
  [118.776, 32.033],
  [118.776, 32.036],
  [118.773, 32.033],
];
const refusal = (status: number, field: string, code: string) => () => ({
  status,
  body: { statusCode: status, error: 'x', message: `${field}: refused`, field, code },
});

/** The 地理 tab's key-area and patrol-plan forms: what they send, and a refusal shown next to its field in Chinese. */
describe('key area and patrol plan forms', () => {
  it('a key area: sends code, hours, interval and the drawn ring; a taken code is marked on the code field', async () => {
    const pinia = freshPinia();
    i18n.global.locale.value = 'zh-CN';
    const calls = stubApi({ 'POST /api/admin/key-areas': refusal(409, 'code', 'code_taken') });
    const w = mount(KeyAreaForm, { props: { keyArea: null, drawnRing: RING }, global: { plugins: [pinia, i18n] }, attachTo: document.body });
    await w.get('[data-testid=key-area-name]').setValue('地铁站');
    await w.get('[data-testid=key-area-code]').setValue('KA01');
    await w.get('[data-testid=key-area-from]').setValue('08:00');
    await w.get('[data-testid=key-area-to]').setValue('22:00');
    await w.get('[data-testid=key-area-every]').setValue('20');
    await w.get('form').trigger('submit');
    await flushPromises();
    expect(calls.map((c) => [c.method, c.path])).toEqual([['POST', '/api/admin/key-areas']]);
    expect(calls[0]!.body).toEqual({ name: '地铁站', code: 'KA01', from: '08:00', to: '22:00', everyMinutes: 20, ring: RING });
    expect(w.get('[data-testid=key-area-code-error]').text()).toBe('编码已被使用');
    expect(w.emitted('done')).toBeUndefined();
  });

  it('a guard tour: each map click adds a checkpoint in order; a refusal of the checkpoints is marked beside them', async () => {
    const pinia = freshPinia();
    i18n.global.locale.value = 'zh-CN';
    const unit: Unit = { id: 'u1', callsign: '巡01', force: 'police', mode: 'foot', teamId: null, status: 'available', position: null };
    useUnitsStore().replaceAll([unit]);
    const calls = stubApi({ 'POST /api/admin/patrol-plans': refusal(422, 'checkpoints', 'required') });
    const w = mount(PatrolPlanForm, {
      props: { plan: null, kind: 'tour', placed: null, placing: true },
      global: { plugins: [pinia, i18n] },
      attachTo: document.body,
    });
    await w.setProps({ placed: [118.774, 32.036] });
    await w.setProps({ placed: [118.774, 32.033] });
    expect(w.get('[data-testid=plan-checkpoint-count]').text()).toBe('共 2 个巡更点');
    await w.get('[data-testid=plan-name]').setValue('夜巡');
    await w.get('[data-testid=plan-code]').setValue('T01');
    await w.get('[data-testid=plan-unit]').setValue('u1');
    await w.get('form').trigger('submit');
    await flushPromises();
    expect(calls[0]!.body).toEqual({
      name: '夜巡',
      code: 'T01',
      unitId: 'u1',
      from: '08:00',
      to: '20:00',
      kind: 'tour',
      checkpoints: [
        { name: '1', lon: 118.774, lat: 32.036, radiusM: 30 },
        { name: '2', lon: 118.774, lat: 32.033, radiusM: 30 },
      ],
    });
    expect(w.get('[data-testid=plan-checkpoints-error]').text()).toBe('这一项必填');
  });

  it('the wall drops a retired key area and a retired plan when their update arrives', () => {
    freshPinia();
    const geo = useGeoStore();
    const plans = usePatrolPlansStore();
    const area = {
      id: 'a1',
      name: '地铁站',
      ring: RING,
      everyMinutes: 30,
      from: '08:00',
      to: '22:00',
      lastVisitAt: null,
      lastVisitUnitId: null,
      overdueSince: null,
      createdAt: '2026-01-01T00:00:00.000Z',
    };
    geo.upsertKeyArea(area);
    geo.upsertKeyArea({ ...area, id: 'a2' });
    geo.upsertKeyArea({ ...area, retiredAt: '2026-02-01T00:00:00.000Z', version: 2 });
    expect(geo.keyAreas.map((a) => a.id)).toEqual(['a2']);
    const plan: PatrolPlan = {
      id: 'p1',
      unitId: 'u1',
      name: '东门岗',
      kind: 'post',
      from: '20:00',
      to: '06:00',
      post: { lat: 32, lon: 118, radiusM: 50 },
      checkpoints: [],
      deviatingSince: null,
      shiftKey: null,
    };
    plans.upsert(plan);
    plans.upsert({ ...plan, retiredAt: '2026-02-01T00:00:00.000Z' });
    expect(plans.list).toEqual([]);
  });
});
