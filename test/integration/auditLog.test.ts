import { existsSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditActor, AuditEvent } from '../../shared/audit';
import { localDay } from '../../shared/dates';
import { auditExport, auditList, auditVerify } from '../../shared/contracts/audit';
import { insertAuditEntry, recordAudit, auditHash, AUDIT_GENESIS } from '../../electron/db/audit';
import type { Db } from '../../electron/db/open';
import { runWrite } from '../../electron/db/writeSession';
import { call } from '../../electron/handlers/call';
import { runCli } from '../../electron/cli/main';
import { admin, type TestApp } from '../helpers/app';
import { keptWorkbook } from '../helpers/kept';
import { card, clerk, coordinator, office, posventa } from '../helpers/offices';

const asClerk: AuditActor = { id: clerk.id, username: clerk.username, fullName: clerk.fullName, role: 'ASESOR' };
const asCoordinator: AuditActor = { id: coordinator.id, username: 'coordinadora', fullName: coordinator.fullName, role: 'COORDINADOR' };

function record(db: Db, actor: AuditActor | null, event: AuditEvent) {
  return runWrite(db, (tx) => recordAudit(tx, actor, event));
}

/** What someone with the file and a SQLite tool could do: the triggers dropped, the change made, the triggers put back. */
function behindTheAppsBack(db: Db, sql: string, params: unknown[]): void {
  runWrite(db, (tx) => {
    const triggers = tx.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'").pluck().all() as string[];
    expect(triggers).toHaveLength(2);
    tx.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
    tx.prepare(sql).run(...params);
    for (const t of triggers) tx.exec(t);
  });
}

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, (s) => (out += s + '\n'), (s) => (err += s + '\n'));
  return { code, out, err };
}

let t: TestApp;
beforeEach(async () => {
  t = await office('UIO-INAQUITO-01', 'CAC Iñaquito');
  t.ctx.session.user = admin;
});
afterEach(async () => {
  await t.close();
});

describe('audit log: the chain', () => {
  it('refuses UPDATE and DELETE through the normal connection', () => {
    record(t.ctx.app.db, asClerk, { action: 'FICHA_ABIERTA', description: 'Abrió la ficha del cliente.' });
    expect(() => runWrite(t.ctx.app.db, (tx) => tx.prepare("UPDATE audit_log SET description = 'otra cosa'").run())).toThrow(/append-only/);
    expect(() => runWrite(t.ctx.app.db, (tx) => tx.prepare('DELETE FROM audit_log').run())).toThrow(/append-only/);
  });

  it('detects an entry deleted and an entry edited behind the app’s back, in Spanish, and the CLI exits 1', async () => {
    const db = t.ctx.app.db;
    const base = runWrite(db, (tx) => tx.prepare("SELECT count(*) FROM audit_log WHERE station_code = 'UIO-INAQUITO-01'").pluck().get() as number);
    for (let i = 1; i <= 5; i++) record(db, asClerk, { action: 'FICHA_ABIERTA', description: `Abrió la ficha número ${i}.` });

    const clean = await call(t.ctx, auditVerify, {});
    expect(clean.ok && clean.value).toMatchObject({ ok: true, problems: [] });
    expect(clean.ok && clean.value.stations).toEqual([{ stationCode: 'UIO-INAQUITO-01', entries: base + 5, lastSeq: base + 5 }]);
    expect(clean.ok && clean.value.summary).toMatch(/^Registro íntegro: \d+ entradas de 1 estación/);
    const okCli = await cli('auditoria', '--db', t.dbPath, '--verificar', '--json');
    expect(okCli.code).toBe(0);
    expect(JSON.parse(okCli.out)).toMatchObject({ ok: true });

    behindTheAppsBack(db, 'DELETE FROM audit_log WHERE station_code = ? AND station_seq = ?', ['UIO-INAQUITO-01', base + 3]);
    behindTheAppsBack(db, 'UPDATE audit_log SET description = ? WHERE station_code = ? AND station_seq = ?', ['Nada que ver aquí.', 'UIO-INAQUITO-01', base + 2]);

    const r = await call(t.ctx, auditVerify, {});
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.ok).toBe(false);
    expect(r.value.problems.map((p) => p.message)).toEqual([
      `La entrada ${base + 2} de UIO-INAQUITO-01 fue alterada.`,
      `Falta la entrada ${base + 3} de UIO-INAQUITO-01 (fue borrada).`,
    ]);
    expect(r.value.summary).toBe('El registro tiene 2 problemas: se borraron o alteraron entradas fuera de Recupera.');

    const broken = await cli('auditoria', '--db', t.dbPath, '--verificar');
    expect(broken.code).toBe(1);
    expect(broken.out).toContain(`Falta la entrada ${base + 3} de UIO-INAQUITO-01 (fue borrada).`);
    const json = await cli('auditoria', '--db', t.dbPath, '--verificar', '--json');
    expect(json.code).toBe(1);
    expect((JSON.parse(json.out) as { problems: Array<{ kind: string }> }).problems.map((p) => p.kind)).toEqual(['altered', 'missing']);
  });

  it('reports a chain rebuilt from the middle as broken', async () => {
    const db = t.ctx.app.db;
    for (let i = 1; i <= 3; i++) record(db, asClerk, { action: 'FICHA_ABIERTA', description: `Ficha ${i}.` });
    // Entry 2 replaced by a well-formed one (its own hash right) that does not follow entry 1.
    const row = runWrite(db, (tx) => tx.prepare("SELECT * FROM audit_log WHERE station_code = 'UIO-INAQUITO-01' ORDER BY station_seq DESC LIMIT 1").get() as Record<string, string | number>);
    const seq = Number(row.station_seq);
    const body = {
      id: 'forjada', stationCode: 'UIO-INAQUITO-01', stationSeq: seq + 1, at: new Date().toISOString(), userId: null, username: null, userName: null, role: null,
      action: 'FICHA_ABIERTA', targetKind: null, targetId: null, customerId: null, description: 'Forjada.', detail: null, prevHash: AUDIT_GENESIS,
    };
    runWrite(db, (tx) => insertAuditEntry(tx, { ...body, hash: auditHash(body) }));
    const r = await call(t.ctx, auditVerify, {});
    expect(r.ok && r.value.problems.map((p) => p.message)).toEqual([`La cadena de UIO-INAQUITO-01 se rompe en la entrada ${seq + 1}.`]);
  });
});

describe('audit log: reading it', () => {
  it('filters by user, action, days, customer and station; a coordinator sees only their station', async () => {
    const db = t.ctx.app.db;
    const juan = await card(t, '1712345675');
    record(db, asClerk, { action: 'FICHA_ABIERTA', description: 'Abrió la ficha de un cliente.', targetKind: 'cliente', targetId: juan.id, customerId: juan.id });
    record(db, asCoordinator, { action: 'ACTA_ANULADA', description: 'Anuló el acta UIO-INAQUITO-01-2026-000001: error de digitación.', customerId: juan.id });
    record(db, asCoordinator, { action: 'CONFIGURACION_CAMBIADA', description: 'Cambió el plazo de la campaña.' });
    // An office's entry as the central would hold it.
    const other = { id: 'gye-1', stationCode: 'GYE-CENTRO-01', stationSeq: 1, at: new Date().toISOString(), userId: 'u-gye', username: 'asesor', userName: 'Asesor de Guayaquil', role: 'ASESOR', action: 'FICHA_ABIERTA', targetKind: null, targetId: null, customerId: null, description: 'Abrió una ficha en Guayaquil.', detail: null, prevHash: AUDIT_GENESIS };
    runWrite(db, (tx) => insertAuditEntry(tx, { ...other, hash: auditHash(other) }));

    const list = async (input: Parameters<typeof call<typeof auditList>>[2]) => {
      const r = await call(t.ctx, auditList, input);
      if (!r.ok) throw new Error(r.error.message);
      return r.value;
    };

    t.ctx.session.user = posventa;
    const all = await list({});
    expect(all.scope).toBe('all');
    expect(all.stations[0]).toBe('UIO-INAQUITO-01');
    expect(all.entries.map((e) => e.stationCode)).toContain('GYE-CENTRO-01');
    // Newest first.
    expect(all.entries[0]!.description).toBe('Abrió una ficha en Guayaquil.');
    expect((await list({ station: 'GYE-CENTRO-01' })).entries.map((e) => e.id)).toEqual(['gye-1']);
    expect((await list({ username: 'COORDINADORA' })).entries.map((e) => e.action)).toEqual(['CONFIGURACION_CAMBIADA', 'ACTA_ANULADA']);
    const voided = await list({ action: 'ACTA_ANULADA' });
    expect(voided.entries).toHaveLength(1);
    expect(voided.entries[0]).toMatchObject({ actionLabel: 'Acta anulada', userName: 'Coordinadora Regional', role: 'COORDINADOR' });
    const byCustomer = await list({ customer: '1712345675' });
    expect(byCustomer.customersMatched).toBe(1);
    expect(byCustomer.entries.map((e) => e.action)).toEqual(['ACTA_ANULADA', 'FICHA_ABIERTA']);
    expect((await list({ customer: 'PEREZ LOPEZ' })).entries).toHaveLength(2);
    expect((await list({ customer: '0000000000000' })).customersMatched).toBe(0);
    const today = new Date();
    const day = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    const yesterday = new Date(today.getTime() - 86_400_000);
    expect((await list({ from: day(today), to: day(today), action: 'ACTA_ANULADA' })).entries).toHaveLength(1);
    expect((await list({ to: day(yesterday) })).entries).toHaveLength(0);

    t.ctx.session.user = coordinator;
    const mine = await list({ station: 'GYE-CENTRO-01' });
    expect(mine.scope).toBe('station');
    expect(mine.stations).toEqual(['UIO-INAQUITO-01']);
    expect(mine.entries.every((e) => e.stationCode === 'UIO-INAQUITO-01')).toBe(true);
    expect(mine.entries.length).toBeGreaterThanOrEqual(3);

    t.ctx.session.user = clerk;
    const refused = await call(t.ctx, auditList, {});
    expect(refused.ok).toBe(false);
  });

  it('pages newest first', async () => {
    for (let i = 1; i <= 25; i++) record(t.ctx.app.db, asClerk, { action: 'FICHA_ABIERTA', description: `Ficha ${i}.` });
    const p1 = await call(t.ctx, auditList, { action: 'FICHA_ABIERTA', pageSize: 10 });
    const p3 = await call(t.ctx, auditList, { action: 'FICHA_ABIERTA', pageSize: 10, page: 3 });
    expect(p1.ok && p1.value.hasMore).toBe(true);
    expect(p1.ok && p1.value.entries[0]!.description).toBe('Ficha 25.');
    expect(p3.ok && p3.value.entries.map((e) => e.description)).toEqual(['Ficha 5.', 'Ficha 4.', 'Ficha 3.', 'Ficha 2.', 'Ficha 1.']);
    expect(p3.ok && p3.value.hasMore).toBe(false);
  });

  it('exports the selection to a workbook and records the export', async () => {
    for (let i = 1; i <= 2; i++) record(t.ctx.app.db, asClerk, { action: 'FICHA_ABIERTA', description: `Ficha ${i}.` });
    const detail = { fileName: 'base.xlsx', rows: 1250, chargeTotalCents: 123450, rejectedRows: [7, 9], deadline: '2027-01-31', encrypted: true, since: null };
    record(t.ctx.app.db, asClerk, { action: 'FICHA_ABIERTA', description: 'Ficha 3.', detail });
    const r = await call(t.ctx, auditExport, { action: 'FICHA_ABIERTA' });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.rows).toBe(3);
    expect(r.value.fileName).toMatch(/^auditoria_.*\.xlsx$/);
    expect(existsSync(r.value.path)).toBe(true);
    const after = await call(t.ctx, auditList, { action: 'AUDITORIA_EXPORTADA' });
    expect(after.ok && after.value.entries[0]).toMatchObject({ username: 'admin', description: 'Exportó 3 entradas del registro de auditoría (acción «Ficha de cliente abierta»).' });
    // Kept sealed in the reports folder (it names customers and users); it opens with the data key.
    expect(readFileSync(r.value.path).subarray(0, 2).toString('latin1')).not.toBe('PK');
    const wb = await keptWorkbook(r.value.path);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(8).value).toBe('ACCION');
    expect(ws.getRow(2).getCell(9).value).toBe('Ficha 3.');
    // The detail as a person reads it: Spanish labels, dollars, dd/mm/aaaa (a field of no known name keeps its own).
    expect(ws.getRow(1).getCell(12).value).toBe('DETALLE');
    expect(ws.getRow(2).getCell(12).value).toBe(
      'archivo: base.xlsx; filas: 1.250; valor total a cargar: $1.234,50; filas rechazadas: 7, 9; fecha límite: 31/01/2027; cifrado: sí; since: —',
    );
    expect(ws.getRow(3).getCell(12).value).toBeNull();
    // A real date, shown dd/mm/aaaa, of the entry's local day.
    const day = ws.getRow(2).getCell(1);
    expect(day.value).toBeInstanceOf(Date);
    expect(day.numFmt).toBe('dd/mm/yyyy');
    expect((day.value as Date).toISOString().slice(0, 10)).toBe(localDay(new Date().toISOString()));
    expect(ws.rowCount).toBe(4);
  });

  it('auditoria --json lists with the filters of the screen', async () => {
    record(t.ctx.app.db, asCoordinator, { action: 'CONFIGURACION_CAMBIADA', description: 'Cambió el plazo de la campaña.' });
    const r = await cli('auditoria', '--db', t.dbPath, '--usuario', 'coordinadora', '--accion', 'configuracion-cambiada', '--json');
    expect(r.code).toBe(0);
    const { entries } = JSON.parse(r.out) as { entries: Array<{ description: string; actionLabel: string }> };
    expect(entries).toEqual([expect.objectContaining({ description: 'Cambió el plazo de la campaña.', actionLabel: 'Configuración cambiada' })]);
    expect((await cli('auditoria', '--db', t.dbPath, '--desde', '24/11/2026')).code).toBe(64);
    const text = await cli('auditoria', '--db', t.dbPath, '--accion', 'CONFIGURACION_CAMBIADA');
    expect(text.out).toContain('Coordinadora Regional (coordinadora, Coordinador regional)  Configuración cambiada: Cambió el plazo de la campaña.');
  });
});
