import { computed, type ComputedRef } from 'vue';
import { useI18n } from 'vue-i18n';
import type { WhatIfMarker } from '../../map/geojson/what-if-features';
import { useUnitsStore } from '../units/units.store';
import { useWhatIfStore } from './what-if.store';

const NO_CELLS: readonly string[] = [];

/** The what-if store as the map overlay's props: markers with labels, the changed cells, and what a drag or a click means. */
export function useWhatIfOverlay(): {
  markers: ComputedRef<WhatIfMarker[]>;
  gainedCells: ComputedRef<readonly string[]>;
  lostCells: ComputedRef<readonly string[]>;
  onDragEnd: (id: string, at: { lat: number; lon: number }) => void;
  onDrop: (at: { lat: number; lon: number }) => void;
} {
  const whatIf = useWhatIfStore();
  const units = useUnitsStore();
  const { t } = useI18n();

  const markers = computed<WhatIfMarker[]>(() => [
    ...Object.entries(whatIf.moves).map(([unitId, at]) => {
      const unit = units.byId.get(unitId);
      const from = unit?.position ? { lat: unit.position.lat, lon: unit.position.lon } : null;
      return { id: `unit:${unitId}`, lat: at.lat, lon: at.lon, from, label: unit?.callsign ?? '—', unplaced: whatIf.unplacedUnitIds.has(unitId) };
    }),
    ...whatIf.posts.map((p) => ({
      id: `post:${p.id}`,
      lat: p.lat,
      lon: p.lon,
      from: null,
      label: t('whatIf.post', { mode: t(`units.mode.${p.mode}`) }),
      unplaced: whatIf.unplacedPostIds.has(p.id),
    })),
  ]);

  function onDragEnd(id: string, at: { lat: number; lon: number }): void {
    const [kind, key] = [id.slice(0, id.indexOf(':')), id.slice(id.indexOf(':') + 1)];
    if (kind === 'unit') whatIf.moveUnit(key, at);
    else if (kind === 'post') whatIf.movePost(Number(key), at);
  }

  return {
    markers,
    gainedCells: computed(() => whatIf.reply?.gainedCells ?? NO_CELLS),
    lostCells: computed(() => whatIf.reply?.lostCells ?? NO_CELLS),
    onDragEnd,
    onDrop: (at) => whatIf.addPost(at),
  };
}
