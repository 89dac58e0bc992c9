import type { Page } from 'playwright-core';

/** The option ECharts holds for one of the dashboard's charts (what it plots, after our builders). */
export async function chartOption<T>(page: Page, name: string): Promise<T> {
  return page.evaluate((n) => JSON.parse(JSON.stringify(window.lianfangCharts?.[n]?.getOption() ?? null)) as unknown, name) as Promise<T>;
}

/** Clicks the chart at a data coordinate, as a person clicks a bar: through the page, at its pixel. */
export async function clickChartAt(page: Page, name: string, seriesIndex: number, value: [number, number]): Promise<void> {
  // The click goes to viewport pixels: bring the chart into view first (an earlier step may have scrolled away).
  await page.locator(`[data-testid=chart-${name}]`).scrollIntoViewIfNeeded();
  const point = await page.evaluate(
    ({ n, s, v }) => {
      const chart = window.lianfangCharts?.[n] as unknown as { convertToPixel(f: { seriesIndex: number }, v: [number, number]): [number, number] } | undefined;
      const el = document.querySelector(`[data-testid=chart-${n}]`);
      if (!chart || !el) return null;
      const [x, y] = chart.convertToPixel({ seriesIndex: s }, v);
      const r = el.getBoundingClientRect();
      return { x: r.left + x, y: r.top + y };
    },
    { n: name, s: seriesIndex, v: value },
  );
  if (!point) throw new Error(`chart ${name} is not on the page`);
  await page.mouse.click(point.x, point.y);
}

/** The text of every cell of a table, row by row. */
export function tableCells(page: Page, selector: string): Promise<string[][]> {
  return page.$$eval(`${selector} tbody tr`, (rows) => rows.map((r) => [...r.querySelectorAll('td')].map((c) => (c.textContent ?? '').trim())));
}
