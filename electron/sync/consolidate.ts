import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { AuditActor } from '../../shared/audit';
import { countOf } from '../../shared/auditText';
import { packageCampaignRefusal } from '../../shared/contracts/campaigns';
import type { Conflict, ConsolidationResult, PackageOutcome, RecordCounts } from '../../shared/contracts/sync';
import { formatDateTime } from '../../shared/dates';
import { excerpt, FIELD_LIMITS } from '../../shared/fieldLimits';
import { AppFailure } from '../../shared/result';
import { storeVerifiedDocument } from '../backups/fileStore';
import type { EncryptionKeyPair } from '../auth/encryptionKeys';
import { recordAudit } from '../db/audit';
import { otherCampaign } from '../db/campaigns';
import type { Db } from '../db/open';
import {
  applyPackage,
  attachPackage,
  detachPackage,
  packageContentsProblem,
  slicePackageData,
} from '../db/packageApply';
import { packageOwnershipProblem } from '../db/packageOwnership';
import { getLocalStation, trustedKeyOf } from '../db/stations';
import { consolidatedByFile, consolidatedByIdentity, recordConsolidatedPackage, type ConsolidatedPackage } from '../db/syncPackages';
import { runWrite } from '../db/writeSession';
import { keepCopy } from '../files/sealedFile';
import { safeFilePart } from '../files/names';
import { newWorkFolder } from '../files/workFolders';
import { JobCancelled } from '../platform/cancellation';
import { log } from '../platform/log';
import { acceptPackageAudit, AUDIT_FILE, readPackageAudit } from './packageAudit';
import { PACKAGE_SCHEMA, type Manifest } from './packageFormat';
import { extractPackage, openPackage, PackageRefused, type OpenedPackage, type VerifiedPackage } from './readPackage';
import { receivedDataProblem, sqliteRefusal } from './receivedData';
import { openReceivedPackage, PLAIN_PACKAGE_WARNING, receivedSha256 } from './receivedPackage';

export interface ConsolidateOptions {
  db: Db;
  dataDir: string;
  /** The data key: documents that arrive are kept sealed with it. */
  dataKey?: Buffer;
  packages: Array<{ path: string; name?: string }>;
  onStage?: (stage: string, done: number, total: number) => void;
  isCancelled?: () => boolean;
  /** Awaited between write sessions (the job worker yields to the desk there). */
  between?: () => Promise<void> | void;
  /** Actas per write session; ACTAS_PER_SESSION unless a test wants thinner slices. */
  actasPerSession?: number;
  /** This central's X25519 pair: packages arrive encrypted to it (receivedPackage.ts). */
  decryptionKey?: EncryptionKeyPair | null;
  /** Who asked for it: each package consolidated leaves its audit entry with the package's record. */
  actor?: AuditActor | null;
}

/** Actas applied in one write session: small enough that a clerk's save never waits long. */
export const ACTAS_PER_SESSION = 2_000;

const zero = (): RecordCounts => ({ handovers: 0, items: 0, backups: 0, voids: 0 });

/** Where an acta PDF that came in a package is kept. */
function actaTarget(dataDir: string, m: Manifest, name: string): string {
  return join(dataDir, 'actas', 'paquetes', safeFilePart(m.station.code), basename(name));
}

async function keepDocuments(dataDir: string, pkg: VerifiedPackage, dataKey: Buffer | undefined): Promise<void> {
  for (const [name, path] of pkg.documents) {
    const backup = name.match(/^respaldos\/([0-9a-f]{64})\.(\w+)$/);
    // Checked against its name again as it is stored: a stored copy damaged or replaced on disk is replaced by this one.
    if (backup) await storeVerifiedDocument(dataDir, path, backup[1]!, backup[2]!, dataKey);
    else if (name.startsWith('actas/')) {
      const target = actaTarget(dataDir, pkg.manifest, name);
      // Kept sealed like this station's own actas (files/sealedFile.ts).
      if (!existsSync(target)) await keepCopy(path, target, dataKey);
    }
  }
}

/** A package consolidated here before: reported, not read again. */
function appliedOutcome(name: string, before: ConsolidatedPackage): PackageOutcome {
  const as = before.fileName && before.fileName !== name ? ` (como «${before.fileName}»)` : '';
  return {
    package: name,
    station: before.stationCode,
    office: before.manifest?.office ?? null,
    status: 'applied',
    reason: `Ya aplicado: este paquete se consolidó aquí el ${formatDateTime(before.consolidatedAt)}${as}. No se volvió a leer.`,
    inserted: zero(),
    duplicates: 0,
  };
}

/**
 * The package consolidated here that this one's signed manifest names as the same export
 * (station, moment, range), or null. An export is made once: the same identity with another
 * manifest is a package altered and signed again, refused rather than taken for a copy.
 */
function sameExport(db: Db, o: OpenedPackage): ConsolidatedPackage | null {
  const m = o.manifest;
  const same = consolidatedByIdentity(db, { station: m.station.code, createdAt: m.createdAt, rangeFrom: m.range.from, rangeTo: m.range.to });
  if (same.length === 0) return null;
  const copy = same.find((s) => s.manifest?.sha256 === o.manifestSha256);
  if (copy) return copy;
  const as = same[0]!.fileName ? ` como «${same[0]!.fileName}»` : '';
  throw new PackageRefused(
    `El paquete dice ser la exportación de ${m.station.code} del ${formatDateTime(m.createdAt)}, ya consolidada aquí${as}, pero su contenido es otro: fue alterado. No se acepta. No se guardó nada de él.`,
  );
}

/**
 * The audit entry of a package refused (PAQUETE_RECHAZADO), in its own short session: nothing of the
 * package is written, but who tried to consolidate which file, and why it was refused, stays on record.
 * `station` is the verified one (its signature checked) or, failing that, the one its manifest claims.
 */
function recordRefusal(
  db: Db,
  actor: AuditActor | null,
  r: { name: string; sha256: string | null; station: { code: string; office: string; verified: boolean } | null; reason: string; partial: boolean },
): void {
  const code = r.station ? excerpt(r.station.code, FIELD_LIMITS.shortText) : null;
  const whose = !r.station ? '' : r.station.verified ? ` de ${code} (${excerpt(r.station.office, FIELD_LIMITS.shortText)})` : `, que dice ser de ${code},`;
  const reason = excerpt(r.reason, MAX_REASON);
  const file = excerpt(r.name, FIELD_LIMITS.fileName);
  runWrite(db, (tx) => {
    recordAudit(tx, actor, {
      action: 'PAQUETE_RECHAZADO',
      description: `Intentó consolidar el paquete ${file}${whose} y se rechazó: ${reason}`,
      targetKind: 'paquete',
      targetId: file,
      detail: { station: code, stationVerified: r.station?.verified ?? false, sha256: r.sha256, reason, partial: r.partial },
    });
  });
}

/** The longest refusal reason an entry keeps (reasons are a sentence or two; one may quote a hostile value). */
const MAX_REASON = 2_000;

function refusalReason(e: unknown, station: string | null): string | null {
  if (e instanceof PackageRefused || e instanceof AppFailure) return e.message;
  // SQLite's own text is English and names tables: it goes to the log, the user reads why in Spanish.
  return sqliteRefusal(e, { kind: 'package', station: station ?? '(sin identificar)' });
}

function ownPackageRefusal(code: string): string {
  return `Este paquete es de esta misma estación (${code}): sus registros ya están aquí. Consolide solo los paquetes que envían las oficinas.`;
}

/**
 * Consolidates packages one after another: each is verified whole before anything of it is
 * written, so a refused package leaves nothing behind and the others still count.
 */
export async function consolidatePackages(o: ConsolidateOptions): Promise<ConsolidationResult> {
  const started = Date.now();
  const { db } = o;
  const outcomes: PackageOutcome[] = [];
  const conflicts: Conflict[] = [];
  const inserted = zero();
  let duplicates = 0;
  const n = o.packages.length;
  for (const [index, p] of o.packages.entries()) {
    if (o.isCancelled?.()) throw new JobCancelled();
    const name = p.name ?? basename(p.path);
    o.onStage?.(`Verificando ${name} (${index + 1} de ${n})`, index, n);
    const work = await newWorkFolder(o.dataDir, 'paquete');
    let manifest: Manifest | null = null;
    let sha256: string | null = null;
    // Slices of this package already in the database when something fails.
    let applied = 0;
    try {
      // A file consolidated here before is known by its SHA-256 and skipped before it is decrypted:
      // consolidating the same folder again costs a hash per package, not a second pass. One whose
      // office audit chain had a gap, or recorded before identities were kept, is read again.
      // Such a package is only reported, with no audit entry: nothing is read or written, and its
      // CONSOLIDACION entry already names the file, who consolidated it and when.
      sha256 = await receivedSha256(p.path);
      const before = consolidatedByFile(db, sha256);
      if (before?.manifest?.complete) {
        outcomes.push(appliedOutcome(name, before));
        continue;
      }
      // The signature is checked against the key enrolled here for the package's station before anything is extracted.
      // An envelope is opened into the work folder first; its signed zip is then verified as any.
      const received = await openReceivedPackage(p.path, work, { code: getLocalStation(db)?.code ?? '', key: o.decryptionKey ?? null }, sha256);
      const opened = await openPackage(received.zipPath, (code) => trustedKeyOf(db, code), received.sha256);
      let pkg: VerifiedPackage;
      try {
        manifest = opened.manifest;
        // The central's own records are already here: read as an office's, they would add nothing
        // and its audit chain, longer here than in the file, would be reported as entries deleted.
        if (manifest.station.id === getLocalStation(db)?.id) throw new PackageRefused(ownPackageRefusal(manifest.station.code));
        // Records of two campaigns never mix: a package of another campaign is refused whole.
        const here = otherCampaign(db, manifest.campaign);
        if (here) throw new PackageRefused(packageCampaignRefusal(manifest.station.code, manifest.campaign ?? { name: 'inicial', year: here.year }, here));
        // The same export in another file (encrypted again, or sent plain): its files are still
        // checked against the manifest, by hash only, before it is reported as applied.
        const copyOf = sameExport(db, opened);
        if (copyOf?.manifest?.complete) {
          await extractPackage(opened, null);
          outcomes.push(appliedOutcome(name, copyOf));
          continue;
        }
        pkg = await extractPackage(opened, work);
      } finally {
        opened.zip.close();
      }
      if (!received.encrypted) log.warn('consolidate.plainPackage', { station: pkg.manifest.station.code });
      o.onStage?.(`Consolidando ${name} (${index + 1} de ${n})`, index + 0.5, n);
      const m = pkg.manifest;
      // A signed package can still come from a compromised office: its data file is checked on its own
      // connection (only the format's tables, sound pages, every text within its limit) before it is attached.
      const dataProblem = receivedDataProblem(db, pkg.dataPath, { kind: 'package', station: m.station.code });
      if (dataProblem) throw new PackageRefused(dataProblem);
      attachPackage(db, pkg.dataPath);
      let problem: string | null;
      try {
        problem = packageContentsProblem(db, m) ?? packageOwnershipProblem(db, m.station.code);
      } finally {
        detachPackage(db);
      }
      if (problem) throw new PackageRefused(problem);
      const audit = await readPackageAudit(pkg.documents.get(AUDIT_FILE), m.station.code);
      // Once the package is verified, its slices go in one short write session each; applying
      // the same records again adds nothing, so a crash midway is finished by consolidating again.
      const slices = slicePackageData(db, pkg.dataPath, work, o.actasPerSession ?? ACTAS_PER_SESSION, PACKAGE_SCHEMA);
      const r = { inserted: zero(), duplicates: 0, conflicts: [] as Conflict[] };
      const actaPath = (doc: string) => (pkg.documents.has(doc) ? actaTarget(o.dataDir, m, doc) : null);
      for (const [sliceIndex, slice] of slices.entries()) {
        applied = sliceIndex;
        await o.between?.();
        attachPackage(db, slice);
        try {
          const part = runWrite(db, (tx) => applyPackage(tx, m, pkg.sha256, actaPath));
          for (const k of Object.keys(r.inserted) as Array<keyof RecordCounts>) r.inserted[k] += part.inserted[k];
          r.duplicates += part.duplicates;
          r.conflicts.push(...part.conflicts);
        } finally {
          detachPackage(db);
        }
      }
      await keepDocuments(o.dataDir, pkg, o.dataKey);
      // The office's audit entries continue the chain held here for it, or are reported; they are
      // stored in the session that records the package as consolidated.
      const auditOutcome = await acceptPackageAudit(db, audit, o.between, (tx, outcome) => {
        recordConsolidatedPackage(tx, {
          station: m.station.code,
          sha256: pkg.sha256,
          rangeFrom: m.range.from,
          rangeTo: m.range.to,
          counts: m.counts,
          fileName: name,
          manifest: { createdAt: m.createdAt, sha256: pkg.manifestSha256, office: m.station.office, complete: outcome.warnings.length === 0 },
        });
        const i = r.inserted;
        recordAudit(tx, o.actor ?? null, {
          action: 'CONSOLIDACION',
          description: `Consolidó el paquete ${name} de ${m.station.code} (${m.station.office}): ${countOf(i.handovers, 'acta nueva', 'actas nuevas')}, ${countOf(i.voids, 'anulación', 'anulaciones')}, ${countOf(i.backups, 'respaldo', 'respaldos')}, ${countOf(r.duplicates, 'repetido', 'repetidos')}, ${countOf(r.conflicts.length, 'conflicto', 'conflictos')}`,
          targetKind: 'paquete',
          targetId: name,
          detail: { station: m.station.code, sha256: pkg.sha256, from: m.range.from, to: m.range.to, inserted: i, duplicates: r.duplicates, conflicts: r.conflicts.length, auditEntries: outcome.inserted },
        });
        return outcome;
      });
      for (const warning of auditOutcome.warnings) log.warn('consolidate.auditChain', { station: m.station.code, warning });
      for (const k of Object.keys(inserted) as Array<keyof RecordCounts>) inserted[k] += r.inserted[k];
      duplicates += r.duplicates;
      conflicts.push(...r.conflicts);
      outcomes.push({ package: name, station: m.station.code, office: m.station.office, status: 'read', reason: received.encrypted ? null : PLAIN_PACKAGE_WARNING, inserted: r.inserted, duplicates: r.duplicates, audit: auditOutcome });
    } catch (e) {
      const refused = refusalReason(e, manifest?.station.code ?? null);
      if (refused === null) throw e;
      const reason =
        applied > 0
          ? `Se aplicó una parte del paquete (${applied} de sus porciones) y el resto no: ${refused.replace(/ No se guardó nada de él\.$/, '')} Consolidarlo de nuevo completa lo que falta, sin duplicar.`
          : refused;
      // The station as verified, or as the package names it when the refusal came before its manifest was returned.
      const named = e instanceof PackageRefused ? e.station : null;
      recordRefusal(db, o.actor ?? null, {
        name,
        sha256,
        station: manifest
          ? { code: manifest.station.code, office: manifest.station.office, verified: true }
          : named && { code: named.code, office: named.office, verified: named.signed },
        reason,
        partial: applied > 0,
      });
      outcomes.push({
        package: name,
        station: manifest?.station.code ?? null,
        office: manifest?.station.office ?? null,
        status: 'refused',
        reason,
        inserted: zero(),
        duplicates: 0,
      });
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }
  o.onStage?.('Listo', n, n);
  return {
    packages: n,
    refused: outcomes.filter((x) => x.status === 'refused').map((x) => ({ package: x.package, reason: x.reason ?? '' })),
    inserted,
    duplicates,
    conflicts,
    outcomes,
    seconds: (Date.now() - started) / 1000,
  };
}
