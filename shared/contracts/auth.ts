import { z } from 'zod';
import type { Role } from '../roles';
import { SessionUser } from './app';
import { contract, Empty } from './contract';

const Username = z.string().trim().min(1, 'Escriba su usuario.').max(200);
const TypedPassword = z.string().min(1, 'Escriba su contraseña.').max(200);

/** Signs a person in at this desk; another person's session (signed in or locked) ends with it. */
export const authSignIn = contract('auth:signIn', z.object({ username: Username, password: TypedPassword }), SessionUser);
export const authSignOut = contract('auth:signOut', Empty, z.object({}));

/** The idle lock: the session refuses every call but these until the same person types the password. */
export const authLock = contract('auth:lock', z.object({ manual: z.boolean().optional() }), z.object({}));
export const authUnlock = contract('auth:unlock', z.object({ password: TypedPassword }), SessionUser);

/** Minutes without input before the screen locks at this desk. */
export const IDLE_LOCK_DEFAULT_MINUTES = 5;
export const IdleLockMinutes = z
  .number({ message: 'Escriba los minutos como un número entero.' })
  .int('Escriba los minutos como un número entero.')
  .min(1, 'El bloqueo debe ser de al menos 1 minuto.')
  .max(60, 'El bloqueo no puede pasar de 60 minutos.');

export const authIdleLock = contract('auth:idleLock', Empty, z.object({ minutes: IdleLockMinutes }));
export const authSetIdleLock = contract('auth:setIdleLock', z.object({ minutes: IdleLockMinutes }), z.object({ minutes: IdleLockMinutes }));

/** The idle lock protects a shared counter: the office's coordinator or an administrator sets it, not each clerk. */
export function mayChangeIdleLock(role: Role): boolean {
  return role === 'ADMIN' || role === 'COORDINADOR';
}
