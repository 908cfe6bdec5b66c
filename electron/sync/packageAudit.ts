import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { FIELD_LIMITS } from '../../shared/fieldLimits';
import { auditEntriesAfter, chainHead } from '../db/audit';
import { appendStationEntries, auditHashAt, customerKeysOfIds, lastExportedAuditSeq, rememberCustomerKeys, type ChainStop } from '../db/auditTravel';
import type { Db, ReadDb, Tx } from '../db/open';
import { runWrite } from '../db/writeSession';
import { writeFileAtomic } from '../files/atomicFile';
import { FILES } from './packageFormat';
import { PackageRefused } from './readPackage';

/**
 * The office's audit entries inside its package (`auditoria.json`): listed in the manifest with
 * its SHA-256 like every file, so the station's signature covers it. It carries the station's own
 * chain after what earlier exports carried (all of it when the export names its days, so a
 * package lost on the way can be made up for), the chain's head when it was written, and the
 * customer key behind each customer id the entries name.
 */
export const AUDIT_FILE = FILES.audit;
const FORMAT = 'recupera-auditoria';

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/);

/**
 * Bounds for what the office's entries may carry: machine values (ids, codes, stamps, actions)
 * are short; a description is a sentence or two; the detail is a small JSON. Far beyond these is
 * not an entry this app wrote, and the package is refused with it.
 */
const SHORT = z.string().max(FIELD_LIMITS.shortText);
const TARGET = z.string().max(1_000);
const DESCRIPTION = z.string().max(10_000);
const DETAIL = z.string().max(1024 * 1024);

const Entry = z.object({
  id: SHORT.min(1),
  stationCode: SHORT.min(1),
  stationSeq: z.number().int().positive(),
  at: SHORT,
  userId: SHORT.nullable(),
  username: SHORT.nullable(),
  userName: z.string().max(FIELD_LIMITS.name).nullable(),
  role: SHORT.nullable(),
  action: SHORT.min(1),
  targetKind: SHORT.nullable(),
  targetId: TARGET.nullable(),
  customerId: SHORT.nullable(),
  description: DESCRIPTION,
  detail: DETAIL.nullable(),
  prevHash: Hex64,
  hash: Hex64,
});

const AuditFile = z.object({
  format: z.literal(FORMAT),
  station: SHORT.min(1),
  head: z.object({ stationSeq: z.number().int().positive(), hash: Hex64 }).nullable(),
  entries: z.array(Entry),
  customers: z.record(SHORT, SHORT),
});
export type PackageAuditFile = z.infer<typeof AuditFile>;

/**
 * Writes `auditoria.json` into the export's work folder; returns its path and the last entry it
 * carries (recorded with the export, so the next one starts after it).
 */
export async function writePackageAudit(db: ReadDb, station: string, work: string, everything: boolean): Promise<{ path: string; through: number }> {
  const after = everything ? 0 : lastExportedAuditSeq(db, station);
  const entries = auditEntriesAfter(db, station, after);
  const head = chainHead(db, station);
  const ids = [...new Set(entries.map((e) => e.customerId).filter((id): id is string => id !== null))];
  const file: PackageAuditFile = { format: FORMAT, station, head, entries, customers: customerKeysOfIds(db, ids) };
  const path = join(work, AUDIT_FILE);
  await writeFileAtomic(path, JSON.stringify(file));
  return { path, through: entries.at(-1)?.stationSeq ?? after };
}

/**
 * Reads and checks the extracted `auditoria.json` of a verified package from station `code`;
 * null when the package has none (exported before entries travelled). An office vouches only for
 * its own chain: an entry of any other station refuses the whole package.
 */
export async function readPackageAudit(path: string | undefined, code: string): Promise<PackageAuditFile | null> {
  if (!path) return null;
  let parsed: ReturnType<typeof AuditFile.safeParse>;
  try {
    parsed = AuditFile.safeParse(JSON.parse(await readFile(path, 'utf8')));
  } catch {
    throw new PackageRefused(`El registro de auditoría del paquete de ${code} está dañado (no es JSON válido). No se guardó nada de él.`);
  }
  if (!parsed.success) throw new PackageRefused(`El registro de auditoría del paquete de ${code} no tiene el formato esperado. No se guardó nada de él.`);
  const foreign = parsed.data.entries.find((e) => e.stationCode !== code) ?? (parsed.data.station !== code ? { stationCode: parsed.data.station } : null);
  if (foreign) {
    throw new PackageRefused(
      `El paquete de ${code} trae entradas de auditoría de la estación ${foreign.stationCode}; una estación solo responde por su propio registro. No se guardó nada de él.`,
    );
  }
  return { ...parsed.data, entries: [...parsed.data.entries].sort((a, b) => a.stationSeq - b.stationSeq) };
}

function stopMessage(code: string, stop: ChainStop, left: number): string {
  const rest = left === 1 ? ' No se guardó esa entrada.' : ` No se guardaron las ${left} entradas restantes del paquete.`;
  switch (stop.kind) {
    case 'differs':
      return `La entrada ${stop.stationSeq} de ${code} que trae el paquete no coincide con la que esta central ya tiene: se conserva la de aquí.${rest}`;
    case 'gap':
      return `Faltan en esta central las entradas ${stop.expected === stop.stationSeq - 1 ? stop.expected : `${stop.expected} a ${stop.stationSeq - 1}`} de ${code} (vienen en un paquete anterior que no se consolidó aquí).${rest} Consolide antes los paquetes anteriores de esa oficina, o pida que exporte con fechas (Desde), que reenvía su registro completo.`;
    case 'broken':
      return `La cadena de ${code} se rompe en la entrada ${stop.stationSeq}: no continúa la que esta central ya tiene (se borraron o cambiaron entradas en la oficina).${rest}`;
    case 'altered':
      return `La entrada ${stop.stationSeq} de ${code} fue alterada (su huella no corresponde a su contenido).${rest}`;
    default:
      return stop satisfies never;
  }
}

/** Entries stored per write session: a clerk's save at the central never waits long. */
const ENTRIES_PER_SESSION = 2_000;

export interface AuditOutcome {
  inserted: number;
  warnings: string[];
}

/**
 * Takes a package's entries (none when `file` is null) at the central as the continuation of the
 * chain it holds for that office. What does not continue it is reported, never stored over what
 * is here. Also reported: a chain here that is ahead of where the office's own chain ended when it
 * exported (the office's last entries were deleted there — the one deletion its own chain cannot show).
 * The last batch (for most packages, all of it) goes in the same write session as `finish`, the
 * consolidation's record of the package: the package counts as consolidated together with its
 * office's entries, and consolidating adds no write session of its own for them. Only the earlier
 * batches of a long chain get short sessions of their own, each after `between`.
 */
export async function acceptPackageAudit<T>(
  db: Db,
  file: PackageAuditFile | null,
  between: (() => Promise<void> | void) | undefined,
  finish: (tx: Tx, outcome: AuditOutcome) => T,
): Promise<T> {
  const outcome: AuditOutcome = { inserted: 0, warnings: [] };
  const entries = file?.entries ?? [];
  let stopped = false;
  const take = (tx: Tx, code: string, from: number, to: number) => {
    const slice = entries.slice(from, to);
    const r = appendStationEntries(tx, code, slice);
    outcome.inserted += r.inserted;
    const customers = file?.customers ?? {};
    const stored = slice.slice(0, r.inserted + r.skipped).filter((e) => e.customerId !== null && customers[e.customerId] !== undefined);
    rememberCustomerKeys(tx, Object.fromEntries(stored.map((e) => [e.customerId!, customers[e.customerId!]!])));
    if (r.stop) {
      stopped = true;
      outcome.warnings.push(stopMessage(code, r.stop, entries.length - (from + r.inserted + r.skipped)));
    }
  };
  let i = 0;
  for (; file && i + ENTRIES_PER_SESSION < entries.length && !stopped; i += ENTRIES_PER_SESSION) {
    await between?.();
    const from = i;
    runWrite(db, (tx) => take(tx, file.station, from, from + ENTRIES_PER_SESSION));
  }
  return runWrite(db, (tx) => {
    if (file && !stopped) {
      if (i < entries.length) take(tx, file.station, i, entries.length);
      if (!stopped) headCheck(tx, file, outcome.warnings);
    }
    return finish(tx, outcome);
  });
}

/** After the entries are in: the chain here must not run past, nor differ from, where the office's chain ended. */
function headCheck(db: ReadDb, file: PackageAuditFile, warnings: string[]): void {
  const code = file.station;
  if (!file.head) return;
  const hereHead = chainHead(db, code);
  if (hereHead && hereHead.stationSeq > file.head.stationSeq) {
    warnings.push(
      `La cadena de ${code} en esta central llega a la entrada ${hereHead.stationSeq}, pero la oficina exportó su registro hasta la ${file.head.stationSeq}: se borraron entradas en la oficina.`,
    );
  } else {
    const here = auditHashAt(db, code, file.head.stationSeq);
    if (here !== null && here !== file.head.hash) {
      warnings.push(`La entrada ${file.head.stationSeq} de ${code} en la oficina no es la que esta central recibió antes: se borraron o cambiaron entradas en la oficina.`);
    }
  }
}
