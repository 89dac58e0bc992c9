import type { Page } from 'playwright-core';

export interface Appearances { banner: Record<string, number>; queue: Record<string, number>; marker: Record<string, number> }

/**
 * Records in the page, by the page's clock, when each incident first shows up:
 * as a banner, as a queue row (DOM), and as a drawn map marker (after a map
 * render). Measured there, not by polling from the test process, which on a
 * loaded machine notices things a second or more after they happened.
 */
export async function recordAppearances(page: Page): Promise<void> {
  await page.evaluate(() => {
    type MapLike = { on(e: string, f: () => void): void; getLayer(id: string): unknown; queryRenderedFeatures(o: { layers: string[] }): { properties: Record<string, unknown> }[] };
    const seen: Appearances = { banner: {}, queue: {}, marker: {} };
    (window as { lianfangAppearances?: Appearances }).lianfangAppearances = seen;
    const note = (bucket: Record<string, number>, id: unknown) => {
      if (typeof id === 'string' && !(id in bucket)) bucket[id] = Date.now();
    };
    const scan = () => {
      document.querySelectorAll('[data-testid=alert-banner]').forEach((e) => note(seen.banner, e.getAttribute('data-incident-id')));
      document.querySelectorAll('[data-testid=queue-item]').forEach((e) => note(seen.queue, e.getAttribute('data-incident-id')));
    };
    scan();
    new MutationObserver(scan).observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-incident-id'] });
    const map = (window as { lianfangMap?: MapLike }).lianfangMap;
    const drawn = () => {
      if (!map?.getLayer('incidents-core')) return;
      for (const f of map.queryRenderedFeatures({ layers: ['incidents-core'] })) note(seen.marker, f.properties.id);
    };
    drawn();
    map?.on('render', drawn);
  });
}

export async function appearancesOf(page: Page, incidentId: string): Promise<{ banner?: number; queue?: number; marker?: number }> {
  return page.evaluate((id) => {
    const seen = (window as { lianfangAppearances?: Appearances }).lianfangAppearances;
    return { banner: seen?.banner[id], queue: seen?.queue[id], marker: seen?.marker[id] };
  }, incidentId);
}
