import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { appInfo, type SessionUser } from '../../shared/contracts/app';
import { authIdleLock, authLock, authSetIdleLock, authSignIn, authSignOut, authUnlock } from '../../shared/contracts/auth';
import type { Contract, InputOf, OutputOf } from '../../shared/contracts/contract';
import { searchQuery } from '../../shared/contracts/customers';
import type { Role } from '../../shared/roles';
import { closeServices, createServices, type CallContext } from '../../electron/app/services';
import { waitAfterFailures } from '../../electron/app/sessions';
import { hashPassword, needsRehash, PASSWORD_COST, passwordCost, passwordWork, setPasswordCostForTests, unmatchableHash, verifyPassword } from '../../electron/auth/password';
import { auditEntriesAfter, verifyAuditChains, type AuditEntry } from '../../electron/db/audit';
import { readSignInAttempts } from '../../electron/db/signInAttempts';
import { findUserForLogin, insertUser, setUserActive } from '../../electron/db/users';
import { runWrite } from '../../electron/db/writeSession';
import { call } from '../../electron/handlers/call';
import { testApp, type TestApp } from '../helpers/app';

const STATION = 'UIO-INAQUITO-01';
const PASSWORD = 'clave-segura-1';
const TEST_COST = { N: 1024, r: 8, p: 1 };

let t: TestApp;
beforeEach(async () => {
  setPasswordCostForTests(TEST_COST);
  t = await testApp({ station: { code: STATION, office: 'CAC Iñaquito' } });
});
afterEach(async () => {
  vi.useRealTimers();
  setPasswordCostForTests(TEST_COST);
  await t.close();
});

function desk(ctx: CallContext = t.ctx): CallContext {
  return { app: ctx.app, session: { user: null } };
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

function addUser(username: string, role: Role = 'ASESOR', password = PASSWORD): string {
  return runWrite(t.ctx.app.db, (tx) => insertUser(tx, { username, fullName: `Persona ${username}`, role, passwordHash: hashPassword(password), originStation: STATION }).id);
}

function audit(): AuditEntry[] {
  return auditEntriesAfter(t.ctx.app.db, STATION, 0);
}

function lastOf(action: string): AuditEntry | undefined {
  return audit()
    .filter((e) => e.action === action)
    .at(-1);
}

/** Full scrypt verifications the call did. */
async function work<T>(fn: () => Promise<T>): Promise<number> {
  const before = passwordWork.verifications;
  await fn();
  return passwordWork.verifications - before;
}

describe('sign-in costs the same for every name', () => {
  it('does one full verification for a real, an unknown, an inactive and a waiting name, and says the same', async () => {
    const inactive = addUser('inactivo');
    runWrite(t.ctx.app.db, (tx) => setUserActive(tx, inactive, false, null));
    addUser('ana');

    expect(await work(() => must(desk(), authSignIn, { username: 'ana', password: PASSWORD }))).toBe(1);
    const messages: string[] = [];
    for (const username of ['nadie', 'inactivo', 'ana']) {
      expect(await work(async () => messages.push(await refused(desk(), authSignIn, { username, password: 'otra-clave-9' })))).toBe(1);
    }
    expect(new Set(messages)).toEqual(new Set(['Usuario o contraseña incorrectos.']));
    // The inactive user's right password is refused alike.
    expect(await refused(desk(), authSignIn, { username: 'inactivo', password: PASSWORD })).toBe('Usuario o contraseña incorrectos.');

    // A name waiting after its failures is not checked against its password, but costs the same.
    for (let i = 0; i < 2; i++) await refused(desk(), authSignIn, { username: 'ana', password: 'otra-clave-9' });
    let waiting = '';
    expect(await work(async () => (waiting = await refused(desk(), authSignIn, { username: 'ana', password: PASSWORD })))).toBe(1);
    expect(waiting).toBe('Demasiados intentos fallidos. Espere menos de 1 minuto e intente de nuevo.');
    // So does an unknown name that failed as often: nothing tells the two apart.
    for (let i = 0; i < 3; i++) await refused(desk(), authSignIn, { username: 'nadie', password: 'x' });
    expect(await refused(desk(), authSignIn, { username: 'NADIE', password: 'x' })).toBe(waiting);
  });

  it('checks against a hash of the current cost for an unknown name (measured, with a wide margin)', async () => {
    setPasswordCostForTests({ N: 2 ** 14, r: 8, p: 1 });
    // One known name per sample: a name tried too often is checked against the unmatchable hash.
    for (let i = 0; i < 5; i++) addUser(`ana-${i}`);
    const time = async (username: string) => {
      const start = performance.now();
      await refused(desk(), authSignIn, { username, password: 'otra-clave-9' });
      return performance.now() - start;
    };
    // Interleaved samples and their fastest: one sample of each flaked under a loaded CI machine
    // (a single slow 'ana' made a fair 'nadie' look three times quicker).
    await time('calentar');
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 5; i++) {
      known.push(await time(`ana-${i}`));
      unknown.push(await time(`nadie-${i}`));
    }
    // Before, an unknown name answered 50 times sooner; now both do the same scrypt.
    expect(Math.min(...unknown)).toBeGreaterThan(Math.min(...known) / 3);
    // And the hash checked for the unknown name is made at the cost set now, not a fixed cheaper one.
    expect(needsRehash(unmatchableHash())).toBe(false);
  });
});

describe('failed attempts', () => {
  it('wait 30 s after the third, doubling to at most 15 minutes', () => {
    expect([1, 2, 3, 4, 5, 6].map(waitAfterFailures)).toEqual([0, 0, 30_000, 60_000, 120_000, 240_000]);
    expect(waitAfterFailures(20)).toBe(15 * 60_000);
  });

  it('are kept in the database: the wait survives a restart, ends on time, and a success clears it', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-03T10:00:00Z'));
    addUser('ana');
    for (let i = 0; i < 3; i++) await refused(desk(), authSignIn, { username: 'ana', password: 'mala-clave-1' });
    expect(readSignInAttempts(t.ctx.app.db, 'ANA')).toMatchObject({ failures: 3, lockedUntil: '2026-12-03T10:00:30.000Z' });

    // Restart the services on the same database: the wait is still there.
    await closeServices(t.ctx.app);
    const app = createServices({ dbPath: t.dbPath, dataDir: t.dir });
    t.ctx = { app, session: { user: null } };
    expect(await refused(desk(), authSignIn, { username: 'ana', password: PASSWORD })).toMatch(/^Demasiados intentos fallidos\. Espere menos de 1 minuto/);
    // Refusals while waiting do not push the wait further.
    expect(readSignInAttempts(app.db, 'ana')?.failures).toBe(3);

    vi.setSystemTime(new Date('2026-12-03T10:00:31Z'));
    // One more failure after the wait: 60 s this time.
    await refused(desk(), authSignIn, { username: 'ana', password: 'mala-clave-1' });
    expect(readSignInAttempts(app.db, 'ana')).toMatchObject({ failures: 4, lockedUntil: '2026-12-03T10:01:31.000Z' });
    vi.setSystemTime(new Date('2026-12-03T10:01:32Z'));
    await must(desk(), authSignIn, { username: 'ana', password: PASSWORD });
    expect(readSignInAttempts(app.db, 'ana')).toBeNull();
  });

  it('are in the audit log with the name typed and never the password', async () => {
    const id = addUser('ana');
    await refused(desk(), authSignIn, { username: 'ana', password: 'secreto-que-no-va' });
    await refused(desk(), authSignIn, { username: 'fulano', password: 'secreto-que-no-va' });
    const failed = audit().filter((e) => e.action === 'SESION_FALLIDA');
    expect(failed.map((e) => [e.userId, e.targetId, JSON.parse(e.detail ?? '{}') as unknown])).toEqual([
      [null, id, { usuarioEscrito: 'ana', motivo: 'contraseña' }],
      [null, null, { usuarioEscrito: 'fulano', motivo: 'desconocido' }],
    ]);
    expect(JSON.stringify(audit())).not.toContain('secreto-que-no-va');

    const ctx = desk();
    await must(ctx, authSignIn, { username: 'ana', password: PASSWORD });
    expect(lastOf('SESION_INICIADA')).toMatchObject({ userId: id, username: 'ana', role: 'ASESOR', description: 'Inició sesión como ana.' });
    await must(ctx, authSignOut, {});
    expect(lastOf('SESION_CERRADA')).toMatchObject({ userId: id, description: 'Cerró sesión.' });
    expect(ctx.session.user).toBeNull();
    expect(verifyAuditChains(t.ctx.app.db).problems).toEqual([]);
  });
});

describe('scrypt cost', () => {
  it('is N = 2^17, r = 8, p = 1 for new hashes', () => {
    setPasswordCostForTests(null);
    expect(passwordCost()).toEqual({ N: 131072, r: 8, p: 1 });
    expect(PASSWORD_COST).toEqual({ N: 131072, r: 8, p: 1 });
    const stored = hashPassword(PASSWORD);
    expect(stored).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(verifyPassword(PASSWORD, stored)).toBe(true);
    expect(verifyPassword('otra', stored)).toBe(false);
  });

  it('re-hashes a weaker hash at the next successful sign-in, in the same write session as its entry', async () => {
    setPasswordCostForTests({ N: 2 ** 10, r: 8, p: 1 });
    const id = addUser('ana');
    expect(findUserForLogin(t.ctx.app.db, 'ana')?.passwordHash).toMatch(/^scrypt\$1024\$/);
    setPasswordCostForTests({ N: 2 ** 11, r: 8, p: 1 });

    await refused(desk(), authSignIn, { username: 'ana', password: 'mala-clave-1' });
    expect(findUserForLogin(t.ctx.app.db, 'ana')?.passwordHash).toMatch(/^scrypt\$1024\$/);

    await must(desk(), authSignIn, { username: 'ana', password: PASSWORD });
    const upgraded = findUserForLogin(t.ctx.app.db, 'ana')!;
    expect(upgraded.passwordHash).toMatch(/^scrypt\$2048\$8\$1\$/);
    expect(upgraded.passwordChangedAt).toBeNull();
    expect(lastOf('SESION_INICIADA')).toMatchObject({ userId: id, detail: JSON.stringify({ claveReforzada: true }) });
    // Next time nothing changes.
    await must(desk(), authSignIn, { username: 'ana', password: PASSWORD });
    expect(findUserForLogin(t.ctx.app.db, 'ana')?.passwordHash).toBe(upgraded.passwordHash);
    expect(lastOf('SESION_INICIADA')?.detail).toBeNull();
  });
});

describe('idle lock', () => {
  it('refuses every call of a locked session but unlock, sign-in, sign-out and app:info', async () => {
    const id = addUser('ana');
    const ctx = desk();
    await must(ctx, authSignIn, { username: 'ana', password: PASSWORD });
    await must(ctx, searchQuery, { text: 'PEREZ', limit: 5 });

    await must(ctx, authLock, {});
    expect(lastOf('SESION_BLOQUEADA')).toMatchObject({ userId: id, description: 'La pantalla se bloqueó por inactividad.' });
    expect(await refused(ctx, searchQuery, { text: 'PEREZ', limit: 5 })).toBe('La pantalla está bloqueada. Ingrese su contraseña para continuar.');
    expect(await refused(ctx, authIdleLock, {})).toBe('La pantalla está bloqueada. Ingrese su contraseña para continuar.');
    expect(await must(ctx, appInfo, {})).toMatchObject({ locked: true, user: { id } });
    // Locking again records nothing new.
    const entries = audit().length;
    expect(await refused(ctx, authLock, {})).toMatch(/bloqueada/);
    expect(audit().length).toBe(entries);

    // A wrong password counts as a failed sign-in of that name.
    expect(await refused(ctx, authUnlock, { password: 'mala-clave-1' })).toBe('Contraseña incorrecta.');
    expect(readSignInAttempts(t.ctx.app.db, 'ana')?.failures).toBe(1);
    expect(JSON.parse(lastOf('SESION_FALLIDA')?.detail ?? '{}')).toEqual({ usuarioEscrito: 'ana', motivo: 'contraseña', desbloqueo: true });

    const back = await must(ctx, authUnlock, { password: PASSWORD });
    expect(back.id).toBe(id);
    expect(readSignInAttempts(t.ctx.app.db, 'ana')).toBeNull();
    expect(lastOf('SESION_DESBLOQUEADA')).toMatchObject({ userId: id });
    expect(await must(ctx, appInfo, {})).toMatchObject({ locked: false });
    await must(ctx, searchQuery, { text: 'PEREZ', limit: 5 });
  });

  it('gives way to another person, whose sign-in ends the locked session', async () => {
    const ana = addUser('ana');
    const luis = addUser('luis');
    const ctx = desk();
    await must(ctx, authSignIn, { username: 'ana', password: PASSWORD });
    await must(ctx, authLock, { manual: true });
    expect(lastOf('SESION_BLOQUEADA')?.description).toBe('Bloqueó la pantalla.');

    const user: SessionUser = await must(ctx, authSignIn, { username: 'luis', password: PASSWORD });
    expect(user.id).toBe(luis);
    expect(ctx.session).toMatchObject({ user: { id: luis }, locked: false });
    expect(lastOf('SESION_CERRADA')).toMatchObject({ userId: ana, description: 'Sesión cerrada: luis ingresó en esta estación.' });
    await must(ctx, searchQuery, { text: 'PEREZ', limit: 5 });
  });

  it('is set in minutes (default 5) by a coordinator or an administrator, recorded old → new', async () => {
    addUser('ana');
    addUser('coord', 'COORDINADOR');
    const clerk = desk();
    await must(clerk, authSignIn, { username: 'ana', password: PASSWORD });
    expect(await must(clerk, authIdleLock, {})).toEqual({ minutes: 5 });
    expect(await refused(clerk, authSetIdleLock, { minutes: 30 })).toBe('Solo un coordinador o un administrador cambia el bloqueo por inactividad.');

    const coordinator = desk();
    await must(coordinator, authSignIn, { username: 'coord', password: PASSWORD });
    expect(await refused(coordinator, authSetIdleLock, { minutes: 0 })).toBe('El bloqueo debe ser de al menos 1 minuto.');
    expect(await must(coordinator, authSetIdleLock, { minutes: 10 })).toEqual({ minutes: 10 });
    expect(lastOf('CONFIGURACION_CAMBIADA')).toMatchObject({
      username: 'coord',
      targetId: 'idleLockMinutes',
      description: 'Cambió el bloqueo por inactividad de 5 a 10 minutos.',
      detail: JSON.stringify({ ajuste: 'idleLockMinutes', anterior: 5, nuevo: 10 }),
    });
    expect(await must(clerk, authIdleLock, {})).toEqual({ minutes: 10 });
    // The same value again changes nothing and records nothing.
    const entries = audit().length;
    await must(coordinator, authSetIdleLock, { minutes: 10 });
    expect(audit().length).toBe(entries);
  });
});
