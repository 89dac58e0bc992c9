import type { Map as MaplibreMap } from 'maplibre-gl';

/**
 * Resolves once the map has drawn `sourceId` with its latest data (its tiles
 * loaded and a frame rendered since), or after `capMs` at the latest.
 */
export function whenSourceDrawn(map: MaplibreMap, sourceId: string, capMs: number): Promise<void> {
  return new Promise((resolve) => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const finish = () => {
      if (timer !== null) clearTimeout(timer);
      map.off('render', check);
      resolve();
    };
    function check(): void {
      if (map.isSourceLoaded(sourceId)) finish();
    }
    timer = setTimeout(finish, capMs);
    map.on('render', check);
    map.triggerRepaint();
  });
}
