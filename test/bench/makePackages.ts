import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { newId } from '../../electron/db/ids';
import { openDatabase } from '../../electron/db/open';
import { packageHead, packageSchemaIn, sealPackage } from '../../electron/sync/exportPackage';
import { writePackageWorkbook } from '../../electron/sync/packageWorkbook';

/**
 * Office packages for the consolidation benchmark, written by the app's own package code: each of
 * `stations` offices returns a share of the base's items, one acta per item, `total` actas in all.
 */
export async function makePackages(dbPath: string, outDir: string, stations: number, total: number): Promise<string[]> {
  mkdirSync(outDir, { recursive: true });
  const db = openDatabase(dbPath, { skipMigrations: true });
  db.function('new_id', { deterministic: false }, () => newId());
  const paths: string[] = [];
  try {
    for (let i = 0; i < stations; i++) {
      const code = `OFI-${String(i + 1).padStart(2, '0')}`;
      const work = mkdtempSync(join(outDir, '.tmp-'));
      const at = new Date(Date.UTC(2026, 10, 1 + (i % 20), 15)).toISOString();
      db.prepare('ATTACH DATABASE ? AS pkg').run(join(work, 'datos.sqlite'));
      try {
        db.exec(packageSchemaIn('pkg'));
        db.exec('CREATE TEMP TABLE IF NOT EXISTS pick (item TEXT PRIMARY KEY, handover TEXT NOT NULL, seq INTEGER NOT NULL); DELETE FROM temp.pick;');
        db.prepare(
          `INSERT INTO temp.pick SELECT e.id, new_id(), row_number() OVER (ORDER BY e.rowid) FROM expected_items e
           WHERE e.rowid <= @total AND e.rowid % @stations = @i`,
        ).run({ total, stations, i });
        db.prepare(
          `INSERT INTO pkg.handovers SELECT p.handover, @code, @code || '-2026-' || printf('%06d', p.seq), 2026, p.seq, 0, 0, c.customer_key, c.identification,
             c.id_type, c.name, c.phone, c.identification, coalesce(c.name, '(sin nombre)'), 'TITULAR', NULL, NULL, 0, NULL, @office, NULL, NULL,
             'Asesor de prueba', @at, @at, NULL, NULL, NULL
           FROM temp.pick p JOIN expected_items e ON e.id = p.item JOIN services s ON s.id = e.service_id JOIN customers c ON c.id = s.customer_id`,
        ).run({ code, office: `CAC ${code}`, at });
        db.prepare(
          `INSERT INTO pkg.items SELECT new_id(), @code, p.handover, s.service_number, s.service_key, s.business_line, e.line_key, coalesce(e.equipment_type, 'EQUIPO'),
             e.brand, e.model, e.serial, e.serial_key, 'BUENO', '[]', NULL, 0, @at
           FROM temp.pick p JOIN expected_items e ON e.id = p.item JOIN services s ON s.id = e.service_id`,
        ).run({ code, at });
        const head = packageHead(db, { id: newId(), code, office: `CAC ${code}`, regional: null, city: null }, { from: null, to: at }, at, 0);
        await writePackageWorkbook(db, join(work, 'entregas.xlsx'), head);
        db.exec('DETACH DATABASE pkg');
        const { target } = await sealPackage({ work, head, entries: [], outDir, baseName: code });
        paths.push(target);
      } finally {
        if (db.prepare("SELECT 1 FROM pragma_database_list WHERE name = 'pkg'").get()) db.exec('DETACH DATABASE pkg');
        rmSync(work, { recursive: true, force: true });
      }
    }
  } finally {
    db.close();
  }
  return paths;
}
