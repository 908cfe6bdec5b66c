import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { stationKeyFrom } from '../../electron/auth/keyFile';
import { generateStationKeys } from '../../electron/auth/stationKeys';
import { newId } from '../../electron/db/ids';
import { openDatabase } from '../../electron/db/open';
import { openPackageData } from '../../electron/db/packageExport';
import { upsertTrustedStation } from '../../electron/db/stations';
import { runWrite } from '../../electron/db/writeSession';
import { packageHead, sealPackage } from '../../electron/sync/exportPackage';
import { writePackageWorkbook } from '../../electron/sync/packageWorkbook';

/**
 * Office packages for the consolidation benchmark, written by the app's own package code: each of
 * `stations` offices returns a share of the base's items, one acta per item, `total` actas in all.
 */
export async function makePackages(dbPath: string, outDir: string, stations: number, total: number): Promise<string[]> {
  mkdirSync(outDir, { recursive: true });
  const db = openDatabase(dbPath, { skipMigrations: true });
  const paths: string[] = [];
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
        // Each office signs with a key of its own, enrolled in the consolidating database.
        const key = stationKeyFrom(station.id, generateStationKeys().privateKey);
        runWrite(db, (tx) => upsertTrustedStation(tx, { ...station, role: 'OFICINA', publicKey: key.publicKey, fingerprint: key.fingerprint }));
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
  return paths;
}
