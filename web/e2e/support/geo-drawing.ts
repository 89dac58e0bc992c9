import type { Page } from 'playwright-core';

/** Where on the console's map a square goes: px from the map's centre, and half its side. */
export interface ScreenSquare {
  dx: number;
  dy: number;
  half: number;
}

/** A square's corners as unit offsets from its centre, closed on the first (terra-draw ends a polygon there). */
const SQUARE_CORNERS = [
  [-1, -1],
  [1, -1],
  [1, 1],
  [-1, 1],
  [-1, -1],
] as const;

/** The centre of the geography tab's map canvas, in page px. */
export async function geoMapCentre(page: Page): Promise<{ x: number; y: number }> {
  const box = await page.locator('[data-testid=geography-tab] [data-testid=map]').boundingBox();
  if (!box) throw new Error('no map on the geography tab');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Clicks a square corner by corner and closes it on the first corner (terra-draw's polygon mode). */
export async function drawSquare(page: Page, { dx, dy, half }: ScreenSquare): Promise<void> {
  const c = await geoMapCentre(page);
  for (const [sx, sy] of SQUARE_CORNERS) {
    const x = c.x + dx + sx * half;
    const y = c.y + dy + sy * half;
    await page.mouse.move(x, y, { steps: 4 });
    await page.mouse.click(x, y);
    // one click each: terra-draw reads two quick clicks on one spot as a double click
    await page.waitForTimeout(250);
  }
}

/** [lon, lat] of a screen offset from the map's centre. */
export function lonLatAt(page: Page, dx: number, dy: number): Promise<[number, number]> {
  return page.evaluate(
    ([x, y]) => {
      const map = window.lianfangMap!;
      const { width, height } = map.getContainer().getBoundingClientRect();
      return map.unproject([width / 2 + x!, height / 2 + y!]).toArray() as [number, number];
    },
    [dx, dy] as const,
  );
}

/** The square's ring in WGS84, as a GeoJSON file would hold it. */
export async function squareRing(page: Page, { dx, dy, half }: ScreenSquare): Promise<[number, number][]> {
  const corners: [number, number][] = [];
  for (const [sx, sy] of SQUARE_CORNERS) corners.push(await lonLatAt(page, dx + sx * half, dy + sy * half));
  return corners;
}

/** New street / community / grid: draw it, name it, pick its parent (and its leader), save; the tree then lists it (from `geography:changed`). */
export async function drawGrid(
  page: Page,
  level: 'street' | 'community' | 'grid',
  name: string,
  code: string,
  square: ScreenSquare,
  parentName?: string,
  leader?: string,
): Promise<void> {
  await page.click(`[data-testid=new-${level}]`);
  await page.waitForSelector('[data-testid=draw-hint]');
  await drawSquare(page, square);
  await page.waitForFunction(() => /4/.test(document.querySelector('[data-testid=grid-ring-state]')?.textContent ?? ''), null, { timeout: 10_000 });
  await page.fill('[data-testid=grid-name]', name);
  await page.fill('[data-testid=grid-code]', code);
  if (parentName) await page.selectOption('[data-testid=grid-parent]', { label: parentName });
  if (leader) await page.fill('[data-testid=grid-leader]', leader);
  await page.click('[data-testid=grid-save]');
  await page.waitForSelector(`[data-testid=geo-tree] button[data-code="${code}"]`, { timeout: 10_000 });
}
