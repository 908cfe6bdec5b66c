import { afterEach, describe, expect, it } from 'vitest';
import { authSignIn } from '../../shared/contracts/auth';
import { auditEntriesAfter } from '../../electron/db/audit';
import { runCli } from '../../electron/cli/main';
import { call } from '../../electron/handlers/call';
import { testApp, type TestApp } from '../helpers/app';

const open: TestApp[] = [];
afterEach(async () => {
  for (const t of open.splice(0)) await t.close();
});

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, (s) => (out += s + '\n'), (s) => (err += s + '\n'));
  return { code, out, err };
}

describe('CLI usuarios', () => {
  it('creates, lists (JSON without any password), edits, deactivates, reactivates and gives a temporary password', async () => {
    const t = await testApp({ station: { code: 'UIO-INAQUITO-01', office: 'CAC Iñaquito' } });
    open.push(t);
    const db = t.dbPath;

    const made = await cli('usuario-nuevo', 'ana', '--nombre', 'Ana Pérez', '--perfil', 'asesor', '--clave', 'clave-segura-1', '--db', db);
    expect(made).toMatchObject({ code: 0, out: 'Usuario ana creado (Asesor CAC).\n' });
    expect(await cli('usuario-nuevo', 'ana', '--nombre', 'Otra Ana', '--perfil', 'ASESOR', '--clave', 'clave-segura-1', '--db', db)).toMatchObject({ code: 2, err: 'El usuario «ana» ya existe.\n' });
    expect((await cli('usuario-nuevo', 'x', '--nombre', 'Xavier', '--perfil', 'JEFE', '--clave', 'clave-segura-1', '--db', db)).code).toBe(64);

    const listed = await cli('usuarios', '--db', db, '--json');
    expect(listed.code).toBe(0);
    const users = JSON.parse(listed.out) as Array<Record<string, unknown>>;
    expect(users.map((u) => [u.username, u.role, u.active, u.mustChangePassword])).toEqual([
      ['admin', 'ADMIN', true, false],
      ['ana', 'ASESOR', true, false],
    ]);
    expect(Object.keys(users[1]!).sort()).toEqual(
      ['active', 'createdAt', 'deactivatedAt', 'fullName', 'mustChangePassword', 'originStation', 'passwordChangedAt', 'role', 'updatedAt', 'username'].sort(),
    );
    expect(listed.out).not.toMatch(/scrypt|clave-segura/);

    expect(await cli('usuario-editar', 'ana', '--perfil', 'coordinador', '--db', db)).toMatchObject({ code: 0, out: 'Usuario ana: Ana Pérez, Coordinador regional.\n' });
    expect(await cli('usuario-desactivar', 'ana', '--db', db)).toMatchObject({ code: 0, out: 'Usuario ana desactivado.\n' });
    const text = await cli('usuarios', '--db', db);
    expect(text.out).toMatch(/^ana +Ana Pérez +Coordinador regional +inactivo desde \d{2}\/\d{2}\/\d{4}$/m);
    expect(await cli('usuario-reactivar', 'ana', '--db', db)).toMatchObject({ code: 0, out: 'Usuario ana reactivado.\n' });
    expect(await cli('usuario-desactivar', 'nadie', '--db', db)).toMatchObject({ code: 2, err: 'No existe el usuario «nadie» en esta estación.\n' });

    const reset = await cli('usuario-clave', 'ana', '--db', db, '--json');
    expect(reset.code).toBe(0);
    const { temporaryPassword, user } = JSON.parse(reset.out) as { temporaryPassword: string; user: { mustChangePassword: boolean } };
    expect(user.mustChangePassword).toBe(true);
    expect((await cli('usuarios', '--db', db)).out).toMatch(/^ana .*debe cambiar contraseña$/m);

    // The command line wrote to the same database the app reads: the temporary password signs in and must be changed.
    const signed = await call({ app: t.ctx.app, session: { user: null } }, authSignIn, { username: 'ana', password: temporaryPassword });
    expect(signed.ok && signed.value.mustChangePassword).toBe(true);
    const actions = auditEntriesAfter(t.ctx.app.db, 'UIO-INAQUITO-01', 0).filter((e) => e.username === 'cli').map((e) => e.action);
    expect(actions).toEqual(['USUARIO_CREADO', 'USUARIO_EDITADO', 'USUARIO_DESACTIVADO', 'USUARIO_REACTIVADO', 'CLAVE_RESTABLECIDA']);

    // The clerk's cédula (printed on the actas), checked like anywhere else; dots and dashes dropped.
    expect((await cli('usuario-editar', 'ana', '--cedula', '171003406-5', '--db', db)).code).toBe(0);
    const bad = await cli('usuario-editar', 'ana', '--cedula', '1234567890', '--db', db);
    expect(bad.code).not.toBe(0);
    expect(bad.err).toContain('La cédula no es válida');
    expect(t.ctx.app.db.prepare('SELECT identification FROM users WHERE username = ?').pluck().get('ana')).toBe('1710034065');
    expect((await cli('usuario-nuevo', 'beto', '--nombre', 'Beto Ruiz', '--perfil', 'asesor', '--clave', 'clave-segura-1', '--cedula', '0102030400', '--db', db)).code).toBe(0);
    expect(t.ctx.app.db.prepare('SELECT identification FROM users WHERE username = ?').pluck().get('beto')).toBe('0102030400');
  });
});
