import { z } from 'zod';
import { ROLES } from '../roles';
import { contract, Empty } from './contract';
import { isValidCedula } from '../identification';
import { NewUser, Password, SessionUser } from './app';

/**
 * A user's cédula (printed under the clerk's signature on every acta): ten digits that pass the
 * cédula check. Empty means not recorded (optional, but encouraged).
 */
export const UserIdentification = z
  .string()
  .trim()
  .transform((v) => v.replace(/[\s.-]/g, ''))
  .refine((v) => v === '' || isValidCedula(v), 'La cédula no es válida: revise los 10 dígitos.');

/** A user as the Usuarios screen and `usuarios --json` show them. Never carries a password or its hash. */
export const UserSummary = z.object({
  id: z.string(),
  username: z.string(),
  fullName: z.string(),
  identification: z.string().nullable(),
  role: z.enum(ROLES),
  active: z.boolean(),
  mustChangePassword: z.boolean(),
  /** The station that created the user: a coordinator manages only the clerks of their own. */
  originStation: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  passwordChangedAt: z.string().nullable(),
  deactivatedAt: z.string().nullable(),
});
export type UserSummary = z.infer<typeof UserSummary>;

const UserId = z.object({ userId: z.string().min(1, 'Indique el usuario.') });

export const usersList = contract('users:list', Empty, z.array(UserSummary));

export const usersCreate = contract('users:create', NewUser.extend({ role: z.enum(ROLES), identification: UserIdentification.optional() }), UserSummary);

/** Name, role and cédula (absent: unchanged; empty: removed); the user name stays (it is what people type and what old entries show). */
export const usersUpdate = contract(
  'users:update',
  UserId.extend({ fullName: z.string().trim().min(3, 'Escriba el nombre completo.').max(120), role: z.enum(ROLES), identification: UserIdentification.optional() }),
  UserSummary,
);

/** A deactivated user cannot sign in; everything they recorded keeps their name. */
export const usersDeactivate = contract('users:deactivate', UserId, UserSummary);
export const usersReactivate = contract('users:reactivate', UserId, UserSummary);

/**
 * Sets a temporary password the user must change at their next sign-in: the one given, or a
 * random readable one. The answer carries it so it can be shown once; it is stored only hashed.
 */
export const usersResetPassword = contract(
  'users:resetPassword',
  UserId.extend({ password: Password.optional() }),
  z.object({ user: UserSummary, temporaryPassword: z.string() }),
);

/** The signed-in user's own password: the current one proves it is them. */
export const usersChangeOwnPassword = contract(
  'users:changeOwnPassword',
  z.object({ currentPassword: z.string().min(1, 'Escriba su contraseña actual.'), newPassword: Password }),
  SessionUser,
);
