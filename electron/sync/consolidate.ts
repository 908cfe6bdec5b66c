import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import type { Conflict, ConsolidationResult, PackageOutcome, RecordCounts } from '../../shared/contracts/sync';
import { AppFailure } from '../../shared/result';
import { backupFilePath } from '../backups/fileStore';
import { newId, nowIso } from '../db/ids';
import type { Db } from '../db/open';
import { safeFilePart } from '../files/names';
import { JobCancelled } from '../platform/cancellation';
import { applyPackage, type ApplyOutcome } from './applyPackage';
import type { Manifest } from './packageFormat';
import { PackageRefused, readPackage, type VerifiedPackage } from './readPackage';

export interface ConsolidateOptions {
  db: Db;
  dataDir: string;
  packages: Array<{ path: string; name?: string }>;
  onStage?: (stage: string, done: number, total: number) => void;
  isCancelled?: () => boolean;
}

const zero = (): RecordCounts => ({ handovers: 0, items: 0, backups: 0, voids: 0 });

/** Where an acta PDF that came in a package is kept. */
function actaTarget(dataDir: string, m: Manifest, name: string): string {
  return join(dataDir, 'actas', 'paquetes', safeFilePart(m.station.code), basename(name));
}

async function keepDocuments(dataDir: string, pkg: VerifiedPackage): Promise<void> {
  for (const [name, path] of pkg.documents) {
    let target: string | null = null;
    const backup = /^respaldos\/([0-9a-f]{64})\.(\w+)$/.exec(name);
    if (backup) target = backupFilePath(dataDir, backup[1]!, backup[2]!);
    else if (name.startsWith('actas/')) target = actaTarget(dataDir, pkg.manifest, name);
    if (!target || existsSync(target)) continue;
    await mkdir(dirname(target), { recursive: true });
    const tmp = `${target}.${process.pid}.tmp`;
    await copyFile(path, tmp);
    await rename(tmp, target);
  }
}

function refusalReason(e: unknown): string | null {
  if (e instanceof PackageRefused || e instanceof AppFailure) return e.message;
  if (e && typeof e === 'object' && 'code' in e && String((e as { code: unknown }).code).startsWith('SQLITE_')) {
    const code = String((e as { code: unknown }).code);
    if (code.startsWith('SQLITE_BUSY')) return null;
    return `Los datos del paquete no se pudieron aplicar (${(e as unknown as Error).message}). No se guardó nada de él.`;
  }
  return null;
}

/**
 * Consolidates packages one after another: each is verified whole, then applied in its own
 * transaction, so a refused or failing package leaves nothing behind and the others still count.
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
    const work = await mkdtemp(join(tmpdir(), 'recupera-paquete-'));
    let manifest: Manifest | null = null;
    try {
      const pkg = await readPackage(p.path, work);
      manifest = pkg.manifest;
      o.onStage?.(`Consolidando ${name} (${index + 1} de ${n})`, index + 0.5, n);
      const m = pkg.manifest;
      db.prepare('ATTACH DATABASE ? AS p').run(pkg.dataPath);
      let r: ApplyOutcome;
      try {
        r = applyPackage(db, m, pkg.sha256, (doc) => (pkg.documents.has(doc) ? actaTarget(o.dataDir, m, doc) : null));
      } finally {
        db.exec('DETACH DATABASE p');
      }
      await keepDocuments(o.dataDir, pkg);
      db.prepare(
        `INSERT OR IGNORE INTO sync_packages (id, direction, station_code, sha256, range_from, range_to, created_at, summary, file_name, path)
         VALUES (?, 'IMPORT', ?, ?, ?, ?, ?, ?, ?, NULL)`,
      ).run(newId(), m.station.code, pkg.sha256, m.range.from, m.range.to, nowIso(), JSON.stringify(m.counts), name);
      for (const k of Object.keys(inserted) as Array<keyof RecordCounts>) inserted[k] += r.inserted[k];
      duplicates += r.duplicates;
      conflicts.push(...r.conflicts);
      outcomes.push({ package: name, station: m.station.code, office: m.station.office, status: 'read', reason: null, inserted: r.inserted, duplicates: r.duplicates });
    } catch (e) {
      const reason = refusalReason(e);
      if (reason === null) throw e;
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
