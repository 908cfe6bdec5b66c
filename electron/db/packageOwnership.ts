import type { ReadDb } from './open';

/**
 * An office can only speak for its own station. Its package (attached as `p`, its signature
 * already verified for station `code`) is checked against what is here before anything of it is
 * written: every record is the signer's, new actas carry its numbers, a void voids only its own
 * station's acta, no record already here under another station is claimed, and respaldos arrive
 * as registered — review decisions are Posventa's and never come in an office package.
 *
 * Each rule is one query that finds an offending record; the first found is what the user reads.
 */
interface Rule {
  sql: string;
  say: (row: Record<string, string | null>) => string;
}

const OWN_NUMBER = `substr(acta_number, 1, length(@code) + 1) = @code || '-'`;

const RULES: Rule[] = [
  {
    sql: `SELECT origin_station AS other, acta_number AS what FROM p.handovers WHERE origin_station <> @code
          UNION ALL SELECT i.origin_station, h.acta_number FROM p.items i LEFT JOIN p.handovers h ON h.id = i.handover_id WHERE i.origin_station <> @code
          UNION ALL SELECT origin_station, acta_number FROM p.voids WHERE origin_station <> @code
          UNION ALL SELECT origin_station, acta_number FROM p.backups WHERE origin_station <> @code LIMIT 1`,
    say: (r) => `trae registros a nombre de la estación ${r.other}${r.what ? ` (acta ${r.what})` : ''}`,
  },
  {
    sql: `SELECT acta_number AS what FROM p.handovers WHERE historical = 0 AND NOT (${OWN_NUMBER}) LIMIT 1`,
    say: (r) => `trae el acta ${r.what}, cuyo número no es de esa estación`,
  },
  {
    sql: `SELECT i.id AS what FROM p.items i WHERE NOT EXISTS (SELECT 1 FROM p.handovers h WHERE h.id = i.handover_id) LIMIT 1`,
    say: () => 'trae equipos de actas que no vienen en el paquete',
  },
  {
    sql: `SELECT p.acta_number AS what, h.origin_station AS other FROM p.handovers p CROSS JOIN main.handovers h ON h.id = p.id
            WHERE h.origin_station <> p.origin_station LIMIT 1`,
    say: (r) => `reemplazaría el acta ${r.what}, que aquí es de la estación ${r.other}`,
  },
  {
    sql: `SELECT i.id AS what, x.origin_station AS other FROM p.items i CROSS JOIN main.handover_items x ON x.id = i.id
            WHERE x.origin_station <> i.origin_station OR x.handover_id <> i.handover_id LIMIT 1`,
    say: (r) => `reemplazaría un equipo recibido que aquí pertenece a otra acta (estación ${r.other})`,
  },
  {
    sql: `SELECT v.acta_number AS what, x.origin_station AS other FROM p.voids v CROSS JOIN main.handover_voids x ON x.id = v.id
            WHERE x.origin_station <> v.origin_station OR x.handover_id <> v.handover_id LIMIT 1`,
    say: (r) => `reemplazaría una anulación que aquí es de la estación ${r.other}`,
  },
  {
    // A void voids an acta of its own station: one in the package, one here of that station, or — not here yet — one numbered by it.
    sql: `SELECT coalesce(h.acta_number, v.acta_number) AS what, h.origin_station AS other FROM p.voids v LEFT JOIN main.handovers h ON h.id = v.handover_id
            WHERE NOT EXISTS (SELECT 1 FROM p.handovers ph WHERE ph.id = v.handover_id)
              AND CASE WHEN h.id IS NOT NULL THEN h.origin_station <> @code
                       ELSE v.acta_number IS NULL OR NOT (substr(v.acta_number, 1, length(@code) + 1) = @code || '-') END LIMIT 1`,
    say: (r) =>
      r.other
        ? `anula el acta ${r.what ?? ''} de la estación ${r.other}; una estación solo puede anular sus propias actas`
        : `anula el acta ${r.what ?? '(sin número)'}, que aquí no consta ni es de esa estación (si es un acta histórica, consolide primero el paquete que la trae)`,
  },
  {
    sql: `SELECT b.id AS what, x.origin_station AS other FROM p.backups b CROSS JOIN main.backups x ON x.id = b.id WHERE x.origin_station <> b.origin_station LIMIT 1`,
    say: (r) => `reemplazaría un respaldo que aquí es de la estación ${r.other}`,
  },
  {
    sql: `SELECT status AS what FROM p.backups
            WHERE status <> 'EN_REVISION' OR review_reason IS NOT NULL OR reviewed_by IS NOT NULL OR reviewed_at IS NOT NULL LIMIT 1`,
    say: () => 'trae decisiones de revisión de respaldos; las revisiones son de Posventa y una oficina no puede enviarlas',
  },
  {
    sql: `SELECT f.file_name AS what FROM p.backup_files f WHERE NOT EXISTS (SELECT 1 FROM p.backups b WHERE b.id = f.backup_id)
          UNION ALL SELECT s.service_number FROM p.backup_services s WHERE NOT EXISTS (SELECT 1 FROM p.backups b WHERE b.id = s.backup_id) LIMIT 1`,
    say: () => 'trae documentos o servicios de respaldos que no vienen en el paquete',
  },
  {
    sql: `SELECT f.file_name AS what FROM p.backup_files f CROSS JOIN main.backup_files x ON x.id = f.id
            WHERE x.backup_id <> f.backup_id OR x.sha256 <> f.sha256 LIMIT 1`,
    say: () => 'reemplazaría un documento de respaldo ya registrado aquí',
  },
  {
    sql: `SELECT f.file_name AS what FROM p.backup_files f
            WHERE f.package_file IS NOT NULL AND substr(f.package_file, 1, 75) <> 'respaldos/' || f.sha256 || '.' LIMIT 1`,
    say: () => 'trae un documento de respaldo bajo un nombre que no es su huella',
  },
];

/** Why the attached package speaks for another station than `code`, or null when it is all its own. */
export function packageOwnershipProblem(db: ReadDb, code: string): string | null {
  for (const rule of RULES) {
    const row = db.prepare(rule.sql).get({ code }) as Record<string, string | null> | undefined;
    if (row) return `El paquete de ${code} ${rule.say(row)}. No se guardó nada de él.`;
  }
  return null;
}
