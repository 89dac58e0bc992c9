import type { Page } from 'playwright-core';

export async function logIn(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.fill('[data-testid=login-username]', username);
  await page.fill('[data-testid=login-password]', password);
  await page.click('[data-testid=login-submit]');
}

/** true once the incident's marker is drawn on the wall map (not just in the data). */
export function incidentMarkerDrawn(page: Page, incidentId: string, timeout: number) {
  return page.waitForFunction((id) => {
    const map = (window as { lianfangMap?: { getLayer(id: string): unknown; queryRenderedFeatures(o: { layers: string[] }): { properties: Record<string, unknown> }[] } }).lianfangMap;
    if (!map || !map.getLayer('incidents-core')) return false;
    return map.queryRenderedFeatures({ layers: ['incidents-core'] }).some((f) => f.properties.id === id);
  }, incidentId, { timeout, polling: 50 });
}

/** Waits until the map has drawn at least `n` units (the demo patrols are reporting). */
export function unitsDrawn(page: Page, n: number, timeout: number) {
  return page.waitForFunction((min) => {
    const map = (window as { lianfangMap?: { getLayer(id: string): unknown; queryRenderedFeatures(o: { layers: string[] }): unknown[] } }).lianfangMap;
    return !!map && !!map.getLayer('units-dot') && map.queryRenderedFeatures({ layers: ['units-dot'] }).length >= min;
  }, n, { timeout, polling: 200 });
}
