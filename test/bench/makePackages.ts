import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stationKeyFrom } from '../../electron/auth/keyFile';
import { generateStationKeys } from '../../electron/auth/stationKeys';
import { newId } from '../../electron/db/ids';
import { openTestDatabase } from '../helpers/encryptedDb';
import { openPackageData } from '../../electron/db/packageExport';
import { recordKeyEvent, upsertTrustedStation } from '../../electron/db/stations';
import { runWrite } from '../../electron/db/writeSession';
import { packageHead, sealPackage } from '../../electron/sync/exportPackage';
import { PACKAGE_EXTENSION, PACKAGE_VERSION } from '../../electron/sync/packageFormat';
import { writePackageWorkbook } from '../../electron/sync/packageWorkbook';

/** The public identity of a bench office: what the consolidating central enrols (the private key is dropped once its package is signed). */
export interface BenchStation {
  id: string;
  code: string;
  office: string;
  publicKey: string;
  fingerprint: string;
}

/** Written last beside the packages: their format and the stations that signed them. */
const MARK = 'estaciones.json';

interface Mark {
  packageFormat: number;
  stations: BenchStation[];
}

/**
 * The cached package set in `dir`, or null when it must be made again: missing, incomplete, of
 * an older package format (unsigned packages of format 1 are refused by consolidation), or
 * without the stations that signed it.
 */
export function cachedPackages(dir: string, stations: number): { packages: string[]; stations: BenchStation[] } | null {
  if (!existsSync(join(dir, MARK))) return null;
  let mark: Mark;
  try {
    mark = JSON.parse(readFileSync(join(dir, MARK), 'utf8')) as Mark;
  } catch {
    return null;
  }
  const packages = readdirSync(dir).filter((f) => f.endsWith(PACKAGE_EXTENSION)).map((f) => join(dir, f));
  if (mark.packageFormat !== PACKAGE_VERSION || packages.length !== stations || mark.stations?.length !== stations) return null;
  return { packages, stations: mark.stations };
}

/** The central at `dbPath` enrols the bench offices' keys, as Posventa does from their identity files. */
export function enrolStations(dbPath: string, stations: BenchStation[]): void {
  const db = openTestDatabase(dbPath, { skipMigrations: true });
  try {
    runWrite(db, (tx) => {
      for (const s of stations) {
        upsertTrustedStation(tx, { id: s.id, code: s.code, office: s.office, regional: null, city: null, role: 'OFICINA', publicKey: s.publicKey, fingerprint: s.fingerprint });
        recordKeyEvent(tx, { stationId: s.id, stationCode: s.code, event: 'REGISTRADA', publicKey: s.publicKey, fingerprint: s.fingerprint, reason: 'Benchmark' });
      }
    });
  } finally {
    db.close();
  }
}

/**
 * Office packages for the consolidation benchmark, written and signed by the app's own package
 * code: each of `stations` offices, with a key of its own, returns a share of the base's items,
 * one acta per item, `total` actas in all. The stations are enrolled in `dbPath` and listed in
 * the folder's mark, so a later run on a new database can enrol them again.
 */
export async function makePackages(dbPath: string, outDir: string, stations: number, total: number): Promise<{ packages: string[]; stations: BenchStation[] }> {
  mkdirSync(outDir, { recursive: true });
  const db = openTestDatabase(dbPath, { skipMigrations: true });
  const paths: string[] = [];
  const signers: BenchStation[] = [];
  try {
    for (let i = 0; i < stations; i++) {
      const code = `OFI-${String(i + 1).padStart(2, '0')}`;
      const work = mkdtempSync(join(outDir, '.tmp-'));
      const at = new Date(Date.UTC(2026, 10, 1 + (i % 20), 15)).toISOString();
      // The package's own connection, with the base attached as `app`, as the export writes one.
      const p = openPackageData(join(work, 'datos.sqlite'), db);
      try {
        p.function('new_id', { deterministic: false }, () => newId());
        p.exec('CREATE TEMP TABLE pick (item TEXT PRIMARY KEY, handover TEXT NOT NULL, seq INTEGER NOT NULL)');
        p.prepare(
          `INSERT INTO temp.pick SELECT e.id, new_id(), row_number() OVER (ORDER BY e.rowid) FROM app.expected_items e
           WHERE e.rowid <= @total AND e.rowid % @stations = @i`,
        ).run({ total, stations, i });
        p.prepare(
          `INSERT INTO main.handovers SELECT p.handover, @code, @code || '-2026-' || printf('%06d', p.seq), 2026, p.seq, 0, 0, c.customer_key, c.identification,
             c.id_type, c.name, c.phone, c.identification, coalesce(c.name, '(sin nombre)'), 'TITULAR', NULL, NULL, 0, NULL, @office, NULL, NULL,
             'Asesor de prueba', @at, @at, NULL, NULL, NULL, NULL
           FROM temp.pick p JOIN app.expected_items e ON e.id = p.item JOIN app.services s ON s.id = e.service_id JOIN app.customers c ON c.id = s.customer_id`,
        ).run({ code, office: `CAC ${code}`, at });
        p.prepare(
          `INSERT INTO main.items SELECT new_id(), @code, p.handover, s.service_number, s.service_key, s.business_line, e.line_key, coalesce(e.equipment_type, 'EQUIPO'),
             e.brand, e.model, e.serial, e.serial_key, 'BUENO', '[]', NULL, 0, @at
           FROM temp.pick p JOIN app.expected_items e ON e.id = p.item JOIN app.services s ON s.id = e.service_id`,
        ).run({ code, at });
        const station = { id: newId(), code, office: `CAC ${code}`, regional: null, city: null };
        // Each office signs with a key of its own.
        const key = stationKeyFrom(station.id, generateStationKeys().privateKey);
        signers.push({ id: station.id, code, office: station.office, publicKey: key.publicKey, fingerprint: key.fingerprint });
        const head = packageHead(p, station, { from: null, to: at }, at, 0);
        await writePackageWorkbook(p, join(work, 'entregas.xlsx'), head);
        p.close();
        const { target } = await sealPackage({ work, head, key, entries: [], outDir, baseName: code });
        paths.push(target);
      } finally {
        if (p.open) p.close();
        rmSync(work, { recursive: true, force: true });
      }
    }
  } finally {
    db.close();
  }
  enrolStations(dbPath, signers);
  writeFileSync(join(outDir, MARK), JSON.stringify({ packageFormat: PACKAGE_VERSION, stations: signers } satisfies Mark, null, 2));
  return { packages: paths, stations: signers };
}
