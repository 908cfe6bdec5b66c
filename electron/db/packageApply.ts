import { join } from 'node:path';
import type { Conflict, ConflictKind, RecordCounts } from '../../shared/contracts/sync';
import { formatDate, localDay } from '../../shared/dates';
import { newId, nowIso } from './ids';
import { attachPlainFile, openScratchDatabase, type Db, type ReadDb, type Tx } from './open';
import { recheckSerials } from './serialConflicts';
import { stmt } from './stmt';
import { touchService } from './writeSession';
import { customerByKey, insertOutOfBaseService } from './customers';
import { linkedServiceSql } from './conflicts';

/** What applying needs to know of a package's manifest. */
export interface PackageHead {
  station: { id: string; code: string; office: string; regional: string | null; city: string | null };
  counts: RecordCounts;
  formatVersion: number;
}

/** Records a conflict once per (kind, key); true when it is new. */
type RecordConflict = (kind: ConflictKind, key: string, detail: string, payload?: unknown) => boolean;

export interface ApplyOutcome {
  inserted: RecordCounts;
  duplicates: number;
  conflicts: Conflict[];
}

/** Temp tables of one application: which incoming records are new, and what they touch. */
export const TEMP = `
CREATE TEMP TABLE IF NOT EXISTS c_h (id TEXT PRIMARY KEY, state INTEGER NOT NULL) WITHOUT ROWID;
CREATE TEMP TABLE IF NOT EXISTS c_i (id TEXT PRIMARY KEY, service_id TEXT) WITHOUT ROWID;
CREATE TEMP TABLE IF NOT EXISTS c_v (handover_id TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TEMP TABLE IF NOT EXISTS c_b (id TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TEMP TABLE IF NOT EXISTS c_aff (service_id TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TEMP TABLE IF NOT EXISTS c_ser (serial_key TEXT PRIMARY KEY) WITHOUT ROWID;
DELETE FROM c_h; DELETE FROM c_i; DELETE FROM c_v; DELETE FROM c_b; DELETE FROM c_aff; DELETE FROM c_ser;
`;
// Joins from these small tables into the big ones are written CROSS JOIN: without statistics the
// planner may otherwise scan a million-row table and probe the small one.
/** Services of actas voided by this package. */
export const AFFECTED_BY_VOIDS = `INSERT OR IGNORE INTO c_aff SELECT hi.service_id FROM c_v v CROSS JOIN main.handover_items hi ON hi.handover_id = v.handover_id
  WHERE hi.service_id IS NOT NULL`;
/** Serials of actas voided by this package: their conflicts are looked at again. */
export const SERIALS_OF_VOIDS = `INSERT OR IGNORE INTO c_ser SELECT hi.serial_key FROM c_v v CROSS JOIN main.handover_items hi ON hi.handover_id = v.handover_id
  WHERE hi.serial_key IS NOT NULL`;

// handovers in c_h: 0 new, 1 already here, 2 set aside (its acta number belongs to another acta).
const NEW = 0;
const PARKED = 2;

/** Why the attached package's data does not match its manifest, or null when it does. */
export function packageContentsProblem(db: ReadDb, m: PackageHead): string | null {
  let meta: Record<string, string>;
  let counts: RecordCounts;
  try {
    meta = Object.fromEntries((db.prepare('SELECT key, value FROM p.meta').all() as Array<{ key: string; value: string }>).map((r) => [r.key, r.value]));
    counts = packageCounts(db);
  } catch {
    return 'Los datos del paquete no tienen el formato esperado.';
  }
  if (meta.station !== m.station.code || Number(meta.formatVersion) !== m.formatVersion) {
    return 'Los datos del paquete no corresponden a su manifiesto.';
  }
  const c = m.counts;
  if (counts.handovers !== c.handovers || counts.items !== c.items || counts.backups !== c.backups || counts.voids !== c.voids) {
    return 'La cantidad de registros no coincide con la que declara el manifiesto.';
  }
  return null;
}

function packageCounts(db: ReadDb): RecordCounts {
  return db
    .prepare(
      `SELECT (SELECT count(*) FROM p.handovers) AS handovers, (SELECT count(*) FROM p.items) AS items,
         (SELECT count(*) FROM p.backups) AS backups, (SELECT count(*) FROM p.voids) AS voids`,
    )
    .get() as RecordCounts;
}

export function attachPackage(db: Db, path: string): void {
  attachPlainFile(db, path, 'p');
}

export function detachPackage(db: Db): void {
  if (db.prepare("SELECT 1 FROM pragma_database_list WHERE name = 'p'").get()) db.exec('DETACH DATABASE p');
}

/**
 * Applies the records of the attached package (`p`) inside the caller's write session. Records
 * are recognised by UUID, so applying a package twice, or packages that overlap, or one package
 * in several slices, adds nothing the second time. Conflicts are recorded, never resolved silently.
 */
export function applyPackage(tx: Tx, m: PackageHead, packageSha: string, actaPath: (name: string) => string | null): ApplyOutcome {
  const db = tx;
  db.function('recupera_new_id', { deterministic: false }, () => newId());
  db.function('acta_path', { deterministic: false }, (name: unknown) => (typeof name === 'string' ? actaPath(name) : null));
  const total = Object.values(packageCounts(db)).reduce((n, c) => n + c, 0);
  const now = nowIso();
  const conflicts: Conflict[] = [];
  const insConflict = db.prepare(
    'INSERT OR IGNORE INTO sync_conflicts (id, kind, conflict_key, detail, payload, package_sha256, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const conflict: RecordConflict = (kind, key, detail, payload = null) => {
    const r = insConflict.run(newId(), kind, key, detail, payload === null ? null : JSON.stringify(payload), packageSha, now);
    if (r.changes > 0) conflicts.push({ kind, detail });
    return r.changes > 0;
  };
  db.exec(TEMP);
  checkStation(db, m, conflict, now);

  db.prepare(
    `INSERT INTO customers (id, origin_station, customer_key, identification, id_type, name, phone, created_at, updated_at)
     SELECT recupera_new_id(), @station, k.customer_key, max(k.identification), max(k.id_type), max(k.name), max(k.phone), @now, @now
     FROM (SELECT customer_key, customer_identification AS identification, customer_id_type AS id_type, customer_name AS name, customer_phone AS phone
             FROM p.handovers WHERE customer_key IS NOT NULL
           UNION ALL
           SELECT customer_key, customer_identification, NULL, customer_name, NULL FROM p.backups WHERE customer_key IS NOT NULL) k
     WHERE NOT EXISTS (SELECT 1 FROM main.customers c WHERE c.customer_key = k.customer_key)
     GROUP BY k.customer_key`,
  ).run({ station: m.station.code, now });

  db.exec(`INSERT INTO c_h SELECT p.id, EXISTS (SELECT 1 FROM main.handovers h WHERE h.id = p.id) FROM p.handovers p`);
  const parked = settleActaNumbers(db, conflict);

  db.prepare(
    `INSERT INTO main.handovers (id, origin_station, acta_number, acta_year, acta_seq, historical, out_of_base, customer_id, holder_identification,
       holder_name, delivered_by, third_party_identification, third_party_name, third_party_documents, observations, office, city,
       clerk_user_id, clerk_name, delivered_at, created_at, content_hash, verification_code, signature, pdf_path)
     SELECT p.id, p.origin_station, p.acta_number, p.acta_year, p.acta_seq, p.historical, p.out_of_base,
       (SELECT c.id FROM main.customers c WHERE c.customer_key = p.customer_key), p.holder_identification, p.holder_name, p.delivered_by,
       p.third_party_identification, p.third_party_name, p.third_party_documents, p.observations, p.office, p.city, p.clerk_user_id,
       p.clerk_name, p.delivered_at, p.created_at, p.content_hash, p.verification_code, p.signature, acta_path(p.pdf_file)
     FROM p.handovers p JOIN c_h t ON t.id = p.id AND t.state = ${NEW}`,
  ).run();
  const handovers = db.prepare(`SELECT count(*) FROM c_h WHERE state = ${NEW}`).pluck().get() as number;

  db.exec(
    // A service a person linked to a base service (a resolved conflict) lands on the base one.
    `INSERT INTO c_i SELECT i.id, coalesce((SELECT s.id FROM main.services s WHERE s.service_key = i.service_key), ${linkedServiceSql('i.service_key')})
     FROM p.items i JOIN c_h t ON t.id = i.handover_id AND t.state = ${NEW}
     WHERE NOT EXISTS (SELECT 1 FROM main.handover_items x WHERE x.id = i.id)`,
  );
  // Services the base does not have: kept outside the base, and listed.
  const missing = db
    .prepare(
      `SELECT i.service_key, max(i.service_number) AS service_number, max(i.business_line) AS business_line, max(h.customer_key) AS customer_key,
         group_concat(DISTINCT h.acta_number) AS actas
       FROM p.items i JOIN c_i t ON t.id = i.id AND t.service_id IS NULL JOIN p.handovers h ON h.id = i.handover_id
       WHERE i.service_key IS NOT NULL GROUP BY i.service_key`,
    )
    .all() as Array<{ service_key: string; service_number: string; business_line: string | null; customer_key: string | null; actas: string }>;
  for (const s of missing) {
    const id = outOfBaseService(db, s.customer_key, { number: s.service_number, key: s.service_key, line: s.business_line }, m.station.code, now);
    if (!id) continue;
    stmt(db, 'UPDATE c_i SET service_id = ? WHERE service_id IS NULL AND id IN (SELECT id FROM p.items WHERE service_key = ?)').run(id, s.service_key);
    conflict(
      'SERVICIO_FUERA_DE_BASE',
      s.service_key,
      `El servicio ${s.service_number} (acta ${s.actas}, estación ${m.station.code}) no está en la base; se registró como fuera de base.`,
    );
  }
  const items = db
    .prepare(
      `INSERT INTO main.handover_items (id, origin_station, handover_id, service_id, expected_item_id, service_number, equipment_type, brand, model,
         serial, serial_key, condition, accessories, note, unexpected, created_at)
       SELECT i.id, i.origin_station, i.handover_id, t.service_id,
         (SELECT e.id FROM main.expected_items e WHERE e.service_id = t.service_id AND e.line_key = i.line_key),
         i.service_number, i.equipment_type, i.brand, i.model, i.serial, i.serial_key, i.condition, i.accessories, i.note, i.unexpected, i.created_at
       FROM p.items i JOIN c_i t ON t.id = i.id`,
    )
    .run().changes;
  db.exec(`INSERT OR IGNORE INTO c_aff SELECT service_id FROM c_i WHERE service_id IS NOT NULL;
    INSERT OR IGNORE INTO c_ser SELECT i.serial_key FROM p.items i JOIN c_i t ON t.id = i.id WHERE i.serial_key IS NOT NULL;`);

  // A void is kept whether or not its acta is here yet: the acta ends voided in either order.
  db.exec(
    `INSERT INTO c_v SELECT v.handover_id FROM p.voids v
     WHERE NOT EXISTS (SELECT 1 FROM main.handover_voids x WHERE x.id = v.id)
       AND NOT EXISTS (SELECT 1 FROM main.handover_voids x WHERE x.handover_id = v.handover_id)`,
  );
  const voids = db
    .prepare(
      `INSERT INTO main.handover_voids (id, origin_station, handover_id, reason, user_id, user_name, created_at)
       SELECT v.id, v.origin_station, v.handover_id, v.reason, v.user_id, v.user_name, v.created_at FROM p.voids v JOIN c_v t ON t.handover_id = v.handover_id`,
    )
    .run().changes;
  db.prepare(AFFECTED_BY_VOIDS).run();
  db.prepare(SERIALS_OF_VOIDS).run();

  const backups = applyBackups(db, m, now, conflict);
  for (const serviceId of db.prepare('SELECT service_id FROM c_aff').pluck().all() as string[]) touchService(tx, serviceId);
  for (const p of parked) {
    for (const s of p.services) touchService(tx, s);
  }
  recheckSerials(db, packageSha, now, conflicts);

  const inserted = { handovers, items, backups, voids };
  const parkedRecords = parked.reduce((n, p) => n + p.incomingRecords, 0);
  return {
    inserted,
    duplicates: total - handovers - items - backups - voids - parkedRecords,
    conflicts,
  };
}

/** A service the base does not have, recorded outside the base for the package's customer; null without one. */
function outOfBaseService(
  db: Tx,
  customerKey: string | null,
  service: { number: string; key: string; line: string | null },
  station: string,
  now: string,
): string | null {
  const customer = customerKey ? customerByKey(db, customerKey) : null;
  if (!customer) return null;
  const id = newId();
  // The same writer the desk uses for a service the base does not list.
  insertOutOfBaseService(db, { id, originStation: station, customerId: customer.id, serviceNumber: service.number, key: service.key, businessLine: service.line, businessLineRaw: service.line, now });
  touchService(db, id);
  return id;
}

function checkStation(db: Tx, manifest: PackageHead, conflict: RecordConflict, now: string): void {
  const st = manifest.station;
  const known = db.prepare('SELECT id, office FROM stations WHERE code = ?').get(st.code) as { id: string; office: string } | undefined;
  if (!known) {
    db.prepare('INSERT INTO stations (id, code, office, regional, city, is_local, created_at) VALUES (?, ?, ?, ?, ?, 0, ?)').run(
      st.id, st.code, st.office, st.regional, st.city, now);
  } else if (known.id !== st.id) {
    const ids = [known.id, st.id].sort();
    conflict(
      'ESTACION_DUPLICADA',
      `${st.code}|${ids.join('|')}`,
      `Dos estaciones usan el código ${st.code}: «${known.office}» y «${st.office}». Sus registros se guardaron; revise cuál debe cambiar de código.`,
      // Both as seen here, so a resolution can name and rename either.
      { stations: [{ id: known.id, code: st.code, office: known.office }, { id: st.id, code: st.code, office: st.office, regional: st.regional, city: st.city }] },
    );
  }
}


interface Parked {
  services: string[];
  /** Incoming records set aside for the first time (on a second run they count as duplicates). */
  incomingRecords: number;
}

/**
 * Two actas with one number (two stations with the same code, or a copied database): the one
 * with the smaller UUID keeps the number, whichever arrived first, so the result does not
 * depend on the order packages are consolidated in. The other is set aside as a conflict.
 */
function settleActaNumbers(db: Tx, conflict: RecordConflict): Parked[] {
  const clashes = db
    .prepare(
      `SELECT p.id, p.origin_station, p.acta_number, p.holder_name, p.delivered_at, h.id AS other_id, h.holder_name AS other_holder, h.delivered_at AS other_delivered_at
       FROM c_h t CROSS JOIN p.handovers p ON p.id = t.id
       CROSS JOIN main.handovers h ON h.origin_station = p.origin_station AND h.acta_number = p.acta_number
       WHERE t.state = ${NEW}`,
    )
    .all() as Array<{ id: string; origin_station: string; acta_number: string; holder_name: string; delivered_at: string; other_id: string; other_holder: string; other_delivered_at: string }>;
  const parked: Parked[] = [];
  const describe = (acta: string, st: string, a: { holder: string; at: string }, b: { holder: string; at: string }) =>
    `El número de acta ${acta} (estación ${st}) está en dos actas distintas: ${b.holder} el ${formatDate(localDay(b.at))} y ${a.holder} el ${formatDate(localDay(a.at))}. Se conserva la primera registrada; la otra quedó aparte.`;
  for (const c of clashes) {
    const incoming = { holder: c.holder_name, at: c.delivered_at };
    const existing = { holder: c.other_holder, at: c.other_delivered_at };
    if (c.id > c.other_id) {
      const record = {
        handover: stmt(db, 'SELECT * FROM p.handovers WHERE id = ?').get(c.id),
        items: stmt(db, 'SELECT * FROM p.items WHERE handover_id = ?').all(c.id),
      };
      const fresh = conflict('ACTA_REUTILIZADA', c.id, describe(c.acta_number, c.origin_station, incoming, existing), record);
      stmt(db, `UPDATE c_h SET state = ${PARKED} WHERE id = ?`).run(c.id);
      parked.push({ services: [], incomingRecords: fresh ? record.items.length + 1 : 0 });
    } else {
      const record = {
        handover: db.prepare('SELECT * FROM main.handovers WHERE id = ?').get(c.other_id),
        items: db
          .prepare(
            `SELECT hi.*, s.service_key, e.line_key FROM main.handover_items hi LEFT JOIN main.services s ON s.id = hi.service_id
             LEFT JOIN main.expected_items e ON e.id = hi.expected_item_id WHERE hi.handover_id = ?`,
          )
          .all(c.other_id) as Array<{ service_id: string | null; serial_key: string | null }>,
      };
      conflict('ACTA_REUTILIZADA', c.other_id, describe(c.acta_number, c.origin_station, existing, incoming), record);
      for (const i of record.items) if (i.serial_key) stmt(db, 'INSERT OR IGNORE INTO c_ser VALUES (?)').run(i.serial_key);
      stmt(db, 'DELETE FROM main.handover_items WHERE handover_id = ?').run(c.other_id);
      stmt(db, 'DELETE FROM main.handovers WHERE id = ?').run(c.other_id);
      parked.push({ services: [...new Set(record.items.map((i) => i.service_id).filter((s): s is string => !!s))], incomingRecords: 0 });
    }
  }
  return parked;
}

function applyBackups(db: Tx, m: PackageHead, now: string, conflict: RecordConflict): number {
  db.exec('INSERT INTO c_b SELECT b.id FROM p.backups b WHERE NOT EXISTS (SELECT 1 FROM main.backups x WHERE x.id = b.id)');
  const inserted = db
    .prepare(
      `INSERT INTO main.backups (id, origin_station, customer_id, status, acta_number, acta_date, office, source, note, review_reason, reviewed_by,
         reviewed_at, created_by, created_at)
       SELECT b.id, b.origin_station, (SELECT c.id FROM main.customers c WHERE c.customer_key = b.customer_key), b.status, b.acta_number, b.acta_date,
         b.office, b.source, b.note, b.review_reason, b.reviewed_by, b.reviewed_at, b.created_by, b.created_at
       FROM p.backups b JOIN c_b t ON t.id = b.id`,
    )
    .run().changes;
  // Respaldos arrive as registered (packageOwnership refuses a package carrying a review): one
  // already here is never changed by a package; reviews are Posventa's own.
  const missing = db
    .prepare(
      `SELECT bs.service_key, max(bs.service_number) AS service_number, max(b.customer_key) AS customer_key FROM p.backup_services bs
       JOIN c_b t ON t.id = bs.backup_id JOIN p.backups b ON b.id = bs.backup_id
       WHERE NOT EXISTS (SELECT 1 FROM main.services s WHERE s.service_key = bs.service_key) AND ${linkedServiceSql('bs.service_key')} IS NULL
       GROUP BY bs.service_key`,
    )
    .all() as Array<{ service_key: string; service_number: string; customer_key: string | null }>;
  for (const s of missing) {
    if (!outOfBaseService(db, s.customer_key, { number: s.service_number, key: s.service_key, line: null }, m.station.code, now)) continue;
    conflict(
      'SERVICIO_FUERA_DE_BASE',
      s.service_key,
      `El servicio ${s.service_number} (respaldo de la estación ${m.station.code}) no está en la base; se registró como fuera de base.`,
    );
  }
  db.exec(
    `INSERT OR IGNORE INTO main.backup_services (backup_id, service_id)
       SELECT bs.backup_id, s.id FROM c_b t CROSS JOIN p.backup_services bs ON bs.backup_id = t.id CROSS JOIN main.services s ON s.service_key = bs.service_key;
     INSERT OR IGNORE INTO main.backup_services (backup_id, service_id)
       SELECT bs.backup_id, ${linkedServiceSql('bs.service_key')} FROM c_b t CROSS JOIN p.backup_services bs ON bs.backup_id = t.id
       WHERE ${linkedServiceSql('bs.service_key')} IS NOT NULL;
     INSERT OR IGNORE INTO main.backup_files (id, backup_id, sha256, file_name, mime, size)
       SELECT f.id, f.backup_id, f.sha256, f.file_name, f.mime, f.size FROM p.backup_files f JOIN c_b t ON t.id = f.backup_id;
     INSERT OR IGNORE INTO c_aff SELECT bs.service_id FROM c_b t CROSS JOIN main.backup_services bs ON bs.backup_id = t.id;`,
  );
  return inserted;
}

/**
 * Splits a package's data into slices of at most `perSlice` actas with their items, so each can
 * be applied in its own short write session (voids and backups travel in the last slice).
 * A package small enough is returned as it is. `schema` is the package's own table SQL.
 */
export function slicePackageData(like: ReadDb, dataPath: string, dir: string, perSlice: number, schema: string): string[] {
  const src = openScratchDatabase(dataPath, like, { readonly: true, portable: true });
  let bounds: number[];
  try {
    const rowids = src.prepare('SELECT rowid FROM handovers ORDER BY rowid').pluck().all() as number[];
    if (rowids.length <= perSlice) return [dataPath];
    bounds = [];
    for (let i = 0; i < rowids.length; i += perSlice) bounds.push(rowids[i]!);
  } finally {
    src.close();
  }
  const paths: string[] = [];
  for (const [i, from] of bounds.entries()) {
    const to = bounds[i + 1] ?? Number.MAX_SAFE_INTEGER;
    const path = join(dir, `porcion-${i + 1}.sqlite`);
    const d = openScratchDatabase(path, like, { portable: true });
    try {
      d.pragma('journal_mode = OFF');
      d.pragma('synchronous = OFF');
      d.exec(schema);
      attachPlainFile(d, dataPath, 'src');
      d.exec('INSERT INTO meta SELECT * FROM src.meta');
      d.prepare('INSERT INTO handovers SELECT * FROM src.handovers WHERE rowid >= ? AND rowid < ?').run(from, to);
      d.exec('INSERT INTO items SELECT i.* FROM main.handovers h JOIN src.items i ON i.handover_id = h.id');
      if (i === bounds.length - 1) {
        d.exec(`INSERT INTO voids SELECT * FROM src.voids; INSERT INTO backups SELECT * FROM src.backups;
          INSERT INTO backup_services SELECT * FROM src.backup_services; INSERT INTO backup_files SELECT * FROM src.backup_files;`);
      }
      d.exec('DETACH DATABASE src');
    } finally {
      d.close();
    }
    paths.push(path);
  }
  return paths;
}
