import type { Incident } from '@lianfang/shared';
import maplibregl from 'maplibre-gl';
import { onBeforeUnmount, watch, type Ref } from 'vue';
import { useMapContext } from '../core/map-context';
import './incident-markers.css';

const RANK: Record<Incident['priority'], number> = { P1: 4, P2: 3, P3: 2, P4: 1 };

/**
 * Keeps one DOM marker (dot + ring) per open incident in step with the list.
 * The ring moves only while nobody has taken the incident (`reported`):
 * motion means "needs someone", and a wall of handled incidents stays calm.
 */
export function useIncidentMarkers(incidents: Ref<readonly Incident[]>, onSelect?: (incidentId: string) => void): void {
  const { map, softwareRendering } = useMapContext();
  const markers = new Map<string, { marker: maplibregl.Marker; look: string }>();

  function create(incident: Incident, look: string): maplibregl.Marker {
    const element = document.createElement('div');
    element.className = look;
    element.dataset.testid = 'incident-marker';
    element.dataset.incidentId = incident.id;
    element.setAttribute('aria-hidden', 'true');
    if (onSelect) {
      element.style.cursor = 'pointer';
      element.addEventListener('click', (event) => {
        event.stopPropagation();
        onSelect(incident.id);
      });
    }
    element.innerHTML = '<span class="ring"></span><span class="dot"></span>';
    // Most urgent on top where markers overlap.
    element.style.zIndex = String(RANK[incident.priority]);
    return new maplibregl.Marker({ element, anchor: 'center' });
  }

  function sync(list: readonly Incident[]): void {
    const m = map.value;
    if (!m) return;
    const seen = new Set<string>();
    for (const incident of list) {
      seen.add(incident.id);
      // Without a GPU an animation over the map recomposites it every frame: rings stay still.
      const moving = incident.status === 'reported' && !softwareRendering;
      const look = `incident-marker ${incident.priority.toLowerCase()}${moving ? ' waiting' : ''}`;
      let held = markers.get(incident.id);
      if (held && held.look !== look) {
        held.marker.remove();
        held = undefined;
      }
      if (!held) {
        held = { marker: create(incident, look).setLngLat([incident.lon, incident.lat]).addTo(m), look };
        markers.set(incident.id, held);
      } else {
        held.marker.setLngLat([incident.lon, incident.lat]);
      }
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
