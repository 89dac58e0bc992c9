import { Type, type Static, type TSchema, type TUnsafe } from '@sinclair/typebox';

/**
 * A string enum as plain JSON Schema `{type:'string', enum:[…]}`: Ajv's error
 * then names the allowed values, which a Union of Literals would not.
 */
export function stringEnum<const T extends readonly string[]>(values: T, description?: string): TUnsafe<T[number]> {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...(description ? { description } : {}) });
}

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const FORCES = ['police', 'security', 'merchant_guard', 'volunteer', 'fire', 'medical', 'city_mgmt'] as const;
export const MODES = ['foot', 'bike', 'moto', 'car'] as const;
export const ROLES = ['admin', 'operator', 'captain', 'manager'] as const;

export const IdSchema = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });
export const LatSchema = Type.Number({ minimum: -90, maximum: 90, description: 'WGS84 latitude, degrees' });
export const LonSchema = Type.Number({ minimum: -180, maximum: 180, description: 'WGS84 longitude, degrees' });
export const IsoTimeSchema = Type.String({ format: 'date-time', description: 'ISO 8601 timestamp' });
/**
 * A client-chosen key (a UUID from the tablet's offline queue) that makes a command safe to send
 * again: a replay is answered with the first reply and changes nothing.
 */
export const IdempotencyKeySchema = Type.String({
  minLength: 1,
  maxLength: 128,
  description: 'client-chosen key; a replay returns the first reply and changes nothing',
});
export const ForceSchema = stringEnum(FORCES);
export const ModeSchema = stringEnum(MODES);
export const RoleSchema = stringEnum(ROLES);
export const PointSchema = Type.Object({ lat: LatSchema, lon: LonSchema });

/** Every 4xx body: the field that failed is named so clients and people can fix it. */
export const ErrorSchema = Type.Object({
  statusCode: Type.Integer(),
  error: Type.String(),
  message: Type.String(),
  field: Type.Optional(Type.String()),
  /** what kind of problem, where the route has a code for it (the console's geography: IMPORT_PROBLEM_CODES) */
  code: Type.Optional(Type.String()),
});

export type Force = Static<typeof ForceSchema>;
export type Mode = Static<typeof ModeSchema>;
export type Role = Static<typeof RoleSchema>;
export type Point = Static<typeof PointSchema>;
export type ApiError = Static<typeof ErrorSchema>;
