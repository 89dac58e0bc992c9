import { Type, type Static } from '@sinclair/typebox';
import { IdSchema, IsoTimeSchema, ModeSchema, Nullable } from './common.js';

/**
 * `GET /api/incidents/:id/units/:unitId/route`: the road route from a unit's last position to
 * the incident, with its ETA, for the captain's map (a captain may ask only for their own unit).
 */
export const UnitRouteSchema = Type.Object({
  incidentId: IdSchema,
  unitId: IdSchema,
  mode: ModeSchema,
  /** travel time on the roads, blue-light factor applied to car and moto; null when no route was found */
  etaSeconds: Nullable(Type.Number({ minimum: 0 })),
  /** route length in metres; null with etaSeconds */
  distanceM: Nullable(Type.Number({ minimum: 0 })),
  /** straight-line distance from the unit to the incident (what "on scene" is judged by) */
  straightM: Type.Number({ minimum: 0 }),
  /** the line to draw, [lon, lat] pairs from the unit to the incident; a straight line when no road route was found */
  path: Type.Array(Type.Tuple([Type.Number(), Type.Number()])),
  /** true: no road route (a point off the network, or too far): the path is a straight line and the ETA unknown */
  fallback: Type.Boolean(),
  /** when the unit's position was taken */
  positionAt: IsoTimeSchema,
  computedAt: IsoTimeSchema,
});

export type UnitRoute = Static<typeof UnitRouteSchema>;
