import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appInfo, type SessionUser } from '../../shared/contracts/app';
import { authSignIn } from '../../shared/contracts/auth';
import { settingsGet } from '../../shared/contracts/settings';
import {
  usersChangeOwnPassword,
  usersCreate,
  usersDeactivate,
  usersList,
  usersReactivate,
  usersResetPassword,
  usersUpdate,
  type UserSummary,
} from '../../shared/contracts/users';
import type { InputOf, OutputOf } from '../../shared/contracts/contract';
import type { Contract } from '../../shared/contracts/contract';
import type { CallContext } from '../../electron/app/services';
import { auditEntriesAfter, verifyAuditChains } from '../../electron/db/audit';
import { insertUser } from '../../electron/db/users';
import { runWrite } from '../../electron/db/writeSession';
import { call } from '../../electron/handlers/call';
import { testApp, type TestApp } from '../helpers/app';

const STATION = 'UIO-INAQUITO-01';
const PASSWORD = 'clave-segura-1';

let t: TestApp;
beforeEach(async () => {
  t = await testApp({ station: { code: STATION, office: 'CAC Iñaquito' } });
});
afterEach(async () => t.close());

/** A fresh desk (its own session) on the same station. */
function desk(user: SessionUser | null = null): CallContext {
  return { app: t.ctx.app, session: { user } };
}

async function must<C extends Contract>(ctx: CallContext, c: C, input: InputOf<C>): Promise<OutputOf<C>> {
  const r = await call(ctx, c, input);
  if (!r.ok) throw new Error(`${c.channel}: ${r.error.message}`);
  return r.value;
}

async function refused<C extends Contract>(ctx: CallContext, c: C, input: InputOf<C>): Promise<string> {
  const r = await call(ctx, c, input);
  expect(r.ok, `${c.channel} should be refused`).toBe(false);
  return r.ok ? '' : r.error.message;
}

async function create(ctx: CallContext, username: string, role: UserSummary['role'], fullName = `Persona ${username}`): Promise<UserSummary> {
  return must(ctx, usersCreate, { username, fullName, password: PASSWORD, role });
}

/** Signs `username` in at a new desk, as a person would. */
async function signedIn(username: string, password = PASSWORD): Promise<CallContext> {
  const ctx = desk();
  await must(ctx, authSignIn, { username, password });
  return ctx;
}

function entries() {
  return auditEntriesAfter(t.ctx.app.db, STATION, 0);
}

async function userRow(username: string): Promise<UserSummary> {
  const u = (await must(t.ctx, usersList, {})).find((x) => x.username === username);
  if (!u) throw new Error(`no user ${username}`);
  return u;
}

describe('who manages whom', () => {
  it('an administrator creates every role; each creation is one audit entry without the password', async () => {
    for (const [name, role] of [['carla', 'COORDINADOR'], ['pablo', 'POSVENTA'], ['ana', 'ASESOR'], ['root2', 'ADMIN']] as const) {
      const u = await create(t.ctx, name, role);
      expect(u).toMatchObject({ username: name, role, active: true, mustChangePassword: false, originStation: STATION });
    }
    const created = entries().filter((e) => e.action === 'USUARIO_CREADO');
    // The first administrator (setup) and the four above.
    expect(created.map((e) => JSON.parse(e.detail ?? '{}').username)).toEqual(['admin', 'carla', 'pablo', 'ana', 'root2']);
    expect(created[1]).toMatchObject({ username: 'admin', role: 'ADMIN', targetKind: 'usuario', description: 'Creó el usuario «carla» (Persona carla) con perfil Coordinador regional.' });
    const text = JSON.stringify(entries());
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain('scrypt$');
  });

  it('a coordinator creates only clerks: a POSVENTA, COORDINADOR or ADMIN user is refused (no escalation)', async () => {
    await create(t.ctx, 'carla', 'COORDINADOR');
    const coord = await signedIn('carla');
    expect((await create(coord, 'ana', 'ASESOR')).originStation).toBe(STATION);
    for (const role of ['POSVENTA', 'COORDINADOR', 'ADMIN'] as const) {
      expect(await refused(coord, usersCreate, { username: `x-${role.toLowerCase()}`, fullName: 'Intento de escalada', password: PASSWORD, role })).toMatch(
        /Solo un administrador puede dar el perfil/,
      );
    }
    expect((await must(t.ctx, usersList, {})).map((u) => u.username).sort()).toEqual(['admin', 'ana', 'carla']);
  });

  it("a coordinator cannot touch a POSVENTA user, another coordinator, an administrator or another station's clerk, nor promote a clerk", async () => {
    const pablo = await create(t.ctx, 'pablo', 'POSVENTA');
    const other = await create(t.ctx, 'otro', 'COORDINADOR');
    await create(t.ctx, 'carla', 'COORDINADOR');
    const admin = await userRow('admin');
    const foreign = runWrite(t.ctx.app.db, (tx) =>
      insertUser(tx, { username: 'lejano', fullName: 'Asesor de Otra Estación', role: 'ASESOR', passwordHash: 'x', originStation: 'GYE-CENTRO-01' }),
    );
    const ana = await create(t.ctx, 'ana', 'ASESOR');
    const coord = await signedIn('carla');
    for (const target of [pablo, other, admin, foreign]) {
      expect(await refused(coord, usersUpdate, { userId: target.id, fullName: 'Nombre Cambiado', role: target.role })).toMatch(/solo administra a los asesores/);
      expect(await refused(coord, usersDeactivate, { userId: target.id })).toMatch(/solo administra a los asesores/);
      expect(await refused(coord, usersResetPassword, { userId: target.id })).toMatch(/solo administra a los asesores/);
    }
    expect(await refused(coord, usersUpdate, { userId: ana.id, fullName: ana.fullName, role: 'POSVENTA' })).toMatch(/Solo un administrador/);
    expect((await userRow('ana')).role).toBe('ASESOR');
    expect((await userRow('pablo')).active).toBe(true);
    expect(entries().filter((e) => e.username === 'carla' && e.action !== 'SESION_INICIADA').map((e) => e.action)).toEqual([]);
  });

  it('a clerk cannot list or manage users', async () => {
    const ana = await create(t.ctx, 'ana', 'ASESOR');
    const clerk = await signedIn('ana');
    await refused(clerk, usersList, {});
    await refused(clerk, usersCreate, { username: 'nuevo', fullName: 'Nuevo Usuario', password: PASSWORD, role: 'ASESOR' });
    await refused(clerk, usersDeactivate, { userId: ana.id });
  });
});

describe('edit, deactivate, reactivate', () => {
  it("a coordinator renames their station's clerk; the entry says old → new", async () => {
    await create(t.ctx, 'carla', 'COORDINADOR');
    const ana = await create(t.ctx, 'ana', 'ASESOR', 'Ana Pérez');
    const coord = await signedIn('carla');
    const after = await must(coord, usersUpdate, { userId: ana.id, fullName: 'Ana Pérez Vera', role: 'ASESOR' });
    expect(after.fullName).toBe('Ana Pérez Vera');
    const edited = entries().filter((e) => e.action === 'USUARIO_EDITADO');
    expect(edited).toHaveLength(1);
    expect(edited[0]).toMatchObject({ username: 'carla', role: 'COORDINADOR', targetId: ana.id, description: 'Modificó el usuario «ana»: nombre «Ana Pérez» → «Ana Pérez Vera».' });
    expect(JSON.parse(edited[0]!.detail!)).toEqual({ username: 'ana', fullName: { from: 'Ana Pérez', to: 'Ana Pérez Vera' } });
    // Saving the same values changes nothing and records nothing.
    await must(coord, usersUpdate, { userId: ana.id, fullName: 'Ana Pérez Vera', role: 'ASESOR' });
    expect(entries().filter((e) => e.action === 'USUARIO_EDITADO')).toHaveLength(1);
  });

  it('an administrator changes a role; the entry keeps both roles', async () => {
    const ana = await create(t.ctx, 'ana', 'ASESOR');
    await must(t.ctx, usersUpdate, { userId: ana.id, fullName: ana.fullName, role: 'COORDINADOR' });
    const e = entries().find((x) => x.action === 'USUARIO_EDITADO')!;
    expect(e.description).toBe('Modificó el usuario «ana»: perfil Asesor CAC → Coordinador regional.');
    expect(JSON.parse(e.detail!).role).toEqual({ from: 'ASESOR', to: 'COORDINADOR' });
  });

  it('a deactivated user cannot sign in; reactivated, they can again; both recorded', async () => {
    const ana = await create(t.ctx, 'ana', 'ASESOR');
    await signedIn('ana');
    const off = await must(t.ctx, usersDeactivate, { userId: ana.id });
    expect(off.active).toBe(false);
    expect(off.deactivatedAt).not.toBeNull();
    expect(await refused(desk(), authSignIn, { username: 'ana', password: PASSWORD })).toBe('Usuario o contraseña incorrectos.');
    const on = await must(t.ctx, usersReactivate, { userId: ana.id });
    expect(on).toMatchObject({ active: true, deactivatedAt: null });
    await signedIn('ana');
    expect(entries().filter((e) => e.targetId === ana.id && e.action.startsWith('USUARIO_')).map((e) => e.action)).toEqual([
      'USUARIO_CREADO',
      'USUARIO_DESACTIVADO',
      'USUARIO_REACTIVADO',
    ]);
  });

  it('nobody deactivates themselves, and the last active administrator is neither deactivated nor demoted', async () => {
    const admin = await userRow('admin');
    expect(await refused(t.ctx, usersDeactivate, { userId: admin.id })).toBe('No puede desactivar su propio usuario.');
    expect(await refused(t.ctx, usersUpdate, { userId: admin.id, fullName: admin.fullName, role: 'COORDINADOR' })).toMatch(/único administrador activo/);
    // A second administrator, signed in elsewhere, may not remove the first while it would leave none…
    const root2 = await create(t.ctx, 'root2', 'ADMIN');
    const second = await signedIn('root2');
    await must(second, usersDeactivate, { userId: admin.id });
    // …and then the first one's row no longer counts: root2 is the last, and cannot demote itself.
    expect(await refused(second, usersUpdate, { userId: root2.id, fullName: root2.fullName, role: 'ASESOR' })).toMatch(/único administrador activo/);
    expect((await must(second, usersList, {})).filter((u) => u.role === 'ADMIN' && u.active).map((u) => u.username)).toEqual(['root2']);
  });
});

describe('passwords', () => {
  it('a generated temporary password is readable, forces a change at sign-in, and opens nothing else until then', async () => {
    const ana = await create(t.ctx, 'ana', 'ASESOR');
    const { temporaryPassword, user } = await must(t.ctx, usersResetPassword, { userId: ana.id });
    expect(temporaryPassword).toMatch(/^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/);
    expect(user.mustChangePassword).toBe(true);
    // The old password no longer works.
    await refused(desk(), authSignIn, { username: 'ana', password: PASSWORD });

    const ctx = await signedIn('ana', temporaryPassword);
    expect(ctx.session.user?.mustChangePassword).toBe(true);
    expect((await must(ctx, appInfo, {})).user?.mustChangePassword).toBe(true);
    expect(await refused(ctx, settingsGet, {})).toBe('Debe cambiar su contraseña temporal antes de continuar.');

    expect(await refused(ctx, usersChangeOwnPassword, { currentPassword: 'no-es-esta', newPassword: 'mi-clave-propia' })).toBe('La contraseña actual no es correcta.');
    expect(await refused(ctx, usersChangeOwnPassword, { currentPassword: temporaryPassword, newPassword: temporaryPassword })).toMatch(/distinta de la actual/);
    expect(await refused(ctx, usersChangeOwnPassword, { currentPassword: temporaryPassword, newPassword: 'corta' })).toMatch(/al menos 8/);
    const changed = await must(ctx, usersChangeOwnPassword, { currentPassword: temporaryPassword, newPassword: 'mi-clave-propia' });
    expect(changed.mustChangePassword).toBeUndefined();
    await must(ctx, settingsGet, {});

    const row = await userRow('ana');
    expect(row.mustChangePassword).toBe(false);
    expect(row.passwordChangedAt).not.toBeNull();
    await refused(desk(), authSignIn, { username: 'ana', password: temporaryPassword });
    await signedIn('ana', 'mi-clave-propia');

    const reset = entries().find((e) => e.action === 'CLAVE_RESTABLECIDA')!;
    expect(reset).toMatchObject({ username: 'admin', targetId: ana.id });
    expect(JSON.parse(reset.detail!)).toEqual({ username: 'ana', generated: true });
    expect(entries().find((e) => e.action === 'CLAVE_CAMBIADA')).toMatchObject({ username: 'ana', description: 'Cambió su contraseña temporal por una propia.' });
    const text = JSON.stringify(entries());
    for (const secret of [temporaryPassword, 'mi-clave-propia', PASSWORD]) expect(text).not.toContain(secret);
    expect(verifyAuditChains(t.ctx.app.db).problems).toEqual([]);
  });

  it("a coordinator resets their clerk's password to one they type; nobody resets their own", async () => {
    await create(t.ctx, 'carla', 'COORDINADOR');
    const ana = await create(t.ctx, 'ana', 'ASESOR');
    const coord = await signedIn('carla');
    expect((await must(coord, usersResetPassword, { userId: ana.id, password: 'temporal-123' })).temporaryPassword).toBe('temporal-123');
    expect((await signedIn('ana', 'temporal-123')).session.user?.mustChangePassword).toBe(true);
    const carla = await userRow('carla');
    expect(await refused(t.ctx, usersResetPassword, { userId: (await userRow('admin')).id })).toMatch(/Cambiar mi contraseña/);
    expect(await refused(coord, usersResetPassword, { userId: carla.id })).toMatch(/Cambiar mi contraseña/);
  });

  it('anyone changes their own password knowing the current one', async () => {
    await create(t.ctx, 'ana', 'ASESOR');
    const ctx = await signedIn('ana');
    await must(ctx, usersChangeOwnPassword, { currentPassword: PASSWORD, newPassword: 'otra-clave-9' });
    await signedIn('ana', 'otra-clave-9');
    expect(entries().filter((e) => e.action === 'CLAVE_CAMBIADA').map((e) => e.description)).toEqual(['Cambió su contraseña.']);
  });
});
