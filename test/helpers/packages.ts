import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { encryptionFingerprint, type EncryptionKeyPair } from '../../electron/auth/encryptionKeys';
import { EnvelopeError, isEnvelope, openEnvelope, readEnvelopeHeader, sealEnvelope } from '../../electron/auth/envelope';
import { isMultiEnvelope, openMultiEnvelope, readMultiEnvelopeHeader, sealForRecipients } from '../../electron/auth/multiEnvelope';

/**
 * The X25519 keys of the centrals tests link offices to (trust.ts), by fingerprint: office packages
 * are encrypted to their central, and tests that look inside a package or forge one open it with
 * the key of the central it is addressed to, as that central would.
 */
const centralKeys = new Map<string, EncryptionKeyPair>();

export function rememberCentralKey(pair: EncryptionKeyPair): void {
  centralKeys.set(encryptionFingerprint(pair.publicKey), pair);
}

/** The X25519 keys of offices linked to a central: national updates are encrypted to them. */
const officeKeys = new Map<string, EncryptionKeyPair>();

export function rememberOfficeKey(pair: EncryptionKeyPair): void {
  officeKeys.set(encryptionFingerprint(pair.publicKey), pair);
}

/** Opens a national update's envelope with the key of any linked office it is addressed to. */
async function withOpenedUpdate<T>(path: string, fn: (zipPath: string) => Promise<T>): Promise<T> {
  const { header } = await readMultiEnvelopeHeader(path);
  const pair = header.recipients.map((r) => officeKeys.get(r.fingerprint)).find((k) => k !== undefined);
  if (!pair) throw new Error(`no test office key for ${header.recipients.map((r) => r.code).join(', ')}`);
  const dir = mkdtempSync(join(tmpdir(), 'recupera-multisobre-'));
  try {
    const zip = join(dir, 'actualizacion.zip');
    await openMultiEnvelope(path, zip, pair);
    return await fn(zip);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The offices (code and X25519 public key) a national update is encrypted to. */
export async function updateRecipients(path: string): Promise<Array<{ code: string; publicKey: string }>> {
  const { header } = await readMultiEnvelopeHeader(path);
  return header.recipients.map((r) => {
    const pair = officeKeys.get(r.fingerprint);
    if (!pair) throw new Error(`no test office key for ${r.code}`);
    return { code: r.code, publicKey: pair.publicKey };
  });
}

/** The central a package is encrypted to (code and public key), or null for a plain zip. */
export async function recipientOf(path: string): Promise<{ code: string; publicKey: string } | null> {
  if (!(await isEnvelope(path))) return null;
  const { header } = await readEnvelopeHeader(path);
  const pair = centralKeys.get(header.recipient.fingerprint);
  if (!pair) throw new Error(`no test central key for ${header.recipient.code}`);
  return { code: header.recipient.code, publicKey: pair.publicKey };
}

/**
 * Runs `fn` on the package's (or national update's) signed zip: the file itself, or its envelope
 * opened into a scratch folder.
 */
export async function withOpenedPackage<T>(path: string, fn: (zipPath: string) => Promise<T>): Promise<T> {
  if (await isMultiEnvelope(path)) return withOpenedUpdate(path, fn);
  if (!(await isEnvelope(path))) return fn(path);
  const { header } = await readEnvelopeHeader(path);
  const pair = centralKeys.get(header.recipient.fingerprint);
  if (!pair) throw new Error(`no test central key for ${header.recipient.code}`);
  const dir = mkdtempSync(join(tmpdir(), 'recupera-sobre-'));
  try {
    const zip = join(dir, 'paquete.zip');
    await openEnvelope(path, zip, pair.privateKey);
    return await fn(zip);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The package at `path` as an office would have sent it to `central` (base64 X25519 public key,
 * code): itself when it is addressed there already, else opened and encrypted again to that central,
 * under the same file name in a folder of its own. Lets tests consolidate one package at two
 * centrals, or at a real central a package exported while the office trusted a test one.
 */
export async function addressedTo(path: string, central: { code: string; publicKey: string }): Promise<string> {
  if (!(await isEnvelope(path))) return path;
  const { header } = await readEnvelopeHeader(path);
  if (header.recipient.code === central.code && header.recipient.fingerprint === encryptionFingerprint(central.publicKey)) return path;
  const dir = mkdtempSync(join(tmpdir(), `recupera-${central.code}-`));
  const target = join(dir, basename(path));
  try {
    await withOpenedPackage(path, (zip) => sealEnvelope(zip, target, central, 'paquete'));
  } catch (e) {
    // A damaged envelope goes as it is: the central is to refuse it.
    if (e instanceof EnvelopeError) return path;
    throw e;
  }
  return target;
}

/** Every entry of a zip (or of the zip inside an office package's or a national update's envelope), by name. */
export function unzip(path: string): Promise<Map<string, Buffer>> {
  return withOpenedPackage(path, unzipPlain);
}

function unzipPlain(path: string): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('zip'));
      const out = new Map<string, Buffer>();
      zip.on('error', reject);
      zip.on('end', () => resolve(out));
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error('entry'));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('error', reject);
          stream.on('end', () => {
            out.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

/**
 * Writes a zip from entries (to build tampered or future packages); with `sealFor`, encrypted to
 * that central as an office would, or (a list) to those offices as the central encrypts an update.
 */
export async function rezip(
  path: string,
  entries: Map<string, Buffer>,
  sealFor?: { code: string; publicKey: string } | Array<{ code: string; publicKey: string }> | null,
): Promise<void> {
  if (sealFor) {
    const dir = mkdtempSync(join(tmpdir(), 'recupera-sobre-'));
    try {
      const zip = join(dir, 'paquete.zip');
      await rezip(zip, entries);
      if (Array.isArray(sealFor)) await sealForRecipients(zip, path, sealFor, 'actualizacion');
      else await sealEnvelope(zip, path, sealFor, 'paquete');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return;
  }
  const zip = new yazl.ZipFile();
  for (const [name, data] of entries) zip.addBuffer(data, name);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const c of zip.outputStream) chunks.push(c as Buffer);
  writeFileSync(path, Buffer.concat(chunks));
}

export function bytesOf(path: string): Buffer {
  return readFileSync(path);
}
