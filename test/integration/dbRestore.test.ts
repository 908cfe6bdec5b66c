import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { recoveryKeyText } from '../../electron/auth/dataKey';
import { PLAIN_KEYS } from '../../electron/auth/keyFile';
import { closeServices, createServices } from '../../electron/app/services';
import { runCli } from '../../electron/cli/main';
import { listDbBackups, readDatabaseFile } from '../../electron/db/dbBackups';
import { applyKey } from '../../electron/db/encryption';
import { handoverPdfPath, setHandoverPdfPath } from '../../electron/db/handovers';
import { migrate } from '../../electron/db/migrate';
import { MIGRATIONS } from '../../electron/db/migrations';
import { runWrite } from '../../electron/db/writeSession';
import { takeBackup } from '../../electron/dbBackups/takeBackup';
import { restoreFromFile } from '../../electron/dbBackups/restoreFile';
import type { TestApp } from '../helpers/app';
import { actaNumbersIn, listAuditEntries, sha256Of } from '../helpers/dbBackups';
import { office, returnSerials } from '../helpers/offices';
import { SCHEMA_ROWS } from '../helpers/schemaRows';

const apps: TestApp[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function station(code: string): Promise<TestApp> {
  const t = await office(code, `CAC ${code}`);
  apps.push(t);
  return t;
}

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'recupera-restore-'));
  dirs.push(d);
  return d;
}

/** An acta with an archived PDF (written as the archive would hold it), and a manual copy taken after it. */
async function stationWithArchivedActa(code = 'UIO-INAQUITO-01') {
  const t = await station(code);
  const acta = await returnSerials(t, '1712345675', ['HW-1']);
  const pdf = join(t.dir, 'actas', code, '2026', `${acta.number}.pdf`);
  mkdirSync(dirname(pdf), { recursive: true });
  writeFileSync(pdf, `%PDF-1.4 acta ${acta.number}`);
  runWrite(t.ctx.app.db, (tx) => setHandoverPdfPath(tx, acta.id, pdf));
  const backup = takeBackup({ db: t.ctx.app.db, dataDir: t.dir, mode: 'manual', actor: null });
  return { t, acta, pdf, backup };
}

/** What a refused restore must leave exactly as it was. */
function snapshot(t: TestApp) {
  return {
    db: sha256Of(t.dbPath),
    archive: readdirSync(join(t.dir, 'actas'), { recursive: true }).sort(),
    aside: existsSync(join(t.dir, 'reemplazadas')),
  };
}

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, (s) => (out += s + '\n'), (s) => (err += s + '\n'));
  return { code, out, err };
}

describe('restoring a database backup', () => {
  it('refuses a damaged copy, another station’s, a newer schema and one the key cannot open, leaving database and archive untouched', async () => {
    const { t, backup } = await stationWithArchivedActa();
    const { t: other, backup: otherBackup } = await stationWithArchivedActa('GYE-KENNEDY-02');
    // The live database is checkpointed first, so its file's hash is a fair witness.
    await closeServices(t.ctx.app);
    t.ctx.app = createServices({ dbPath: t.dbPath, dataDir: t.dir });
    const before = snapshot(t);
    const restore = (source: string, recoveryKey?: string) =>
      restoreFromFile({ source, dbPath: t.dbPath, dataDir: t.dir, protector: PLAIN_KEYS, currentKey: t.ctx.app.dataKey, ...(recoveryKey ? { recoveryKey } : {}) });
    const d = tempDir();

    // Damaged: one byte changed in the middle; its manifest no longer matches.
    const damaged = join(d, 'damaged.sqlite');
    copyFileSync(backup.path, damaged);
    copyFileSync(backup.path.replace(/\.sqlite$/, '.json'), join(d, 'damaged.json'));
    const bytes = readFileSync(damaged);
    bytes[Math.floor(bytes.length / 2)] ^= 0xff;
    writeFileSync(damaged, bytes);
    await expect(restore(damaged)).rejects.toThrow(/está dañada o fue modificada/);
    // Without its manifest the damage is still found (the page does not decrypt, or integrity fails).
    rmSync(join(d, 'damaged.json'));
    await expect(restore(damaged)).rejects.toThrow(/dañada|no se puede abrir/);

    // Another station's copy, opened with its recovery key: refused for the station.
    await expect(restore(otherBackup.path, recoveryKeyText(other.ctx.app.dataKey))).rejects.toThrow(/es de la estación GYE-KENNEDY-02; esta computadora es la estación UIO-INAQUITO-01/);
    // Without the key that made it: this PC's key cannot open it.
    await expect(restore(otherBackup.path)).rejects.toThrow(/no se puede abrir con la llave de esta computadora/);

    // A newer schema than this version knows.
    const newer = join(d, 'newer.sqlite');
    copyFileSync(backup.path, newer);
    const conn = new Database(newer);
    applyKey(conn, t.ctx.app.dataKey);
    conn.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    conn.close();
    await expect(restore(newer)).rejects.toThrow(/versión más reciente de Recupera/);

    await closeServices(t.ctx.app);
    expect(snapshot(t)).toEqual(before);
    t.ctx.app = createServices({ dbPath: t.dbPath, dataDir: t.dir });
  }, 60_000);

  it('respaldar-bd → restaurar-bd on a fresh path: the actas, their archived PDFs and the audit log come back', async () => {
    const { t, acta, pdf } = await stationWithArchivedActa();
    const d = tempDir();
    const zip = join(d, 'copia.zip');
    const made = await cli('respaldar-bd', '--db', t.dbPath, '--salida', zip, '--json');
    expect(made).toMatchObject({ code: 0, err: '' });
    expect(JSON.parse(made.out)).toMatchObject({ file: zip, archiveFiles: 1 });

    const fresh = join(d, 'nueva-pc', 'recupera.sqlite');
    mkdirSync(dirname(fresh));
    // A new PC has no key file: without the recovery key the copy cannot be opened, and nothing is written.
    const refused = await cli('restaurar-bd', zip, '--db', fresh);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('clave de recuperación');
    expect(existsSync(fresh)).toBe(false);

    const restored = await cli('restaurar-bd', zip, '--db', fresh, '--clave-recuperacion', recoveryKeyText(t.ctx.app.dataKey), '--json');
    expect(restored).toMatchObject({ code: 0, err: '' });
    expect(JSON.parse(restored.out)).toMatchObject({ restored: fresh, station: 'UIO-INAQUITO-01', replaced: null, archiveCopied: 1 });

    const app = createServices({ dbPath: fresh, dataDir: dirname(fresh) });
    try {
      const moved = handoverPdfPath(app.db, acta.id);
      expect(moved).toBe(join(dirname(fresh), 'actas', 'UIO-INAQUITO-01', '2026', `${acta.number}.pdf`));
      expect(readFileSync(moved!)).toEqual(readFileSync(pdf));
      expect(actaNumbersIn(fresh, app.dataKey)).toContain(acta.number);
      const [entry] = listAuditEntries(app.db, 'BD_RESTAURADA');
      expect(entry).toMatchObject({ username: 'cli' });
      // The earlier copy's entry; a copy never holds its own (it is recorded once the copy is whole).
      expect(listAuditEntries(app.db, 'RESPALDO_BD_CREADO')).toHaveLength(1);
    } finally {
      await closeServices(app);
    }

    // Restoring again over it keeps the database it replaces in reemplazadas/.
    const again = await cli('restaurar-bd', zip, '--db', fresh, '--json');
    expect(again.code).toBe(0);
    const replaced = (JSON.parse(again.out) as { replaced: string }).replaced;
    expect(replaced.startsWith(join(dirname(fresh), 'reemplazadas', 'recupera-'))).toBe(true);
    expect(existsSync(replaced)).toBe(true);
  }, 60_000);

  it('copies a database of schema 7 before migrating it, and the copy opens as version 7', async () => {
    const d = tempDir();
    const dbPath = join(d, 'recupera.sqlite');
    const old = new Database(dbPath);
    migrate(old, MIGRATIONS.slice(0, 7));
    const columns = new Set((old.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('stations') as string[]));
    for (const row of SCHEMA_ROWS.stations!) {
      const r = Object.fromEntries(Object.entries(row).filter(([c]) => columns.has(c)));
      const cols = Object.keys(r);
      old.prepare(`INSERT INTO stations (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`).run(r);
    }
    old.close();

    const app = createServices({ dbPath, dataDir: d });
    try {
      const [b] = listDbBackups(app.db);
      expect(b).toMatchObject({ kind: 'MIGRACION', schema_version: 7 });
      const copy = join(b!.folder, b!.file_name);
      expect(readDatabaseFile(copy, app.dataKey)).toEqual({ schemaVersion: 7, stationCode: 'UIO-INAQUITO-01', integrity: ['ok'] });
      expect(JSON.parse(readFileSync(copy.replace(/\.sqlite$/, '.json'), 'utf8'))).toMatchObject({ kind: 'MIGRACION', schemaVersion: 7, sha256: sha256Of(copy) });
      const entries = listAuditEntries(app.db, 'RESPALDO_BD_CREADO');
      expect(entries).toHaveLength(1);
      expect(entries[0]!.description).toMatch(/^Copia de seguridad de la base antes de actualizar Recupera: recupera-UIO-INAQUITO-01-\d{8}-\d{6}-migracion\.sqlite \(/);
    } finally {
      await closeServices(app);
    }
    // Opening it again (nothing pending) takes no further copy.
    const again = createServices({ dbPath, dataDir: d });
    try {
      expect(listDbBackups(again.db)).toHaveLength(1);
    } finally {
      await closeServices(again);
    }
  });
});
