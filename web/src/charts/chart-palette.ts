/**
 * Colours of the charts on the dark console (screen) and on paper (the printed
 * report). Greens and reds are the wall's own ok/danger tokens.
 */
export interface ChartPalette {
  text: string;
  muted: string;
  line: string;
  ok: string;
  bad: string;
  accent: string;
  second: string;
  levels: [string, string, string, string];
  heat: [string, string, string];
}

export const SCREEN_PALETTE: ChartPalette = {
  text: '#c2ceda',
  muted: '#8796a7',
  line: '#1f2c3a',
  ok: '#30d158',
  bad: '#ff375f',
  accent: '#3d8bff',
  second: '#ff9f0a',
  levels: ['#30d158', '#64d2ff', '#ffd60a', '#ff9f0a'],
  heat: ['#111a24', '#3d8bff', '#ff375f'],
};

export const PRINT_PALETTE: ChartPalette = {
  text: '#111111',
  muted: '#555555',
  line: '#dddddd',
  ok: '#1a7f37',
  bad: '#c62828',
  accent: '#1f5fbf',
  second: '#d97706',
  levels: ['#1a7f37', '#0e7490', '#b45309', '#c62828'],
  heat: ['#f5f7fa', '#6fa8dc', '#c62828'],
};

/** Axis and grid styling shared by every cartesian chart. */
export function axisStyle(p: ChartPalette) {
  return {
    axisLine: { lineStyle: { color: p.line } },
    axisLabel: { color: p.text },
    splitLine: { lineStyle: { color: p.line } },
    nameTextStyle: { color: p.muted },
  };
}
