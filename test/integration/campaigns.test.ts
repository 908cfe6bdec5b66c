import { copyFileSync, existsSync, mkdtempSync } from 'node:fs';
import { basename, join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { campaignsList, campaignsStart, type CampaignStartInput } from '../../shared/contracts/campaigns';
import { settingsGet, settingsUpdate } from '../../shared/contracts/settings';
import { localDay } from '../../shared/dates';
import { runCli } from '../../electron/cli/main';
import { dataKeyPath } from '../../electron/auth/dataKey';
import { call } from '../../electron/handlers/call';
import { KEPT_TABLES, WORKING_TABLES } from '../../electron/db/campaigns';
import { applyKey } from '../../electron/db/encryption';
import { loadBaseRows } from '../../electron/import/stagedBase';
import { admin, type TestApp } from '../helpers/app';
import { actaNumbersIn, listAuditEntries, sha256Of } from '../helpers/dbBackups';
import { clerk, coordinator, office, posventa, returnSerials, SMALL_BASE } from '../helpers/offices';
import { applyRefusal, applyAt, consolidate, exportNow, nationalLoop, publish } from '../helpers/nationalLoop';

const open: TestApp[] = [];
afterEach(async () => {
  for (const t of open.splice(0)) await t.close();
});

const NEXT: CampaignStartInput = { name: 'Recuperación de equipos 2027', year: 2027, startDate: '2027-01-04', deadline: '2099-06-30', confirm: true };

async function start(t: TestApp, input: CampaignStartInput = NEXT, user = admin) {
  const previous = t.ctx.session.user;
  t.ctx.session.user = user;
  try {
    return await call(t.ctx, campaignsStart, input);
  } finally {
    t.ctx.session.user = previous;
  }
}

const count = (t: TestApp, table: string) => t.ctx.app.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

function inArchive<T>(path: string, key: Buffer, fn: (db: Database.Database) => T): T {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    applyKey(db, key);
    return fn(db);
  } finally {
    db.close();
  }
}

describe('starting a new campaign', () => {
  it('archives the database, empties the working records, keeps users, audit and acta numbering', async () => {
    const t = await office('UIO-INAQUITO-01', 'CAC Iñaquito');
    open.push(t);
    const first = await returnSerials(t, '0102030400', ['KA-9']);
    const usersBefore = count(t, 'users');

    const r = await start(t);
    if (!r.ok) throw new Error(r.error.message);
    const { closed, opened, archivePath } = r.value;

    // The archive is a normal encrypted database holding the old campaign's customers and actas.
    expect(existsSync(archivePath)).toBe(true);
    expect(archivePath).toMatch(/recupera-campana-2021-Recuperaci/);
    expect(closed.archiveSha256).toBe(sha256Of(archivePath));
    expect(actaNumbersIn(archivePath, t.ctx.app.dataKey)).toEqual([first.number]);
    expect(inArchive(archivePath, t.ctx.app.dataKey, (db) => db.prepare('SELECT count(*) FROM customers').pluck().get())).toBe(4);
    expect(closed.summary).toMatchObject({ customers: 4, actas: 1, returnedItems: 1, recoveredCents: 6000 });

    // The working records are gone; the search index follows.
    for (const table of ['customers', 'services', 'expected_items', 'handovers', 'handover_items', 'imports']) expect(count(t, table)).toBe(0);
    expect(t.ctx.app.db.prepare("SELECT count(*) FROM customers_fts WHERE customers_fts MATCH 'ANDRADE'").pluck().get()).toBe(0);
    expect(count(t, 'users')).toBe(usersBefore);

    // The old row is closed, the new one open; the settings follow, the deadline is ahead.
    expect(closed.id).toBe('inicial');
    expect(closed.closedAt).not.toBeNull();
    expect(opened).toMatchObject({ name: NEXT.name, year: 2027, closedAt: null });
    expect(opened.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
    t.ctx.session.user = admin;
    const settings = await call(t.ctx, settingsGet, {});
    expect(settings.ok && settings.value).toMatchObject({ name: NEXT.name, year: 2027, deadline: '2099-06-30' });
    expect(settings.ok && settings.value.deadline > localDay(new Date().toISOString())!).toBe(true);
    const entries = listAuditEntries(t.ctx.app.db, 'CAMPANA_INICIADA');
    expect(entries).toHaveLength(1);
    expect(entries[0]!.description).toContain('Recuperación de equipos 2027');

    // A new base, and the next acta continues the station's numbering.
    await loadBaseRows(t.ctx.app.db, SMALL_BASE, 'UIO-INAQUITO-01');
    t.ctx.session.user = clerk;
    const next = await returnSerials(t, '0102030400', ['KA-9']);
    expect(Number(next.number.slice(-6))).toBe(Number(first.number.slice(-6)) + 1);

    // Configuración lists the archive.
    t.ctx.session.user = coordinator;
    const listed = await call(t.ctx, campaignsList, {});
    if (!listed.ok) throw new Error(listed.error.message);
    expect(listed.value.current.id).toBe(opened.id);
    expect(listed.value.archived).toHaveLength(1);
    expect(listed.value.archived[0]).toMatchObject({ id: 'inicial', archivePresent: true, summary: { customers: 4 } });
  });

  it('decides every table of the schema: working record of a campaign, or kept', async () => {
    const t = await office('UIO-INAQUITO-01', 'CAC Iñaquito');
    open.push(t);
    const tables = (t.ctx.app.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'customers_fts%'").pluck().all() as string[]).sort();
    const decided = [...WORKING_TABLES, ...KEPT_TABLES] as string[];
    expect(tables.filter((x) => !decided.includes(x)), 'a table nobody decided for a new campaign (electron/db/campaigns.ts)').toEqual([]);
    expect(decided.filter((x) => !tables.includes(x)), 'a decided table the schema does not have').toEqual([]);
  });

  it('is refused to anyone but the administrator, and when the name and year are the current ones', async () => {
    const t = await office('UIO-INAQUITO-01', 'CAC Iñaquito');
    open.push(t);
    for (const user of [clerk, coordinator, posventa]) {
      const r = await start(t, NEXT, user);
      expect(r.ok).toBe(false);
      expect(!r.ok && r.error.message).toMatch(/Su perfil no tiene permiso/);
    }
    t.ctx.session.user = clerk;
    const listed = await call(t.ctx, campaignsList, {});
    expect(listed.ok).toBe(false);
    const same = await start(t, { ...NEXT, name: 'Recuperación de equipos 2021', year: 2021 });
    expect(!same.ok && same.error.message).toMatch(/ya es la actual/);
    const unconfirmed = await start(t, { ...NEXT, confirm: false as unknown as true });
    expect(unconfirmed.ok).toBe(false);
    expect(count(t, 'customers')).toBe(4);
  });

  it('keeps the open row in step with the name and year in Configuración', async () => {
    const t = await office('UIO-INAQUITO-01', 'CAC Iñaquito');
    open.push(t);
    t.ctx.session.user = admin;
    const s = await call(t.ctx, settingsGet, {});
    if (!s.ok) throw new Error(s.error.message);
    const saved = await call(t.ctx, settingsUpdate, { ...s.value, name: 'Recuperación 2021 ampliada', year: 2022 });
    expect(saved.ok).toBe(true);
    const listed = await call(t.ctx, campaignsList, {});
    expect(listed.ok && listed.value.current).toMatchObject({ id: 'inicial', name: 'Recuperación 2021 ampliada', year: 2022 });
  });
});

describe('no mixing between stations', () => {
  it('the central refuses a package of the campaign it left, naming both', async () => {
    const { p, offices } = await nationalLoop([['UIO-INAQUITO-01', 'CAC Iñaquito']]);
    open.push(p, ...offices);
    const o = offices[0]!;
    await returnSerials(o, '0102030400', ['KA-9']);
    const exported = await exportNow(o);
    const started = await start(p);
    if (!started.ok) throw new Error(started.error.message);
    const r = await consolidate(p, [exported.package]);
    expect(r.outcomes[0]).toMatchObject({ status: 'refused' });
    expect(r.outcomes[0]!.reason).toContain('«Recuperación de equipos 2021» (2021)');
    expect(r.outcomes[0]!.reason).toContain('«Recuperación de equipos 2027» (2027)');
    expect(count(p, 'handovers')).toBe(0);
  });

  it('an office refuses an update of another campaign, then joins that campaign and applies it', async () => {
    const { p, offices } = await nationalLoop([['UIO-INAQUITO-01', 'CAC Iñaquito']]);
    open.push(p, ...offices);
    const o = offices[0]!;
    const before = await publish(p);
    const started = await start(p);
    if (!started.ok) throw new Error(started.error.message);
    await loadBaseRows(p.ctx.app.db, SMALL_BASE.slice(0, 2), 'PV-01');
    // An incremental on an update of the campaign before would miss the new base: refused.
    await expect(publish(p, before.seq)).rejects.toThrow(/es de una campaña anterior a «Recuperación de equipos 2027» \(2027\): publique una completa/);
    const update = await publish(p);
    const refusal = await applyRefusal(o, update.path);
    expect(refusal).toContain('«Recuperación de equipos 2027» (2027)');
    expect(refusal).toContain('exporte el último paquete');
    expect(count(o, 'customers')).toBe(4);

    o.ctx.session.user = admin;
    const listed = await call(o.ctx, campaignsList, {});
    expect(listed.ok && listed.value.pending).toMatchObject({ id: started.value.opened.id, name: NEXT.name, year: 2027 });
    const joined = await start(o);
    if (!joined.ok) throw new Error(joined.error.message);
    expect(joined.value.opened.id).toBe(started.value.opened.id);
    await applyAt(o, update.path);
    expect(count(o, 'customers')).toBe(1);

    // Its packages are the central's campaign now.
    await returnSerials(o, '1712345675', ['HW-1']);
    const exported = await exportNow(o);
    const r = await consolidate(p, [exported.package]);
    expect(r.outcomes[0]).toMatchObject({ status: 'read' });
  });
});

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, (s) => (out += s + '\n'), (s) => (err += s + '\n'));
  return { code, out, err };
}

describe('CLI campanas, campana-nueva, campana-archivo', () => {
  it('starts a campaign only with --confirmar, lists it, and opens the archive read-only for an auditor', async () => {
    const t = await office('UIO-INAQUITO-01', 'CAC Iñaquito');
    open.push(t);
    const acta = await returnSerials(t, '0102030400', ['KA-9']);
    const base = ['--nombre', NEXT.name, '--anio', '2027', '--inicio', NEXT.startDate, '--limite', NEXT.deadline, '--db', t.dbPath];
    const unconfirmed = await cli('campana-nueva', ...base);
    expect(unconfirmed.code).toBe(64);
    expect(unconfirmed.err).toContain('--confirmar');
    expect(count(t, 'customers')).toBe(4);

    const started = await cli('campana-nueva', ...base, '--confirmar', '--json');
    expect(started).toMatchObject({ code: 0, err: '' });
    const archivePath = (JSON.parse(started.out) as { archivePath: string }).archivePath;

    const listed = await cli('campanas', '--db', t.dbPath);
    expect(listed.code).toBe(0);
    expect(listed.out).toContain('«Recuperación de equipos 2027» (2027)');
    expect(listed.out).toContain('clientes: 4');

    const shown = await cli('campana-archivo', archivePath, '--db', t.dbPath, '--json');
    expect(shown).toMatchObject({ code: 0, err: '' });
    const r = JSON.parse(shown.out) as { campaign: { name: string; summary: { actas: number } }; progress: { activity: { actas: number } } };
    expect(r.campaign).toMatchObject({ name: 'Recuperación de equipos 2021', summary: { actas: 1 } });
    expect(r.progress.activity.actas).toBe(1);
    expect(sha256Of(archivePath)).toBe(JSON.parse(started.out).closed.archiveSha256);

    // The archive is a normal database with its key file beside it: avance opens a copy of both.
    const copyDir = mkdtempSync(join(t.dir, 'auditor-'));
    const copy = join(copyDir, basename(archivePath));
    copyFileSync(archivePath, copy);
    copyFileSync(dataKeyPath(archivePath), dataKeyPath(copy));
    const avance = await cli('avance', '--db', copy, '--json');
    expect(avance.code).toBe(0);
    expect((JSON.parse(avance.out) as { activity: { actas: number } }).activity.actas).toBe(1);
    expect(actaNumbersIn(copy, t.ctx.app.dataKey)).toEqual([acta.number]);

    const notArchive = await cli('campana-archivo', join(t.dir, 'nada.sqlite'), '--db', t.dbPath);
    expect(notArchive.code).toBe(1);
  });
});
