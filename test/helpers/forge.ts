import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import type { StationKey } from '../../electron/auth/keyFile';
import type { Manifest } from '../../electron/sync/packageFormat';
import { signatureBytes, signManifest } from '../../electron/sync/packageSignature';
import { recipientOf, rezip, unzip } from './packages';

/** How a genuine package is turned into a forged one. */
export interface Forgery {
  /** Changes to the package's records, run on its `datos.sqlite`. */
  data?: (db: Database.Database) => void;
  /** Documents added or replaced, by their name inside the package. */
  documents?: Record<string, Buffer>;
  /** Changes to the manifest after its files and counts are recomputed. */
  manifest?: (m: Manifest) => Record<string, unknown>;
  /** Who signs the recomputed manifest: a key (the forger's), nobody, or the original signature kept as it was. */
  signer: StationKey | 'none' | 'keep';
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/**
 * Writes at `target` a package made from the genuine `source` as a forger would: records or
 * documents changed, every hash and count in the manifest recomputed so it is self-consistent, and
 * the manifest signed (or not) as asked, through the app's own signing code; encrypted again to
 * the central the genuine one was addressed to (the forger holds only public keys for that).
 */
export async function forgePackage(source: string, target: string, f: Forgery): Promise<string> {
  const entries = await unzip(source);
  const original = JSON.parse(entries.get('manifest.json')!.toString()) as Manifest;
  const work = mkdtempSync(join(tmpdir(), 'recupera-falso-'));
  try {
    if (f.data) {
      const path = join(work, 'datos.sqlite');
      writeFileSync(path, entries.get('datos.sqlite')!);
      const db = new Database(path);
      try {
        f.data(db);
        db.pragma('journal_mode = DELETE');
      } finally {
        db.close();
      }
      entries.set('datos.sqlite', readFileSync(path));
    }
    for (const [name, bytes] of Object.entries(f.documents ?? {})) entries.set(name, bytes);
    const counts = (() => {
      const path = join(work, 'cuenta.sqlite');
      writeFileSync(path, entries.get('datos.sqlite')!);
      const db = new Database(path, { readonly: true });
      try {
        const n = (t: string) => db.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number;
        return { handovers: n('handovers'), items: n('items'), backups: n('backups'), voids: n('voids') };
      } finally {
        db.close();
      }
    })();
    const files = [...entries.keys()].filter((n) => n !== 'manifest.json' && n !== 'firma.json');
    const documents = files.filter((n) => n !== 'datos.sqlite' && n !== 'entregas.xlsx').length;
    const recomputed: Manifest = {
      ...original,
      counts: { ...counts, documents },
      files: files.map((name) => ({ name, sha256: sha256(entries.get(name)!), size: entries.get(name)!.length })),
    };
    const manifestBytes = Buffer.from(JSON.stringify(f.manifest ? f.manifest(recomputed) : recomputed, null, 2));
    const signature = entries.get('firma.json');
    entries.delete('firma.json');
    const out = new Map<string, Buffer>([['manifest.json', manifestBytes]]);
    if (f.signer === 'keep' && signature) out.set('firma.json', signature);
    else if (f.signer !== 'none' && f.signer !== 'keep') out.set('firma.json', signatureBytes(signManifest(f.signer, original.station.code, manifestBytes)));
    for (const [name, bytes] of entries) if (name !== 'manifest.json') out.set(name, bytes);
    await rezip(target, out, await recipientOf(source));
    return target;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
