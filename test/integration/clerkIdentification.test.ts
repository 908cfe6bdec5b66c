import { afterEach, describe, expect, it } from 'vitest';
import { authSignIn } from '../../shared/contracts/auth';
import { handoversGet } from '../../shared/contracts/handovers';
import { usersCreate, usersUpdate } from '../../shared/contracts/users';
import { renderActaHtml } from '../../shared/acta/template';
import type { CallContext } from '../../electron/app/services';
import { call } from '../../electron/handlers/call';
import { admin, type TestApp } from '../helpers/app';
import { office, returnSerials } from '../helpers/offices';

const open: TestApp[] = [];
afterEach(async () => {
  for (const t of open.splice(0)) await t.close();
});

const PASSWORD = 'clave-segura-1';

describe("the clerk's cédula", () => {
  it('is asked when creating a user, checked with the cédula rule, editable by an admin and by a coordinator for their clerks, and printed on the acta', async () => {
    const t = await office('UIO-INAQUITO-01', 'CAC Iñaquito');
    open.push(t);
    t.ctx.session.user = admin;
    const bad = await call(t.ctx, usersCreate, { username: 'lucia', fullName: 'Lucía Asesora', password: PASSWORD, role: 'ASESOR', identification: '1712345670' });
    expect(!bad.ok && bad.error.fields?.identification).toBe('La cédula no es válida: revise los 10 dígitos.');
    const lucia = await call(t.ctx, usersCreate, { username: 'lucia', fullName: 'Lucía Asesora', password: PASSWORD, role: 'ASESOR' });
    if (!lucia.ok) throw new Error(lucia.error.message);
    expect(lucia.value.identification).toBeNull();
    const carla = await call(t.ctx, usersCreate, { username: 'carla', fullName: 'Carla Coordinadora', password: PASSWORD, role: 'COORDINADOR', identification: '0102030400' });
    expect(carla.ok && carla.value.identification).toBe('0102030400');

    // The coordinator records her clerk's cédula (typed with a dash); the admin's is not hers to change.
    const desk: CallContext = { app: t.ctx.app, session: { user: null } };
    expect((await call(desk, authSignIn, { username: 'carla', password: PASSWORD })).ok).toBe(true);
    const set = await call(desk, usersUpdate, { userId: lucia.value.id, fullName: 'Lucía Asesora', role: 'ASESOR', identification: '171234567-5' });
    expect(set.ok && set.value.identification).toBe('1712345675');
    expect((await call(desk, usersUpdate, { userId: admin.id, fullName: admin.fullName, role: 'ADMIN', identification: '1712345675' })).ok).toBe(false);
    const entry = t.ctx.app.db.prepare("SELECT description FROM audit_log WHERE action = 'USUARIO_EDITADO' ORDER BY rowid DESC LIMIT 1").pluck().get();
    expect(entry).toBe('Modificó el usuario «lucia»: cédula (sin registrar) → 1712345675.');

    // Lucía's acta prints her C.I.
    const clerkDesk: CallContext = { app: t.ctx.app, session: { user: null } };
    expect((await call(clerkDesk, authSignIn, { username: 'lucia', password: PASSWORD })).ok).toBe(true);
    const saved = await returnSerials({ ...t, ctx: clerkDesk } as TestApp, '1712345675', ['HW-1']);
    const acta = await call(t.ctx, handoversGet, { id: saved.id });
    if (!acta.ok) throw new Error(acta.error.message);
    expect(acta.value.clerkIdentification).toBe('1712345675');
    expect(renderActaHtml(acta.value, { qrSvg: '', reprint: false })).toContain('C.I. 1712345675');
  });
});
