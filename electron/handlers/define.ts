import type { z } from 'zod';
import type { Contract } from '../../shared/contracts/contract';
import { usersChangeOwnPassword } from '../../shared/contracts/users';
import { fail, ok, AppFailure, type Result } from '../../shared/result';
import { can, type Capability } from '../../shared/roles';
import type { CallContext } from '../app/services';
import { forgetFileTokens } from '../app/fileTokens';
import { findUserById } from '../db/users';
import { log } from '../platform/log';

export type Access = 'public' | 'user' | Capability;

/** What a locked session may still call: enough to unlock, to let someone else sign in, or to leave. */
const OPEN_WHILE_LOCKED: ReadonlySet<string> = new Set(['auth:unlock', 'auth:signIn', 'auth:signOut', 'app:info']);

/** What a user with a temporary password may call: replace it, and the idle lock around that screen. */
const OPEN_WHILE_TEMPORARY: ReadonlySet<string> = new Set([usersChangeOwnPassword.channel, 'auth:lock', 'auth:unlock', 'auth:idleLock']);

export type Handler = (input: unknown, ctx: CallContext) => Promise<Result<unknown>>;

function zodMessage(error: z.ZodError): { message: string; fields: Record<string, string> } {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || '_';
    if (!fields[key]) fields[key] = issue.message;
  }
  const first = Object.values(fields)[0] ?? 'Datos no válidos.';
  return { message: first, fields };
}

/**
 * Wraps a use case as a handler: validates input against the contract, checks the caller's
 * role, and turns thrown AppFailures into typed errors. Output is validated too, so the
 * contract is what really crosses the boundary.
 */
export function handle<I extends z.ZodType, O extends z.ZodType>(
  c: Contract<I, O>,
  access: Access,
  fn: (input: z.output<I>, ctx: CallContext) => z.input<O> | Promise<z.input<O>>,
): [string, Handler] {
  const h: Handler = async (raw, ctx) => {
    const parsed = c.input.safeParse(raw ?? {});
    if (!parsed.success) {
      const { message, fields } = zodMessage(parsed.error);
      return fail('validation', message, fields);
    }
    if (ctx.session.locked && ctx.session.user && !OPEN_WHILE_LOCKED.has(c.channel)) {
      log.warn('handler.refused', { channel: c.channel, reason: 'locked', userId: ctx.session.user.id });
      return fail('refused', 'La pantalla está bloqueada. Ingrese su contraseña para continuar.');
    }
    if (access !== 'public') {
      const user = ctx.session.user;
      if (!user) {
        log.warn('handler.refused', { channel: c.channel, reason: 'no session' });
        return fail('refused', 'Su sesión terminó. Ingrese de nuevo con su usuario y contraseña.');
      }
      // A user deactivated or given another role while signed in elsewhere: the change holds from
      // their next call, not only from their next sign-in. (The CLI's user and tests' stand-ins
      // are no rows of users: nothing to follow.)
      const current = findUserById(ctx.app.db, user.id);
      if (current && !current.active) {
        ctx.session.user = null;
        ctx.session.locked = false;
        forgetFileTokens(ctx.session);
        log.warn('handler.refused', { channel: c.channel, reason: 'deactivated', userId: user.id });
        return fail('refused', 'Su usuario fue desactivado. Pida ayuda a su coordinador.');
      }
      if (current && (current.role !== user.role || current.fullName !== user.fullName)) {
        ctx.session.user = { ...user, role: current.role, fullName: current.fullName };
      }
      const caller = ctx.session.user ?? user;
      // A temporary password opens nothing but the screen to replace it.
      if (caller.mustChangePassword && !OPEN_WHILE_TEMPORARY.has(c.channel)) {
        log.warn('handler.refused', { channel: c.channel, reason: 'must change password', userId: user.id });
        return fail('refused', 'Debe cambiar su contraseña temporal antes de continuar.');
      }
      if (access !== 'user' && !can(caller.role, access)) {
        log.warn('handler.refused', { channel: c.channel, reason: 'role', role: caller.role, userId: user.id });
        return fail('refused', 'Su perfil no tiene permiso para esta acción. Pida ayuda a su coordinador.');
      }
    }
    try {
      const value = await fn(parsed.data, ctx);
      const out = c.output.safeParse(value);
      if (!out.success) {
        log.error('handler.badOutput', { channel: c.channel, issues: out.error.issues.slice(0, 5).map((i) => ({ path: i.path.join('.'), code: i.code })) });
        return fail('internal', `Respuesta no válida de ${c.channel}: ${out.error.issues[0]?.message ?? ''}`);
      }
      return ok(out.data);
    } catch (e) {
      if (e instanceof AppFailure) {
        log.warn('handler.failure', { channel: c.channel, userId: ctx.session.user?.id, err: e });
        return fail(e.kind, e.message, e.fields);
      }
      if (e && typeof e === 'object' && 'code' in e && String((e as { code: unknown }).code).startsWith('SQLITE_BUSY')) {
        log.warn('handler.busy', { channel: c.channel, err: e });
        return fail('conflict', 'La base de datos está ocupada con otra tarea (por ejemplo una importación). Intente de nuevo en un momento.');
      }
      log.error('handler.failed', { channel: c.channel, userId: ctx.session.user?.id, err: e });
      return fail('internal', 'Ocurrió un error inesperado. Intente de nuevo; si se repite, avise a soporte.');
    }
  };
  return [c.channel, h];
}
