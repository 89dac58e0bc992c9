import type { PatrolPlan } from '@lianfang/shared';
import { labelImageId } from '../core/label-images';
import { circleRing } from './circle-ring';
import { featureCollection, type Feature, type FeatureCollection } from './geojson-types';

export interface PostProps {
  [key: string]: string | number | boolean | null;
  away: boolean;
  kind: 'post' | 'checkpoint';
  checked: boolean;
  label: string;
}

/**
 * Fixed posts (a circle the unit must stay in; purple, solid when the unit has left it) and
 * guard-tour checkpoints (small dots, filled once checked in this shift).
 */
export function postFeatures(plans: readonly PatrolPlan[], awayText: (p: PatrolPlan) => string): FeatureCollection<Feature['geometry'], PostProps> {
  const features: Feature<Feature['geometry'], PostProps>[] = [];
  for (const p of plans) {
    const away = p.deviatingSince !== null;
    if (p.post) {
      const props: PostProps = { away, kind: 'post', checked: false, label: away ? labelImageId('post-away', awayText(p)) : labelImageId('post', p.name) };
      features.push({ type: 'Feature', geometry: { type: 'Polygon', coordinates: [circleRing(p.post.lon, p.post.lat, p.post.radiusM)] }, properties: props });
      features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: [p.post.lon, p.post.lat] }, properties: props });
    }
    for (const c of p.checkpoints) {
      features.push({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [c.lon, c.lat] },
        properties: { away: false, kind: 'checkpoint', checked: c.checkedInAt !== null, label: labelImageId('post', c.name) },
      });
    }
  }
  return featureCollection(features);
}
