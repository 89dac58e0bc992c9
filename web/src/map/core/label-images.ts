import type { Map as MaplibreMap } from 'maplibre-gl';

/**
 * Map text without a glyph server: a label is an image drawn on a canvas with
 * the system fonts (so Chinese works offline), added on demand when a symbol
 * layer asks for an image id the style does not have yet.
 *
 * Id format: `lbl|<style>|<text>`.
 */
export type LabelStyle =
  | 'unit'
  | 'unit-stale'
  | 'incident-p1'
  | 'incident-p2'
  | 'incident-p3'
  | 'incident-p4'
  | 'station'
  | 'grid-street'
  | 'grid-community'
  | 'grid-grid'
  | 'key-area'
  | 'key-area-overdue'
  | 'gap'
  | 'post'
  | 'post-away'
  | 'what-if'
  | 'draft'
  | `badge:${string}`;

interface LabelLook {
  font: number;
  weight: number;
  color: string;
  background: string | null;
  border: string | null;
  padX: number;
  padY: number;
  radius: number;
}

const LOOKS: Record<Exclude<LabelStyle, `badge:${string}`>, LabelLook> = {
  unit: { font: 13, weight: 700, color: '#f3f7fb', background: 'rgba(6,9,14,0.82)', border: null, padX: 5, padY: 2, radius: 4 },
  'unit-stale': { font: 13, weight: 600, color: '#8796a7', background: 'rgba(6,9,14,0.7)', border: null, padX: 5, padY: 2, radius: 4 },
  'incident-p1': { font: 15, weight: 800, color: '#ffffff', background: 'rgba(120,10,35,0.94)', border: '#ff375f', padX: 7, padY: 3, radius: 4 },
  'incident-p2': { font: 15, weight: 800, color: '#ffffff', background: 'rgba(110,58,0,0.94)', border: '#ff9f0a', padX: 7, padY: 3, radius: 4 },
  'incident-p3': { font: 14, weight: 700, color: '#fff6cc', background: 'rgba(77,66,0,0.92)', border: '#ffd60a', padX: 6, padY: 2, radius: 4 },
  'incident-p4': { font: 14, weight: 700, color: '#e6f7ff', background: 'rgba(10,55,75,0.92)', border: '#64d2ff', padX: 6, padY: 2, radius: 4 },
  station: { font: 12, weight: 600, color: '#c2ceda', background: null, border: null, padX: 2, padY: 1, radius: 0 },
  'grid-street': { font: 20, weight: 700, color: 'rgba(120,170,205,0.75)', background: null, border: null, padX: 2, padY: 1, radius: 0 },
  'grid-community': { font: 15, weight: 600, color: 'rgba(110,155,190,0.8)', background: null, border: null, padX: 2, padY: 1, radius: 0 },
  'grid-grid': { font: 12, weight: 500, color: 'rgba(110,150,180,0.75)', background: null, border: null, padX: 2, padY: 1, radius: 0 },
  'key-area': { font: 12, weight: 700, color: '#9fe8dd', background: 'rgba(6,9,14,0.75)', border: null, padX: 5, padY: 2, radius: 4 },
  'key-area-overdue': { font: 14, weight: 800, color: '#1a1200', background: '#ffd60a', border: null, padX: 6, padY: 3, radius: 4 },
  gap: { font: 13, weight: 800, color: '#ffb3c1', background: 'rgba(58,13,25,0.88)', border: '#ff375f', padX: 5, padY: 2, radius: 4 },
  post: { font: 12, weight: 700, color: '#d8c8ff', background: 'rgba(6,9,14,0.75)', border: null, padX: 5, padY: 2, radius: 4 },
  'post-away': { font: 14, weight: 800, color: '#ffffff', background: '#bf5af2', border: null, padX: 6, padY: 3, radius: 4 },
  'what-if': { font: 14, weight: 800, color: '#001a24', background: '#64d2ff', border: '#ffffff', padX: 6, padY: 3, radius: 4 },
  draft: { font: 13, weight: 700, color: '#ffcc80', background: 'rgba(40,22,0,0.82)', border: '#ff9f0a', padX: 5, padY: 2, radius: 4 },
};

const FONT_FAMILY = "'Inter', 'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', 'Liberation Sans', sans-serif";
const PREFIX = 'lbl|';

export function labelImageId(style: LabelStyle, text: string): string {
  return `${PREFIX}${style}|${text}`;
}

/** Adds the label image a layer asked for; ignores ids that are not labels. */
export function provideLabelImage(map: MaplibreMap, id: string, uiScale: number): void {
  if (!id.startsWith(PREFIX) || map.hasImage(id)) return;
  const rest = id.slice(PREFIX.length);
  const bar = rest.indexOf('|');
  const look = lookOf(rest.slice(0, bar));
  if (!look) return;
  const image = drawLabel(rest.slice(bar + 1), look, uiScale);
  if (image) map.addImage(id, image.data, { pixelRatio: image.pixelRatio });
}

/** `badge:<css colour>` is a filled chip (station kinds); the rest are fixed looks. */
function lookOf(style: string): LabelLook | undefined {
  if (style.startsWith('badge:')) {
    return { font: 13, weight: 800, color: '#06090e', background: style.slice(6), border: 'rgba(6,9,14,0.9)', padX: 5, padY: 2, radius: 5 };
  }
  return (LOOKS as Record<string, LabelLook>)[style];
}

function drawLabel(text: string, look: LabelLook, uiScale: number): { data: ImageData; pixelRatio: number } | null {
  const pixelRatio = Math.max(1, Math.round(globalThis.devicePixelRatio || 1));
  const k = pixelRatio * uiScale;
  const canvas = document.createElement('canvas');
  const g = canvas.getContext('2d');
  if (!g) return null;
  const font = `${look.weight} ${look.font * k}px ${FONT_FAMILY}`;
  g.font = font;
  const textWidth = Math.ceil(g.measureText(text).width);
  const w = textWidth + Math.ceil(2 * look.padX * k) + 2;
  const h = Math.ceil((look.font * 1.25 + 2 * look.padY) * k) + 2;
  canvas.width = w;
  canvas.height = h;
  g.font = font;
  if (look.background) {
    g.fillStyle = look.background;
    roundRect(g, 1, 1, w - 2, h - 2, look.radius * k);
    g.fill();
  }
  if (look.border) {
    g.strokeStyle = look.border;
    g.lineWidth = Math.max(1, k);
    roundRect(g, 1, 1, w - 2, h - 2, look.radius * k);
    g.stroke();
  }
  g.textBaseline = 'middle';
  g.textAlign = 'center';
  if (!look.background) {
    // Text straight on the map gets a dark halo so it reads over road lines.
    g.lineWidth = 3 * k;
    g.strokeStyle = 'rgba(6,9,14,0.9)';
    g.lineJoin = 'round';
    g.strokeText(text, w / 2, h / 2 + 0.5 * k);
  }
  g.fillStyle = look.color;
  g.fillText(text, w / 2, h / 2 + 0.5 * k);
  return { data: g.getImageData(0, 0, w, h), pixelRatio };
}

function roundRect(g: CanvasRenderingContext2D, x: number, y: number, w: number, h: number, r: number): void {
  g.beginPath();
  g.roundRect(x, y, w, h, r);
}
