import KDBush from 'kdbush';
import { around } from 'geokdbush';
import { distanceM } from '@lianfang/shared';
import type { PlaceSource, PointSource, StreetSource } from './place-source.js';

/** A street this far away is not "where it is" any more (an incident in a park, on a hillside). */
const STREET_RADIUS_M = 250;
/** "The nearest crossing or named place within ~100 m" (issue 18). */
const NEAR_PLACE_RADIUS_M = 100;
/** Street lines are sampled this densely for the point index; the exact distance is then taken to the segments found. */
const SAMPLE_STEP_M = 25;
/** Samples looked at around the point: several streets' worth, so the nearest segment is among them. */
const CANDIDATE_SAMPLES = 16;

export interface NearestStreet {
  readonly street: StreetSource;
  readonly distanceM: number;
}

export interface NearPlace {
  readonly place: PointSource;
  readonly kind: 'crossing' | 'poi';
  readonly distanceM: number;
}

/**
 * Nearest named street and nearest crossing or named place to a point, from static point
 * indexes (kdbush, geokdbush for great-circle nearest-neighbour search): microseconds a
 * lookup, so it can run on the alert path.
 */
export class ReverseGeocoder {
  /** per sample: street, line and segment start index (into the line's coordinate array) */
  private readonly sampleStreet: Int32Array;
  private readonly sampleLine: Int32Array;
  private readonly sampleSegment: Int32Array;
  private readonly samples: KDBush | null;
  private readonly places: PointSource[];
  private readonly placeKinds: ('crossing' | 'poi')[];
  private readonly placeIndex: KDBush | null;

  constructor(private readonly source: PlaceSource) {
    const street: number[] = [];
    const lineOf: number[] = [];
    const segment: number[] = [];
    const points: number[] = [];
    source.streets.forEach((s, si) =>
      s.lines.forEach((line, li) => {
        for (let k = 0; k + 3 < line.length; k += 2) {
          const steps = Math.max(1, Math.ceil(distanceM(line[k + 1]!, line[k]!, line[k + 3]!, line[k + 2]!) / SAMPLE_STEP_M));
          for (let step = 0; step < steps; step++) {
            const t = step / steps;
            points.push(line[k]! + t * (line[k + 2]! - line[k]!), line[k + 1]! + t * (line[k + 3]! - line[k + 1]!));
            street.push(si);
            lineOf.push(li);
            segment.push(k);
          }
        }
      }),
    );
    this.sampleStreet = Int32Array.from(street);
    this.sampleLine = Int32Array.from(lineOf);
    this.sampleSegment = Int32Array.from(segment);
    this.samples = pointIndex(points);
    this.places = [...source.crossings, ...source.pois];
    this.placeKinds = [...source.crossings.map(() => 'crossing' as const), ...source.pois.map(() => 'poi' as const)];
    this.placeIndex = pointIndex(this.places.flatMap((p) => [p.lon, p.lat]));
  }

  nearestStreet(lat: number, lon: number): NearestStreet | null {
    if (!this.samples) return null;
    let best: NearestStreet | null = null;
    const seen = new Set<number>();
    for (const id of around(this.samples, lon, lat, CANDIDATE_SAMPLES, STREET_RADIUS_M / 1000 + SAMPLE_STEP_M / 1000)) {
      const key = this.sampleSegment[id]! * 1e6 + this.sampleLine[id]! * 1e3 + this.sampleStreet[id]!;
      if (seen.has(key)) continue;
      seen.add(key);
      const street = this.source.streets[this.sampleStreet[id]!]!;
      const line = street.lines[this.sampleLine[id]!]!;
      const k = this.sampleSegment[id]!;
      const d = pointToSegmentM(lat, lon, line[k + 1]!, line[k]!, line[k + 3]!, line[k + 2]!);
      if (d <= STREET_RADIUS_M && (!best || d < best.distanceM)) best = { street, distanceM: d };
    }
    return best;
  }

  /** The nearest crossing or named place within ~100 m. */
  nearPlace(lat: number, lon: number): NearPlace | null {
    if (!this.placeIndex) return null;
    const [id] = around(this.placeIndex, lon, lat, 1, NEAR_PLACE_RADIUS_M / 1000);
    if (id === undefined) return null;
    const place = this.places[id]!;
    return { place, kind: this.placeKinds[id]!, distanceM: distanceM(lat, lon, place.lat, place.lon) };
  }
}

function pointIndex(lonLat: readonly number[]): KDBush | null {
  if (lonLat.length === 0) return null;
  const index = new KDBush(lonLat.length / 2);
  for (let i = 0; i < lonLat.length; i += 2) index.add(lonLat[i]!, lonLat[i + 1]!);
  return index.finish();
}

/** Metres from a point to a segment, on a local flat projection (exact enough within a few hundred metres). */
export function pointToSegmentM(lat: number, lon: number, lat1: number, lon1: number, lat2: number, lon2: number): number {
  const kx = 111_320 * Math.cos((lat * Math.PI) / 180);
  const ky = 110_540;
  const ax = (lon1 - lon) * kx;
  const ay = (lat1 - lat) * ky;
  const bx = (lon2 - lon) * kx;
  const by = (lat2 - lat) * ky;
  const dx = bx - ax;
  const dy = by - ay;
  const length2 = dx * dx + dy * dy;
  const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / length2));
  return Math.hypot(ax + t * dx, ay + t * dy);
}
