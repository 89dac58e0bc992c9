import type { Page } from 'playwright-core';

/** RGBA bytes of a part of the page as it is on screen (a screenshot, decoded in the page). */
export async function screenPixels(page: Page, clip: { x: number; y: number; width: number; height: number }): Promise<number[]> {
  const png = await page.screenshot({ clip });
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width;
    c.height = img.height;
    const g = c.getContext('2d')!;
    g.drawImage(img, 0, 0);
    return [...g.getImageData(0, 0, c.width, c.height).data];
  }, png.toString('base64'));
}

export function rgbOf(hex: string): number[] {
  return hex.match(/[0-9a-f]{2}/gi)!.map((h) => Number.parseInt(h, 16));
}

/** How far the closest pixel is from the colour (largest channel difference, 0–255). */
export function closestTo(pixels: readonly number[], hex: string): number {
  const want = rgbOf(hex);
  let best = 255;
  for (let i = 0; i < pixels.length; i += 4) best = Math.min(best, Math.max(...want.map((w, k) => Math.abs(w - pixels[i + k]!))));
  return best;
}

/** Share of pixels that are not the colour (more than a few levels off): 0 for an empty map, more once anything is drawn. */
export function shareNot(pixels: readonly number[], hex: string): number {
  const want = rgbOf(hex);
  let off = 0;
  for (let i = 0; i < pixels.length; i += 4) if (want.some((w, k) => Math.abs(w - pixels[i + k]!) > 12)) off += 1;
  return off / (pixels.length / 4);
}
