import type { BrowserContext, Page } from 'playwright-core';

/** Logs in through the form; `next` is where to go afterwards instead of the role's own screen (an admin lands in the console). */
export async function logIn(page: Page, baseUrl: string, username: string, password: string, next?: '/wall' | '/tablet' | '/admin'): Promise<void> {
  await page.goto(`${baseUrl}/login${next ? `?next=${encodeURIComponent(next)}` : ''}`);
  await page.fill('[data-testid=login-username]', username);
  await page.fill('[data-testid=login-password]', password);
  await page.click('[data-testid=login-submit]');
}

/** true once the incident's marker stands on the visible part of the wall map. */
export function incidentMarkerDrawn(page: Page, incidentId: string, timeout: number) {
  return page.waitForFunction(
    (id) => {
      const marker = document.querySelector(`[data-testid=incident-marker][data-incident-id="${id}"]`);
      const area = document.querySelector('[data-testid=map]');
      if (!marker || !area) return false;
      const r = marker.getBoundingClientRect();
      const a = area.getBoundingClientRect();
      const x = r.left + r.width / 2;
      const y = r.top + r.height / 2;
      return x >= a.left && x <= a.right && y >= a.top && y <= a.bottom;
    },
    incidentId,
    { timeout, polling: 50 },
  );
}

/** Waits until the map's units layer draws at least `n` units (the demo patrols are reporting). */
export function unitsDrawn(page: Page, n: number, timeout: number) {
  return page.waitForFunction((min) => (window.lianfangUnits?.drawnCount() ?? 0) >= min, n, { timeout, polling: 200 });
}

/**
 * A drawn unit with no other unit within `clearPx` on screen, inside the map and away from its edges
 * (so a click there can only mean this unit), with where it is drawn now.
 */
export function isolatedUnit(page: Page, clearPx: number) {
  return page.evaluate((clear) => {
    const probe = window.lianfangUnits!;
    const area = document.querySelector('[data-testid=map]')!.getBoundingClientRect();
    const at = probe
      .ids()
      .map((id) => ({ id, p: probe.screenPosition(id)! }))
      .filter((u) => u.p && u.p.x > 200 && u.p.y > 200 && u.p.x < area.width - 300 && u.p.y < area.height - 200);
    const alone = at.find((u) => at.every((o) => o === u || Math.hypot(o.p.x - u.p.x, o.p.y - u.p.y) > clear));
    return alone ? { id: alone.id, x: alone.p.x + area.left, y: alone.p.y + area.top } : null;
  }, clearPx);
}

/** Dismisses every alert banner over the map (one at a time: each dismissal re-renders the rest). */
export async function dismissAlertBanners(page: Page): Promise<void> {
  const dismiss = page.locator('[data-testid=alert-banner] button.dismiss');
  for (let i = 0; i < 20 && (await dismiss.count()) > 0; i++) await dismiss.first().click();
}

/**
 * Another wall screen of the given size in the same login, closed whatever happens: a 4K page left
 * open by a failed step draws on the CPU for the rest of the run and starves every later test.
 */
export async function withWallPage(
  context: BrowserContext,
  baseUrl: string,
  size: { width: number; height: number },
  use: (page: Page) => Promise<void>,
): Promise<void> {
  const page = await context.newPage();
  try {
    await page.setViewportSize(size);
    await page.goto(`${baseUrl}/wall`);
    await page.waitForSelector('[data-testid=connection-state][data-state=live]');
    await use(page);
  } finally {
    await page.close();
  }
}
