import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { backupsFile, backupsRegister, backupsReview } from '../../shared/contracts/backups';
import { customerGet } from '../../shared/contracts/customers';
import { handoversPdf, handoversSave, handoversVoid } from '../../shared/contracts/handovers';
import { importStart } from '../../shared/contracts/importBase';
import { importBaseJob } from '../../shared/contracts/jobKinds';
import { jobResult } from '../../shared/contracts/jobs';
import { settingsGet, settingsUpdate } from '../../shared/contracts/settings';
import { stationsSaveIdentity, stationsTrustCentral } from '../../shared/contracts/stations';
import { verifyAuditChains } from '../../electron/db/audit';
import { runWrite } from '../../electron/db/writeSession';
import { call } from '../../electron/handlers/call';
import { admin, testApp, type TestApp } from '../helpers/app';
import { PDF, exportNow } from '../helpers/nationalLoop';
import { card, clerk, coordinator, posventa } from '../helpers/offices';
import { d, HEADER, writeWorkbook, type Cell } from '../helpers/workbooks';
import { pick } from '../helpers/files';

// Every change and every read of personal data leaves exactly one entry, in order, naming who did
// it, what it touched and whose data it was; a refused action leaves none; a change and its entry
// commit together or not at all.

let t: TestApp;
let central: TestApp | null = null;
afterEach(async () => {
  await t?.close();
  await central?.close();
  central = null;
});

interface Row {
  action: string;
  user_id: string | null;
  user_name: string | null;
  role: string | null;
  target_kind: string | null;
  target_id: string | null;
  customer_id: string | null;
  description: string;
  detail: string | null;
}

/** Users and sessions record their own entries (their tests check them); this file follows the rest. */
const OWN_TESTS = /^(SESION_|USUARIO_|CLAVE_RESTABLECIDA$|CLAVE_CAMBIADA$)/;
const entries = () =>
  (
    t.ctx.app.db
      .prepare('SELECT action, user_id, user_name, role, target_kind, target_id, customer_id, description, detail FROM audit_log ORDER BY seq')
      .all() as Row[]
  ).filter((e) => !OWN_TESTS.test(e.action));
const count = (table: string) => t.ctx.app.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

const rowA: Cell[] = ['PICHINCHA', 1712345675, 'PÉREZ LÓPEZ JUAN CARLOS', 'Internet Fijo', 223456789, d(2020, 5, 10), 'MODEM', 'HUAWEI', 'HG8245H', 'HWT0001', 45, 'SI', 'NO', 'NO', '0991234567', null];
const rowC: Cell[] = ['AUSTRO', 102030400, 'DE LA TORRE ANDRADE MARÍA JOSÉ', 'TV', '0005550001', '03-06-2020', 'DECODIFICADOR', 'KAON', 'KSF-SA800', 'ka-0001', '60.00', 'NO', 'NO', 'NO', '+593987654321', null];
const noService: Cell[] = ['PICHINCHA', 1712345675, 'PÉREZ LÓPEZ JUAN CARLOS', 'Internet Fijo', null, d(2020, 5, 10), 'ONT', 'ZTE', '', 'ZT-9', 40, 'NO', 'NO', 'NO', null, null];

async function as<T>(user: typeof admin, work: () => Promise<T>): Promise<T> {
  const previous = t.ctx.session.user;
  t.ctx.session.user = user;
  try {
    return await work();
  } finally {
    t.ctx.session.user = previous;
  }
}

async function officeDay() {
  t = await testApp({ station: { code: 'UIO-INAQUITO-01', office: 'CAC Iñaquito' } });
  const path = join(t.dir, 'base.xlsx');
  await writeWorkbook(path, [{ name: 'Base', rows: [HEADER, rowA, rowC, noService] }]);
  const started = await as(coordinator, () => call(t.ctx, importStart, { file: pick(t.ctx.session, path), mode: 'commit' }));
  if (!started.ok) throw new Error(started.error.message);
  const imported = jobResult(importBaseJob, await t.ctx.app.jobs.wait(started.value.jobId));
  if (!imported.ok) throw new Error(imported.error.message);
  return imported.value;
}

describe('audit trail of an office day', () => {
  it('records every change and sensitive read, in order, with its actor, target and customer', async () => {
    const summary = await officeDay();
    expect(summary.rejected).toBe(1);

    // The clerk finds the customer and the card stays on screen: one opening.
    t.ctx.session.user = clerk;
    const c = await card(t, '1712345675');
    expect((await call(t.ctx, customerGet, { id: c.id })).ok).toBe(true);
    const item = c.services[0]!.items[0]!;
    const saved = await call(t.ctx, handoversSave, {
      customerId: c.id,
      deliveredBy: 'TITULAR',
      items: [{ expectedItemId: item.id, serviceId: c.services[0]!.id, type: item.type ?? '', serial: item.serial ?? undefined, condition: 'BUENO', accessories: [] }],
    });
    if (!saved.ok) throw new Error(saved.error.message);
    const acta = saved.value;
    expect((await call(t.ctx, handoversPdf, { id: acta.id, reprint: true })).ok).toBe(true);

    // The coordinator voids it, then registers a respaldo; Posventa reviews it and opens its document.
    const voided = await as(coordinator, () => call(t.ctx, handoversVoid, { id: acta.id, reason: 'El cliente trajo otro equipo' }));
    expect(voided.ok).toBe(true);
    const pdf = join(t.dir, 'respaldo.pdf');
    writeFileSync(pdf, PDF);
    const backup = await as(coordinator, () => call(t.ctx, backupsRegister, { customerId: c.id, serviceIds: [c.services[0]!.id], files: [pick(t.ctx.session, pdf, 'acta firmada.pdf')] }));
    if (!backup.ok) throw new Error(backup.error.message);
    expect((await as(posventa, () => call(t.ctx, backupsReview, { id: backup.value.id, decision: 'RECHAZAR', reason: 'Documento ilegible' }))).ok).toBe(true);
    expect((await as(posventa, () => call(t.ctx, backupsFile, { sha256: backup.value.files[0]!.sha256, of: { kind: 'respaldo', id: backup.value.id } }))).ok).toBe(true);

    // The administrator changes one setting; saving the same settings again changes nothing.
    const settings = await call(t.ctx, settingsGet, {});
    if (!settings.ok) throw new Error(settings.error.message);
    const changed = { ...settings.value, phone: '1800-266-000' };
    expect((await as(admin, () => call(t.ctx, settingsUpdate, changed))).ok).toBe(true);
    expect((await as(admin, () => call(t.ctx, settingsUpdate, changed))).ok).toBe(true);

    // The office trusts Posventa's central from its identity file, then exports its package to it.
    central = await testApp({ station: { code: 'PV-01', office: 'Posventa Nacional' }, central: true });
    const identity = await call(central.ctx, stationsSaveIdentity, { path: join(central.dir, 'identidad_PV-01.json') });
    if (!identity.ok) throw new Error(identity.error.message);
    const trusted = await as(admin, () => call(t.ctx, stationsTrustCentral, { file: pick(t.ctx.session, identity.value.path) }));
    if (!trusted.ok) throw new Error(trusted.error.message);
    const exported = await exportNow(t);

    const log = entries();
    expect(log.map((e) => e.action)).toEqual([
      'ESTACION_CONFIGURADA',
      'BASE_IMPORTADA',
      'FICHA_ABIERTA',
      'ACTA_GUARDADA',
      'ACTA_REIMPRESA',
      'ACTA_ANULADA',
      'RESPALDO_REGISTRADO',
      'RESPALDO_REVISADO',
      'DOCUMENTO_ABIERTO',
      'CONFIGURACION_CAMBIADA',
      'CLAVE_ESTACION',
      'PAQUETE_EXPORTADO',
    ]);
    const who = (e: Row) => [e.action, e.user_id, e.role, e.target_kind, e.target_id, e.customer_id];
    expect(log.map(who)).toEqual([
      ['ESTACION_CONFIGURADA', expect.any(String), 'ADMIN', 'estacion', 'UIO-INAQUITO-01', null],
      ['BASE_IMPORTADA', coordinator.id, 'COORDINADOR', 'importacion', summary.importId, null],
      ['FICHA_ABIERTA', clerk.id, 'ASESOR', 'cliente', c.id, c.id],
      ['ACTA_GUARDADA', clerk.id, 'ASESOR', 'acta', acta.number, c.id],
      ['ACTA_REIMPRESA', clerk.id, 'ASESOR', 'acta', acta.number, c.id],
      ['ACTA_ANULADA', coordinator.id, 'COORDINADOR', 'acta', acta.number, c.id],
      ['RESPALDO_REGISTRADO', coordinator.id, 'COORDINADOR', 'respaldo', backup.value.id, c.id],
      ['RESPALDO_REVISADO', posventa.id, 'POSVENTA', 'respaldo', backup.value.id, c.id],
      ['DOCUMENTO_ABIERTO', posventa.id, 'POSVENTA', 'documento', backup.value.files[0]!.sha256, c.id],
      ['CONFIGURACION_CAMBIADA', admin.id, 'ADMIN', 'configuracion', 'campaign', null],
      ['CLAVE_ESTACION', admin.id, 'ADMIN', 'estacion', 'PV-01', null],
      ['PAQUETE_EXPORTADO', coordinator.id, 'COORDINADOR', 'paquete', exported.fileName, null],
    ]);

    const [station, imported, opened, save, reprint, voidEntry, registered, reviewed, documentEntry, setting, key, exportEntry] = log as [Row, Row, Row, Row, Row, Row, Row, Row, Row, Row, Row, Row];
    expect(station.user_name).toBe('Admin de Pruebas');
    expect(station.description).toBe('Configuró esta computadora como la estación UIO-INAQUITO-01 (CAC Iñaquito)');
    expect(imported.description).toBe('Importó la base «base.xlsx»: 3 filas (2 nuevas, 0 actualizadas, 0 sin cambios, 1 rechazada)');
    expect(JSON.parse(imported.detail!)).toMatchObject({ fileName: 'base.xlsx', rows: 3, rejected: 1, rejectedRows: [4] });
    expect(opened.description).toBe('Abrió la ficha de PÉREZ LÓPEZ JUAN CARLOS');
    expect(save.user_name).toBe(clerk.fullName);
    expect(save.description).toBe(`Guardó el acta ${acta.number} de PÉREZ LÓPEZ JUAN CARLOS (1 equipo)`);
    expect(reprint.description).toBe(`Reimprimió el acta ${acta.number} de PÉREZ LÓPEZ JUAN CARLOS`);
    expect(voidEntry.description).toBe(`Anuló el acta ${acta.number} de PÉREZ LÓPEZ JUAN CARLOS: El cliente trajo otro equipo`);
    expect(registered.description).toBe('Registró un respaldo de PÉREZ LÓPEZ JUAN CARLOS para 1 servicio (223456789) con 1 documento');
    expect(reviewed.description).toBe('Rechazó el respaldo de PÉREZ LÓPEZ JUAN CARLOS: Documento ilegible');
    expect(JSON.parse(reviewed.detail!)).toEqual({ decision: 'RECHAZAR', reason: 'Documento ilegible' });
    expect(documentEntry.description).toBe('Abrió el documento «acta firmada.pdf» del respaldo de PÉREZ LÓPEZ JUAN CARLOS');
    // Only the key that changed, old and new.
    expect(setting.description).toBe('Cambió la configuración de la campaña (1 campo: teléfono)');
    expect(JSON.parse(setting.detail!)).toEqual({ before: { phone: settings.value.phone }, after: { phone: '1800-266-000' } });
    expect(key.description).toBe('Confió en la central PV-01 (Posventa Nacional)');
    expect(JSON.parse(key.detail!)).toMatchObject({ status: 'CONFIADA', fingerprint: trusted.value.fingerprint });
    expect(exportEntry.description).toMatch(/^Exportó el paquete .+ \(todo hasta el \d{2}\/\d{2}\/\d{4}\): 1 acta, 1 anulación, 1 respaldo, 0 documentos$/);

    // Nothing secret is kept: no password, no key, no document's contents.
    const all = JSON.stringify(log);
    expect(all).not.toContain('clave-segura-1');
    expect(all).not.toContain(PDF.toString('base64'));
    expect(verifyAuditChains(t.ctx.app.db).problems).toEqual([]);
  });

  it('writes no entry for a refused or invalid action', async () => {
    await officeDay();
    const before = entries().length;
    t.ctx.session.user = clerk;
    const c = await card(t, '1712345675');

    // Refused by role, invalid input, refused by the use case: nothing changes, nothing is recorded.
    const settings = await call(t.ctx, settingsGet, {});
    if (!settings.ok) throw new Error(settings.error.message);
    expect((await call(t.ctx, settingsUpdate, { ...settings.value, phone: '0999' })).ok).toBe(false);
    expect((await call(t.ctx, handoversSave, { customerId: c.id, deliveredBy: 'TITULAR', items: [] })).ok).toBe(false);
    const unknownItem = await call(t.ctx, handoversSave, {
      customerId: c.id,
      deliveredBy: 'TITULAR',
      items: [{ type: 'MODEM', condition: 'BUENO', accessories: [] }],
    });
    expect(unknownItem.ok).toBe(false);
    expect((await as(coordinator, () => call(t.ctx, handoversVoid, { id: 'no-existe', reason: 'Prueba de anulación' }))).ok).toBe(false);
    expect((await call(t.ctx, customerGet, { id: 'no-existe' })).ok).toBe(false);
    expect((await as(posventa, () => call(t.ctx, backupsReview, { id: 'no-existe', decision: 'ACEPTAR' }))).ok).toBe(false);

    expect(entries().length).toBe(before);
    expect(count('handovers')).toBe(0);
  });

  it('commits a change and its entry together: if the entry cannot be written, the change is not kept', async () => {
    await officeDay();
    t.ctx.session.user = clerk;
    const c = await card(t, '1712345675');
    const item = c.services[0]!.items[0]!;
    const save = () =>
      call(t.ctx, handoversSave, {
        customerId: c.id,
        deliveredBy: 'TITULAR',
        items: [{ expectedItemId: item.id, serviceId: c.services[0]!.id, type: item.type ?? '', condition: 'BUENO', accessories: [] }],
      });
    const before = entries().length;

    // The audit log refuses any new entry (a full disk, a damaged table): the acta is not saved either.
    runWrite(t.ctx.app.db, (tx) => {
      tx.prepare("CREATE TEMP TRIGGER refuse_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit unavailable'); END").run();
    });
    const refused = await save();
    expect(refused.ok).toBe(false);
    expect(count('handovers')).toBe(0);
    expect(count('handover_items')).toBe(0);
    expect(entries().length).toBe(before);

    runWrite(t.ctx.app.db, (tx) => {
      tx.prepare('DROP TRIGGER temp.refuse_audit').run();
    });
    const saved = await save();
    expect(saved.ok).toBe(true);
    expect(count('handovers')).toBe(1);
    expect(entries().slice(before).map((e) => e.action)).toEqual(['ACTA_GUARDADA']);
  });
});
