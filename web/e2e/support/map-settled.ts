import type { Page } from 'playwright-core';

/** Waits until the map has its style, every tile in view, and nothing left to draw. */
export async function mapSettled(page: Page): Promise<void> {
  await page.waitForSelector('[data-testid=map][data-ready=true]', { timeout: 60_000 });
  await page.waitForFunction(() => !!window.lianfangMap && window.lianfangMap.loaded() && window.lianfangMap.areTilesLoaded(), null, {
    timeout: 60_000,
    polling: 200,
  });
}
