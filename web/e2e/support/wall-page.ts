import type { Page } from 'playwright-core';

export async function logIn(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.fill('[data-testid=login-username]', username);
  await page.fill('[data-testid=login-password]', password);
  await page.click('[data-testid=login-submit]');
}

/** true once the incident's marker stands on the visible part of the wall map. */
export function incidentMarkerDrawn(page: Page, incidentId: string, timeout: number) {
  return page.waitForFunction((id) => {
    const marker = document.querySelector(`[data-testid=incident-marker][data-incident-id="${id}"]`);
    const area = document.querySelector('[data-testid=map]');
    if (!marker || !area) return false;
    const r = marker.getBoundingClientRect();
    const a = area.getBoundingClientRect();
    const x = r.left + r.width / 2;
    const y = r.top + r.height / 2;
    return x >= a.left && x <= a.right && y >= a.top && y <= a.bottom;
  }, incidentId, { timeout, polling: 50 });
}

/** Waits until the map has drawn at least `n` units (the demo patrols are reporting). */
export function unitsDrawn(page: Page, n: number, timeout: number) {
  return page.waitForFunction((min) => {
    const map = (window as { lianfangMap?: { getLayer(id: string): unknown; queryRenderedFeatures(o: { layers: string[] }): unknown[] } }).lianfangMap;
    return !!map && !!map.getLayer('units-dot') && map.queryRenderedFeatures({ layers: ['units-dot'] }).length >= min;
  }, n, { timeout, polling: 200 });
}
