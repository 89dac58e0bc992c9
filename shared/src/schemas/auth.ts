import { Type, type Static } from '@sinclair/typebox';
import { IdSchema, Nullable, RoleSchema, stringEnum } from './common.js';

export const UsernameSchema = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.-]+$' });

export const LoginSchema = Type.Object(
  { username: UsernameSchema, password: Type.String({ minLength: 1, maxLength: 256 }) },
  { additionalProperties: false },
);

export const UserSchema = Type.Object({
  id: IdSchema,
  username: UsernameSchema,
  role: RoleSchema,
  /** a captain sees their team and what they are dispatched to */
  teamId: Nullable(IdSchema),
  unitId: Nullable(IdSchema),
});

export const LoginReplySchema = Type.Object({ token: Type.String(), user: UserSchema });

export const CreateUserSchema = Type.Object(
  {
    username: UsernameSchema,
    password: Type.String({ minLength: 8, maxLength: 256 }),
    role: RoleSchema,
    teamId: Type.Optional(IdSchema),
    unitId: Type.Optional(IdSchema),
  },
  { additionalProperties: false },
);

export const DEVICE_KINDS = ['alert_gateway', 'tracker'] as const;

export const CreateDeviceSchema = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 80 }), kind: stringEnum(DEVICE_KINDS), unitId: Type.Optional(IdSchema) },
  { additionalProperties: false },
);

/** The key is returned once, at creation; only its hash is stored. */
export const CreateDeviceReplySchema = Type.Object({ id: IdSchema, key: Type.String() });

export const DeviceSchema = Type.Object({
  id: IdSchema,
  name: Type.String(),
  kind: stringEnum(DEVICE_KINDS),
  unitId: Nullable(IdSchema),
  createdAt: Type.String(),
});

export type Login = Static<typeof LoginSchema>;
export type User = Static<typeof UserSchema>;
export type LoginReply = Static<typeof LoginReplySchema>;
export type CreateUser = Static<typeof CreateUserSchema>;
export type CreateDevice = Static<typeof CreateDeviceSchema>;
export type Device = Static<typeof DeviceSchema>;
