import { afterEach, beforeEach, expect, it } from 'vitest';
import { authSignIn } from '../../shared/contracts/auth';
import { auditList } from '../../shared/contracts/audit';
import { usersCreate, usersDeactivate, usersList, usersUpdate } from '../../shared/contracts/users';
import type { CallContext } from '../../electron/app/services';
import { call } from '../../electron/handlers/call';
import { testApp, type TestApp } from '../helpers/app';

const PASSWORD = 'clave-segura-1';
let t: TestApp;
beforeEach(async () => {
  t = await testApp();
});
afterEach(async () => t.close());

async function signedIn(username: string): Promise<CallContext> {
  const ctx: CallContext = { app: t.ctx.app, session: { user: null } };
  const r = await call(ctx, authSignIn, { username, password: PASSWORD });
  if (!r.ok) throw new Error(r.error.message);
  return ctx;
}

it('ends the open session of a user deactivated at another desk at their next call', async () => {
  const admin = await signedIn('admin');
  const made = await call(admin, usersCreate, { username: 'coord', fullName: 'Coordinadora Uno', password: PASSWORD, role: 'COORDINADOR' });
  if (!made.ok) throw new Error(made.error.message);
  const coord = await signedIn('coord');
  expect((await call(coord, usersList, {})).ok).toBe(true);

  expect((await call(admin, usersDeactivate, { userId: made.value.id })).ok).toBe(true);
  const after = await call(coord, usersList, {});
  expect(after.ok).toBe(false);
  if (!after.ok) expect(after.error.message).toBe('Su usuario fue desactivado. Pida ayuda a su coordinador.');
  expect(coord.session.user).toBeNull();
});

it('applies a role taken away at another desk from the next call, not the next sign-in', async () => {
  const admin = await signedIn('admin');
  const made = await call(admin, usersCreate, { username: 'posventa1', fullName: 'Analista Posventa', password: PASSWORD, role: 'POSVENTA' });
  if (!made.ok) throw new Error(made.error.message);
  const pv = await signedIn('posventa1');
  expect((await call(pv, auditList, {})).ok).toBe(true);

  expect((await call(admin, usersUpdate, { userId: made.value.id, fullName: 'Analista Posventa', role: 'ASESOR' })).ok).toBe(true);
  const after = await call(pv, auditList, {});
  expect(after.ok).toBe(false);
  expect(pv.session.user?.role).toBe('ASESOR');
});
