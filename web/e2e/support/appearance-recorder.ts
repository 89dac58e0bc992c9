import type { Page } from 'playwright-core';

export interface Appearances {
  banner: Record<string, number>;
  queue: Record<string, number>;
  marker: Record<string, number>;
}

/**
 * Records in the page, by the page's clock, when each incident first shows up:
 * as a banner, as a queue row, and as a marker placed on the visible map.
 * Measured there, not by polling from the test process, which on a loaded
 * machine notices things a second or more after they happened.
 */
export async function recordAppearances(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: Appearances = { banner: {}, queue: {}, marker: {} };
    (window as { lianfangAppearances?: Appearances }).lianfangAppearances = seen;
    const note = (bucket: Record<string, number>, id: unknown) => {
      if (typeof id === 'string' && !(id in bucket)) bucket[id] = Date.now();
    };
    const area = document.querySelector('[data-testid=map]');
    const onMap = (e: Element) => {
      if (!area) return false;
      const r = e.getBoundingClientRect();
      const a = area.getBoundingClientRect();
      const x = r.left + r.width / 2;
      const y = r.top + r.height / 2;
      return x >= a.left && x <= a.right && y >= a.top && y <= a.bottom;
    };
    const scan = () => {
      document.querySelectorAll('[data-testid=alert-banner]').forEach((e) => note(seen.banner, e.getAttribute('data-incident-id')));
      document.querySelectorAll('[data-testid=queue-item]').forEach((e) => note(seen.queue, e.getAttribute('data-incident-id')));
      document.querySelectorAll('[data-testid=incident-marker]').forEach((e) => {
        if (onMap(e)) note(seen.marker, e.getAttribute('data-incident-id'));
      });
    };
    scan();
    new MutationObserver(scan).observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-incident-id', 'style'] });
  });
}

export async function appearancesOf(page: Page, incidentId: string): Promise<{ banner?: number; queue?: number; marker?: number }> {
  return page.evaluate((id) => {
    const seen = (window as { lianfangAppearances?: Appearances }).lianfangAppearances;
    return { banner: seen?.banner[id], queue: seen?.queue[id], marker: seen?.marker[id] };
  }, incidentId);
}
