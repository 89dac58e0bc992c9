import type { Incident } from '@lianfang/shared';
import { isOverdue } from '../../features/incidents/incident-urgency';
import { labelImageId } from '../core/label-images';
import { featureCollection, type Feature, type FeatureCollection } from './geojson-types';

export const PRIORITY_COLORS: Record<Incident['priority'], string> = { P1: '#ff375f', P2: '#ff9f0a', P3: '#ffd60a', P4: '#64d2ff' };

export interface IncidentFeatureProps {
  [key: string]: string | number | boolean | null;
  id: string;
  priority: string;
  color: string;
  overdue: boolean;
  label: string;
  rank: number;
}

/** Open incidents as points; the label is short (priority + title) so it stays readable across a room. */
export function incidentFeatures(
  incidents: readonly Incident[],
  now: number,
  labelOf: (i: Incident) => string,
): FeatureCollection<Feature['geometry'], IncidentFeatureProps> {
  return featureCollection(
    incidents.map((i) => ({
      type: 'Feature' as const,
      id: i.id,
      geometry: { type: 'Point' as const, coordinates: [i.lon, i.lat] as [number, number] },
      properties: {
        id: i.id,
        priority: i.priority,
        color: PRIORITY_COLORS[i.priority],
        overdue: isOverdue(i, now),
        label: labelImageId(`incident-${i.priority.toLowerCase() as 'p1' | 'p2' | 'p3' | 'p4'}`, labelOf(i)),
        rank: 4 - Number(i.priority.slice(1)),
      },
    })),
  );
}
