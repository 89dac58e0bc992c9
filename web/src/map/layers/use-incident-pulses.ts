import type { Incident } from '@lianfang/shared';
import maplibregl from 'maplibre-gl';
import { onBeforeUnmount, watch, type Ref } from 'vue';
import { useMapContext } from '../core/map-context';
import './incident-pulse.css';

/**
 * Keeps one DOM ring per open incident in step with the list. The ring moves
 * only while nobody has taken the incident (`reported`): motion means "needs
 * someone", and a wall full of handled incidents stays calm.
 */
export function useIncidentPulses(incidents: Ref<readonly Incident[]>): void {
  const { map, softwareRendering } = useMapContext();
  const markers = new Map<string, { marker: maplibregl.Marker; look: string }>();

  function sync(list: readonly Incident[]): void {
    const m = map.value;
    if (!m) return;
    const seen = new Set<string>();
    for (const incident of list) {
      seen.add(incident.id);
      const held = markers.get(incident.id);
      // Without a GPU an animation over the map recomposites it every frame: rings stay still.
      const moving = incident.status === 'reported' && !softwareRendering;
      const look = `incident-pulse ${incident.priority.toLowerCase()}${moving ? ' waiting' : ''}`;
      if (held && held.look === look) {
        held.marker.setLngLat([incident.lon, incident.lat]);
        continue;
      }
      held?.marker.remove();
      const element = document.createElement('div');
      element.className = look;
      element.setAttribute('aria-hidden', 'true');
      const marker = new maplibregl.Marker({ element, anchor: 'center' }).setLngLat([incident.lon, incident.lat]).addTo(m);
      markers.set(incident.id, { marker, look });
    }
    for (const [id, held] of markers) {
      if (!seen.has(id)) {
        held.marker.remove();
        markers.delete(id);
      }
    }
  }

  watch(incidents, sync, { immediate: true });
  onBeforeUnmount(() => {
    for (const held of markers.values()) held.marker.remove();
    markers.clear();
  });
}
