import { Type, type Static } from '@sinclair/typebox';
import { IdSchema, IsoTimeSchema, Nullable, RoleSchema, stringEnum } from './common.js';

export const UsernameSchema = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.-]+$' });
export const PasswordSchema = Type.String({ minLength: 8, maxLength: 256 });

export const LoginSchema = Type.Object({ username: UsernameSchema, password: Type.String({ minLength: 1, maxLength: 256 }) }, { additionalProperties: false });

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
    password: PasswordSchema,
    role: RoleSchema,
    teamId: Type.Optional(IdSchema),
    unitId: Type.Optional(IdSchema),
  },
  { additionalProperties: false },
);

/** A user as the administrator manages it: whether it may log in, and how many logins are open now. */
export const ManagedUserSchema = Type.Composite([
  UserSchema,
  Type.Object({
    disabled: Type.Boolean(),
    activeSessions: Type.Integer({ minimum: 0 }),
    /** the name people know the user by (from a user import); null: none given */
    displayName: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  }),
]);

/** PATCH /api/users/:id. A change of role, team, unit or `disabled: true` ends every session of the user at once. */
export const UpdateUserSchema = Type.Object(
  {
    role: Type.Optional(RoleSchema),
    teamId: Type.Optional(Nullable(IdSchema)),
    unitId: Type.Optional(Nullable(IdSchema)),
    disabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);

/** POST /api/users/:id/password: a new password, generated and shown once; every session of the user ends. */
export const PasswordResetReplySchema = Type.Object({ password: Type.String() });

/** POST /api/auth/password: every user changes their own; the other sessions of the user end. */
export const ChangePasswordSchema = Type.Object(
  { currentPassword: Type.String({ minLength: 1, maxLength: 256 }), newPassword: PasswordSchema },
  { additionalProperties: false },
);

export const SESSION_END_REASONS = ['logout', 'ended_by_admin', 'disabled', 'role_changed', 'password_changed', 'expired'] as const;

/** One login: the server keeps a record of it, so it can be listed and ended. The token itself is never shown again. */
export const SessionInfoSchema = Type.Object({
  id: Type.String(),
  userId: IdSchema,
  createdAt: IsoTimeSchema,
  lastSeenAt: IsoTimeSchema,
  expiresAt: IsoTimeSchema,
  address: Nullable(Type.String()),
  userAgent: Nullable(Type.String()),
  /** true for the session this request came with */
  current: Type.Boolean(),
});

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
export type ManagedUser = Static<typeof ManagedUserSchema>;
export type UpdateUser = Static<typeof UpdateUserSchema>;
export type ChangePassword = Static<typeof ChangePasswordSchema>;
export type SessionInfo = Static<typeof SessionInfoSchema>;
export type SessionEndReason = (typeof SESSION_END_REASONS)[number];
export type User = Static<typeof UserSchema>;
export type LoginReply = Static<typeof LoginReplySchema>;
export type CreateUser = Static<typeof CreateUserSchema>;
export type CreateDevice = Static<typeof CreateDeviceSchema>;
export type Device = Static<typeof DeviceSchema>;
