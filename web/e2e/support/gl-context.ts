import type { Page } from 'playwright-core';

interface LoseContext {
  loseContext(): void;
  restoreContext(): void;
}
type ProbeWindow = Window & { lianfangLoseContext?: LoseContext };

/**
 * Loses the wall map's WebGL context the way a GPU reset does, through `WEBGL_lose_context`
 * (the extension is kept: it is the handle `restoreMapContext` needs), and waits until the wall knows.
 */
export async function loseMapContext(page: Page): Promise<void> {
  await page.evaluate(() => {
    const canvas = window.lianfangMap!.getCanvas();
    const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
    const ext = gl?.getExtension('WEBGL_lose_context');
    if (!ext) throw new Error('WEBGL_lose_context is not available');
    (window as ProbeWindow).lianfangLoseContext = ext;
    ext.loseContext();
  });
  await page.waitForSelector('[data-testid=map][data-gl-context=lost]', { timeout: 10_000 });
}

/**
 * Gives the context back and waits until the map is whole again: the wall's `ok`, and MapLibre done
 * loading (sources re-tiled with what was re-sent). Returns how long that took on the page's clock.
 */
export async function restoreMapContext(page: Page): Promise<number> {
  const ms = await page.evaluate(() => {
    const t0 = performance.now();
    (window as ProbeWindow).lianfangLoseContext!.restoreContext();
    return new Promise<number>((resolve) => {
      const poll = () => {
        const whole = document.querySelector('[data-testid=map]')?.getAttribute('data-gl-context') === 'ok' && window.lianfangMap!.loaded();
        if (whole) resolve(performance.now() - t0);
        else setTimeout(poll, 20);
      };
      poll();
    });
  });
  await page.waitForSelector('[data-testid=map][data-gl-context=ok]', { timeout: 30_000 });
  return ms;
}

/**
 * What an operator would do instead: reload the wall. Waits until the map is loaded and draws units
 * again, and returns how long after the navigation started (page clock). The login must survive it.
 */
export async function reloadWallUntilDrawn(page: Page, units: number): Promise<number> {
  await page.reload();
  await page.waitForSelector('[data-testid=connection-state][data-state=live]', { timeout: 30_000 });
  return page.evaluate(
    (min) =>
      new Promise<number>((resolve) => {
        const poll = () => {
          if (window.lianfangMap?.loaded() && (window.lianfangUnits?.drawnCount() ?? 0) >= min) resolve(performance.now());
          else setTimeout(poll, 20);
        };
        poll();
      }),
    units,
  );
}

/**
 * Places in the map's resting view with no drawn unit within `clearPx`, away from the map's edges and
 * below the alert banner, as candidates from `points` ([lon, lat]) with where they are on the page.
 */
export function emptySpots(page: Page, points: [number, number][], clearPx: number) {
  return page.evaluate(
    ({ pts, clear }) => {
      const map = window.lianfangMap!;
      const probe = window.lianfangUnits!;
      const area = document.querySelector('[data-testid=map]')!.getBoundingClientRect();
      const bannerBottom = document.querySelector('.alert-overlay')?.getBoundingClientRect().bottom ?? 0;
      const drawn = probe
        .ids()
        .map((id) => probe.screenPosition(id))
        .filter((p) => p !== null);
      return pts
        .map(([lon, lat]) => ({ lon, lat, p: map.project([lon, lat]) }))
        .filter(({ p }) => p.x > 200 && p.x < area.width - 300 && p.y < area.height - 200 && p.y + area.top > Math.max(bannerBottom, area.top) + 150)
        .filter(({ p }) => drawn.every((q) => Math.hypot(q.x - p.x, q.y - p.y) > clear))
        .map(({ lon, lat, p }) => ({ lon, lat, x: p.x + area.left, y: p.y + area.top }));
    },
    { pts: points, clear: clearPx },
  );
}
