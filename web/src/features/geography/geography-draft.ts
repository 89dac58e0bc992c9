import type { GeographyDraft, GridFeature, GridLevel, StationFeature, StationKind } from '@lianfang/shared';

/**
 * The draft from the road network as the administrator edits it (issue 19, "Start from the
 * extract"): every grid and station of the draft is a row that can be unticked and renamed (name
 * and code). The rows keep the draft's own code as their key, so a renamed street still takes its
 * communities along: their `parentCode` follows the street's new code.
 */
export interface DraftItem {
  /** the code the draft gave it: the row's identity while its code is edited */
  readonly key: string;
  readonly type: 'grid' | 'station';
  /** street or community for a grid */
  readonly level: GridLevel | null;
  readonly parentKey: string | null;
  readonly kind: StationKind | null;
  name: string;
  code: string;
  included: boolean;
}

export interface DraftSelection {
  grids: { type: 'FeatureCollection'; features: GridFeature[] };
  stations: { type: 'FeatureCollection'; features: StationFeature[] };
}

export function draftItems(draft: GeographyDraft): DraftItem[] {
  return [
    ...draft.grids.features.map((f) => ({
      key: f.properties.code,
      type: 'grid' as const,
      level: f.properties.level,
      parentKey: f.properties.parentCode ?? null,
      kind: null,
      name: f.properties.name,
      code: f.properties.code,
      included: true,
    })),
    ...draft.stations.features.map((f) => ({
      key: f.properties.code,
      type: 'station' as const,
      level: null,
      parentKey: null,
      kind: f.properties.kind,
      name: f.properties.name,
      code: f.properties.code,
      included: true,
    })),
  ];
}

/**
 * Ticks or unticks one row. A grid unticked takes the grids under it along (a community without
 * its street would be refused); a grid ticked brings its parent back for the same reason.
 */
export function setIncluded(items: DraftItem[], key: string, included: boolean): void {
  const grids = items.filter((i) => i.type === 'grid');
  const item = items.find((i) => i.key === key);
  if (!item) return;
  item.included = included;
  if (item.type !== 'grid') return;
  if (included) {
    for (let parent = grids.find((g) => g.key === item.parentKey); parent; parent = grids.find((g) => g.key === parent!.parentKey)) parent.included = true;
  } else {
    const under = new Set([key]);
    // Parents come before their children in the draft: one pass reaches every level below.
    for (const g of grids) {
      if (!g.parentKey || !under.has(g.parentKey)) continue;
      g.included = false;
      under.add(g.key);
    }
  }
}

/** The ticked rows as the two import files, with the names and codes as edited. */
export function selectedDraft(draft: GeographyDraft, items: readonly DraftItem[]): DraftSelection {
  const byKey = new Map(items.map((i) => [`${i.type}:${i.key}`, i]));
  const grids: GridFeature[] = [];
  for (const f of draft.grids.features) {
    const item = byKey.get(`grid:${f.properties.code}`);
    if (!item?.included) continue;
    const parent = f.properties.parentCode ? byKey.get(`grid:${f.properties.parentCode}`) : undefined;
    grids.push({
      ...f,
      properties: {
        ...f.properties,
        code: item.code.trim(),
        name: item.name.trim(),
        parentCode: parent ? parent.code.trim() : (f.properties.parentCode ?? null),
      },
    });
  }
  const stations: StationFeature[] = [];
  for (const f of draft.stations.features) {
    const item = byKey.get(`station:${f.properties.code}`);
    if (item?.included) stations.push({ ...f, properties: { ...f.properties, code: item.code.trim(), name: item.name.trim() } });
  }
  return { grids: { type: 'FeatureCollection', features: grids }, stations: { type: 'FeatureCollection', features: stations } };
}

/** The grid rows as the tree reads: each street followed by the communities under it. */
export function gridRowsInTreeOrder(items: readonly DraftItem[]): DraftItem[] {
  const grids = items.filter((i) => i.type === 'grid');
  const ordered = grids.filter((i) => i.parentKey === null).flatMap((s) => [s, ...grids.filter((c) => c.parentKey === s.key)]);
  const placed = new Set(ordered);
  return [...ordered, ...grids.filter((g) => !placed.has(g))];
}
