import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { createI18n } from 'vue-i18n';
import type { Incident } from '@lianfang/shared';
import { en } from '../../src/app/locales/en';
import { tabletEn } from '../../src/app/locales/tablet.en';
import { tabletZhCN } from '../../src/app/locales/tablet.zh-CN';
import { zhCN } from '../../src/app/locales/zh-CN';
import { incidentContact, telHref } from '../../src/features/incidents/incident-contact';
import AssignmentPanel from '../../src/features/tablet/components/AssignmentPanel.vue';
import DeclineDialog from '../../src/features/tablet/components/DeclineDialog.vue';
import FarOnSceneDialog from '../../src/features/tablet/components/FarOnSceneDialog.vue';
import { nextStep } from '../../src/features/tablet/my-assignment';
import type { RouteState } from '../../src/features/tablet/use-unit-route';
import { assignment, incident } from '../support/fixtures';
import { freshPinia } from '../support/test-app';

function plugins(locale: 'en' | 'zh-CN' = 'en') {
  const i18n = createI18n({
    legacy: false,
    locale,
    messages: { en: { ...en, ...tabletEn }, 'zh-CN': { ...zhCN, ...tabletZhCN } },
    missingWarn: false,
    fallbackWarn: false,
  });
  return [freshPinia(), i18n];
}

const ready: RouteState = {
  kind: 'ready',
  route: {
    incidentId: 'i1',
    unitId: 'u1',
    mode: 'car',
    etaSeconds: 250,
    distanceM: 2140,
    straightM: 1800,
    path: [
      [0, 0],
      [1, 1],
    ],
    fallback: false,
    positionAt: '2025-01-01T08:00:00Z',
    computedAt: '2025-01-01T08:00:01Z',
  },
};

function panel(status: 'dispatched' | 'acknowledged' | 'en_route' | 'on_scene', extra: Partial<Incident> = {}) {
  const i = incident({ id: 'i1', assignments: [assignment({ unitId: 'u1', status })], ...extra });
  const step = nextStep(i, 'u1', [])!;
  return mount(AssignmentPanel, { props: { incident: i, step, route: ready }, global: { plugins: plugins() } });
}

describe('the tablet has one set of buttons: the next step of the assignment', () => {
  it.each([
    ['dispatched', 'acknowledged', 'Acknowledge'],
    ['acknowledged', 'en_route', 'En route'],
    ['en_route', 'on_scene', 'On scene'],
    ['on_scene', 'resolve', 'Clear'],
  ] as const)('an assignment %s shows only "%s"', (status, step, label) => {
    const w = panel(status);
    const buttons = w.findAll('[data-testid=next-step]');
    expect(buttons).toHaveLength(1);
    expect(buttons[0]!.attributes('data-step')).toBe(step);
    expect(buttons[0]!.text()).toContain(label);
    // No unit-status buttons compete with it.
    expect(w.findAll('[data-testid^=status-]')).toHaveLength(0);
    // Declining is offered only before the dispatch is taken on.
    expect(w.find('[data-testid=decline-open]').exists()).toBe(status === 'dispatched');
  });

  it('emits the step on a press, and asks for the outcome before clearing', async () => {
    const moving = panel('acknowledged');
    await moving.get('[data-testid=next-step]').trigger('click');
    expect(moving.emitted('next')).toHaveLength(1);

    const there = panel('on_scene');
    await there.get('[data-testid=next-step]').trigger('click');
    expect(there.emitted('next')).toBeUndefined();
    await there.get('[data-testid=tablet-outcome-mediated]').trigger('click');
    expect(there.emitted('resolve')).toEqual([['mediated']]);
  });

  it('shows the ETA by road, and the caller with a number to tap when the incident has them', () => {
    const w = panel('en_route', {
      caller: '王先生',
      callbackNumber: '138 0013 8000',
      address: '安和路 12 号',
      description: '两人在店门口争吵',
    } as Partial<Incident>);
    expect(w.get('[data-testid=assignment-eta]').text()).toContain('ETA 4 min');
    expect(w.get('[data-testid=assignment-eta]').text()).toContain('2.1 km by road');
    expect(w.get('[data-testid=assignment-caller]').text()).toBe('王先生');
    expect(w.get('[data-testid=assignment-callback]').attributes('href')).toBe('tel:13800138000');
    expect(w.get('[data-testid=assignment-address]').text()).toBe('安和路 12 号');
    expect(w.get('[data-testid=assignment-description]').text()).toBe('两人在店门口争吵');
  });

  it('works without the call-taking fields (a server before them, or a panic alarm)', () => {
    const w = panel('en_route');
    expect(w.find('[data-testid=assignment-details]').exists()).toBe(false);
    expect(w.text()).toContain('No caller details');
  });
});

describe('decline dialog', () => {
  it('sends nothing until a reason is chosen, then the reason in words', async () => {
    const w = mount(DeclineDialog, { global: { plugins: plugins() } });
    expect(w.get('[data-testid=decline-send]').attributes('disabled')).toBeDefined();
    await w.get('[data-testid=decline-reason-vehicle]').trigger('click');
    await w.get('[data-testid=decline-send]').trigger('click');
    expect(w.emitted('confirm')).toEqual([['Vehicle or equipment failure']]);
  });

  it('takes a typed reason under "other", never an empty one', async () => {
    const w = mount(DeclineDialog, { global: { plugins: plugins('zh-CN') } });
    await w.get('[data-testid=decline-reason-other]').trigger('click');
    expect(w.get('[data-testid=decline-send]').attributes('disabled')).toBeDefined();
    await w.get('[data-testid=decline-other-text]').setValue('   ');
    expect(w.get('[data-testid=decline-send]').attributes('disabled')).toBeDefined();
    await w.get('[data-testid=decline-other-text]').setValue('  被群众拦住求助  ');
    await w.get('[data-testid=decline-send]').trigger('click');
    expect(w.emitted('confirm')).toEqual([['被群众拦住求助']]);
    await w.get('[data-testid=decline-cancel]').trigger('click');
    expect(w.emitted('cancel')).toHaveLength(1);
  });
});

describe('far on-scene confirmation', () => {
  it('says how far the tablet is and confirms explicitly (zh-CN)', async () => {
    const w = mount(FarOnSceneDialog, { props: { distanceM: 2035, radiusM: 150 }, global: { plugins: plugins('zh-CN') } });
    expect(w.get('[data-testid=far-body]').text()).toContain('2035 米');
    expect(w.get('[data-testid=far-confirm]').text()).toBe('我已到场，但定位较远');
    await w.get('[data-testid=far-confirm]').trigger('click');
    expect(w.emitted('confirm')).toHaveLength(1);
  });
});

describe('contact fields', () => {
  it('reads them defensively and makes dialable tel: links', () => {
    expect(incidentContact(incident())).toEqual({ caller: null, callbackNumber: null, address: null, description: null });
    expect(incidentContact(incident({ caller: 42, address: '  ' } as unknown as Partial<Incident>)).caller).toBeNull();
    expect(telHref('+86 (571) 8888-1234')).toBe('tel:+8657188881234');
    expect(telHref('110')).toBe('tel:110');
    expect(telHref('n/a')).toBeNull();
  });
});
