import type Database from 'better-sqlite3-multiple-ciphers';

/** What consolidation leaves, by the records' own ids: the same in any run, order or slicing of the same packages. */
export function consolidationSnapshot(db: Database.Database) {
  const all = (sql: string) => db.prepare(sql).all();
  return {
    handovers: all('SELECT id, origin_station, acta_number, historical FROM handovers ORDER BY id'),
    items: all(
      `SELECT hi.id, hi.handover_id, s.service_number, e.line_key, hi.serial_key FROM handover_items hi LEFT JOIN services s ON s.id = hi.service_id
       LEFT JOIN expected_items e ON e.id = hi.expected_item_id ORDER BY hi.id`,
    ),
    voids: all('SELECT id, handover_id FROM handover_voids ORDER BY id'),
    backups: all('SELECT id, status, reviewed_at FROM backups ORDER BY id'),
    files: all('SELECT backup_id, sha256 FROM backup_files ORDER BY backup_id, sha256'),
    statuses: all('SELECT service_number, status, in_base FROM services ORDER BY service_number'),
    conflicts: all('SELECT kind, conflict_key FROM sync_conflicts ORDER BY kind, conflict_key'),
  };
}
