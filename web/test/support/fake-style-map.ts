import type { LayerSpecification, Map as MaplibreMap } from 'maplibre-gl';

/**
 * The style part of a MapLibre 5 map, enough for GeoJSON layer components: sources with the data
 * last sent, layers with their visibility, and the removals in order. `lose()` makes it what a lost
 * context leaves: every style call throws (its style is null); after `restore()` it has the sources
 * and layers it saved at the loss, with that data and visibility, until someone sends newer.
 */
export function styleMap() {
  let gone = false;
  const sources = new Map<string, { data: unknown; sent: number; setData(d: unknown): void }>();
  const layers = new Map<string, { visibility: unknown }>();
  const removed: string[] = [];
  const live = () => {
    if (gone) throw new TypeError("Cannot read properties of null (reading 'getSource')");
  };
  const map = {
    getSource: (id: string) => (live(), sources.get(id)),
    addSource: (id: string, spec: { data: unknown }) => {
      live();
      sources.set(id, {
        data: spec.data,
        sent: 0,
        setData(d) {
          this.data = d;
          this.sent += 1;
        },
      });
    },
    getLayer: (id: string) => (live(), layers.get(id)),
    addLayer: (l: LayerSpecification) => (live(), layers.set(l.id, { visibility: l.layout?.visibility })),
    setLayoutProperty: (id: string, _p: string, v: unknown) => (live(), (layers.get(id)!.visibility = v)),
    removeLayer: (id: string) => (live(), removed.push(`layer:${id}`), layers.delete(id)),
    removeSource: (id: string) => (live(), removed.push(`source:${id}`), sources.delete(id)),
    hasImage: () => (live(), true),
    style: {},
  };
  return { map: map as unknown as MaplibreMap, sources, layers, removed, lose: () => (gone = true), restore: () => (gone = false) };
}
