import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, type Dirent } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { basename, join } from 'node:path';
import { AppFailure } from '../../shared/result';
import { copyFileAtomic, produceFileAtomic, TEMP_PREFIX, writeFileAtomic } from './atomicFile';

/**
 * The files Recupera keeps under its data folder (archived actas, respaldo documents, reports) are
 * sealed with the data key: a copied folder or a stolen disk shows no cédula, name or phone.
 *
 * Format, version 1:
 *   header  = "RCPSEAL" (7 bytes) · version (1 byte) · salt (32 random bytes)
 *   chunks  = AES-256-GCM of up to 64 KiB of plaintext each, followed by its 16-byte tag
 * The file's key is HKDF-SHA256(data key, salt, "recupera/archivo/v1"), so the database and the
 * files never use the raw key alike and every file has a key of its own; the chunk's nonce is its
 * counter. The associated data of each chunk is the header plus a final-chunk flag: a truncated
 * file (its last chunk is not flagged final), chunks swapped (wrong nonce), one byte changed or
 * another key are all refused. Memory stays at about one chunk whatever the file's size.
 */

const MAGIC = Buffer.from('RCPSEAL', 'latin1');
const VERSION = 1;
const SALT_BYTES = 32;
export const SEAL_HEADER_BYTES = MAGIC.length + 1 + SALT_BYTES;
/** Plaintext bytes per chunk. */
export const SEAL_CHUNK_BYTES = 64 * 1024;
const TAG_BYTES = 16;
const INFO = Buffer.from('recupera/archivo/v1');

/** The sealed size of `plainBytes` bytes (a plain file grows by the header and one tag per chunk). */
export function sealedSize(plainBytes: number): number {
  const chunks = Math.max(1, Math.ceil(plainBytes / SEAL_CHUNK_BYTES));
  return SEAL_HEADER_BYTES + plainBytes + chunks * TAG_BYTES;
}

function fileKey(dataKey: Buffer, salt: Buffer): Buffer {
  if (dataKey.length !== 32) throw new AppFailure('internal', 'La llave de datos de Recupera no es válida. Avise a soporte.');
  return Buffer.from(hkdfSync('sha256', dataKey, salt, INFO, 32));
}

function nonce(counter: number): Buffer {
  const n = Buffer.alloc(12);
  n.writeUIntBE(counter, 6, 6);
  return n;
}

function aad(header: Buffer, final: boolean): Buffer {
  return Buffer.concat([header, Buffer.from([final ? 1 : 0])]);
}

/** The refusal when a sealed file does not open: damaged, cut short, altered, or sealed with another key. */
export function sealBroken(name: string): AppFailure {
  return new AppFailure(
    'refused',
    `El archivo «${name}» está dañado o fue alterado (o pertenece a otra instalación de Recupera) y no se puede abrir. Si lo necesita, recupérelo de un respaldo.`,
  );
}

/** A stream that seals what goes through it. */
export function sealStream(dataKey: Buffer): Transform {
  const header = Buffer.concat([MAGIC, Buffer.from([VERSION]), randomBytes(SALT_BYTES)]);
  const key = fileKey(dataKey, header.subarray(MAGIC.length + 1));
  let counter = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const chunk = (plain: Buffer, final: boolean): Buffer => {
    const c = createCipheriv('aes-256-gcm', key, nonce(counter++));
    c.setAAD(aad(header, final));
    return Buffer.concat([c.update(plain), c.final(), c.getAuthTag()]);
  };
  let started = false;
  return new Transform({
    transform(data: Buffer, _enc, done: TransformCallback) {
      if (!started) {
        this.push(header);
        started = true;
      }
      pending.push(data);
      pendingBytes += data.length;
      // A chunk is sealed only once more follows: the last one must carry the final flag.
      if (pendingBytes > SEAL_CHUNK_BYTES) {
        let all = Buffer.concat(pending);
        while (all.length > SEAL_CHUNK_BYTES) {
          this.push(chunk(all.subarray(0, SEAL_CHUNK_BYTES), false));
          all = all.subarray(SEAL_CHUNK_BYTES);
        }
        pending = [all];
        pendingBytes = all.length;
      }
      done();
    },
    flush(done: TransformCallback) {
      if (!started) this.push(header);
      this.push(chunk(Buffer.concat(pending), true));
      pending = [];
      done();
    },
  });
}

/** A stream that opens a sealed file's bytes; `name` is what the refusal calls the file. */
export function unsealStream(dataKey: Buffer, name: string): Transform {
  let header: Buffer | null = null;
  let key: Buffer | null = null;
  let counter = 0;
  let pending: Buffer = Buffer.alloc(0);
  const whole = SEAL_CHUNK_BYTES + TAG_BYTES;
  const open = (sealed: Buffer, final: boolean): Buffer => {
    if (sealed.length < TAG_BYTES) throw sealBroken(name);
    const d = createDecipheriv('aes-256-gcm', key!, nonce(counter++));
    d.setAAD(aad(header!, final));
    d.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    try {
      return Buffer.concat([d.update(sealed.subarray(0, sealed.length - TAG_BYTES)), d.final()]);
    } catch {
      throw sealBroken(name);
    }
  };
  return new Transform({
    transform(data: Buffer, _enc, done: TransformCallback) {
      try {
        pending = pending.length === 0 ? data : Buffer.concat([pending, data]);
        if (!header) {
          if (pending.length < SEAL_HEADER_BYTES) return done();
          header = Buffer.from(pending.subarray(0, SEAL_HEADER_BYTES));
          if (!isSealHeader(header)) throw sealBroken(name);
          key = fileKey(dataKey, header.subarray(MAGIC.length + 1));
          pending = pending.subarray(SEAL_HEADER_BYTES);
        }
        // A whole chunk is opened only once more follows: whatever ends the file is the final one.
        while (pending.length > whole) {
          this.push(open(pending.subarray(0, whole), false));
          pending = pending.subarray(whole);
        }
        done();
      } catch (e) {
        done(e as Error);
      }
    },
    flush(done: TransformCallback) {
      try {
        if (!header) throw sealBroken(name);
        this.push(open(pending, true));
        done();
      } catch (e) {
        done(e as Error);
      }
    },
  });
}

function isSealHeader(head: Uint8Array): boolean {
  return head.length >= MAGIC.length + 1 && MAGIC.every((b, i) => head[i] === b) && head[MAGIC.length] === VERSION;
}

/** The first `count` bytes of the file at `path` (fewer if it is shorter; none if it is missing). */
export async function firstBytes(path: string, count: number): Promise<Buffer> {
  const fh = await open(path, 'r').catch(() => null);
  if (!fh) return Buffer.alloc(0);
  try {
    const head = Buffer.alloc(count);
    const { bytesRead } = await fh.read(head, 0, count, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** Whether the file at `path` is sealed (by its first bytes; a missing file is not). */
export async function isSealed(path: string): Promise<boolean> {
  return isSealHeader(await firstBytes(path, MAGIC.length + 1));
}

/**
 * Writes `prefix` (an envelope's header, kept in clear) then the file `source` sealed under `key`
 * as the file at `target`, whole or not at all. Returns the SHA-256 (hex) of the bytes written.
 */
export async function sealWithPrefix(target: string, prefix: Buffer, source: string, key: Buffer): Promise<string> {
  const hash = createHash('sha256').update(prefix);
  await produceFileAtomic(target, async (temporary) => {
    const out = createWriteStream(temporary, { flags: 'wx' });
    const tap = new Transform({
      transform(chunk: Buffer, _enc, done) {
        hash.update(chunk);
        done(null, chunk);
      },
    });
    out.write(prefix);
    await pipeline(createReadStream(source), sealStream(key), tap, out);
  });
  return hash.digest('hex');
}

/** Writes `source` sealed as the file at `target`, whole or not at all (never a partial file under its name). */
export async function sealToFile(target: string, source: Readable | Buffer, dataKey: Buffer): Promise<void> {
  await produceFileAtomic(target, async (temporary) => {
    const input = Buffer.isBuffer(source) ? Readable.from([source]) : source;
    await pipeline(input, sealStream(dataKey), createWriteStream(temporary, { flags: 'wx' }));
  });
}

/** The plaintext of a sealed file as a stream; it errors with a Spanish refusal if the file was altered. */
export function openSealed(path: string, dataKey: Buffer): Readable {
  return unsealing(createReadStream(path), dataKey, basename(path));
}

function unsealing(raw: Readable, dataKey: Buffer, name: string): Readable {
  const out = unsealStream(dataKey, name);
  raw.on('error', (e) => out.destroy(e)).pipe(out);
  return out;
}

/** The whole plaintext of a small sealed file. */
export async function readSealed(path: string, dataKey: Buffer): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of openSealed(path, dataKey)) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

/**
 * A kept file's plaintext, sealed or not: files written by a version before sealing are read as
 * they are until the start-up step seals them (sealPlainFiles). A caller without the key (a tool
 * or a test that wrote plain files) reads plain files only.
 */
export async function openKept(path: string, dataKey: Buffer | undefined): Promise<Readable> {
  // One descriptor for the check and the read: the start-up sealing may rename a sealed copy over
  // the plain file meanwhile, and this reader must see one file or the other, not a mix.
  const fh = await open(path, 'r');
  let sealed: boolean;
  try {
    const head = Buffer.alloc(MAGIC.length + 1);
    const { bytesRead } = await fh.read(head, 0, head.length, 0);
    sealed = isSealHeader(head.subarray(0, bytesRead));
    if (sealed && !dataKey) throw new AppFailure('internal', `El archivo «${basename(path)}» está cifrado y esta tarea no recibió la llave de datos. Avise a soporte.`);
  } catch (e) {
    await fh.close();
    throw e;
  }
  const raw = fh.createReadStream({ start: 0 });
  return sealed ? unsealing(raw, dataKey!, basename(path)) : raw;
}

export async function readKept(path: string, dataKey: Buffer | undefined): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of await openKept(path, dataKey)) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

/** SHA-256 of a kept file's plaintext (what the name of a respaldo document and a batch's record say). */
export async function sha256Kept(path: string, dataKey: Buffer | undefined): Promise<string> {
  const h = createHash('sha256');
  for await (const c of await openKept(path, dataKey)) h.update(c as Buffer);
  return h.digest('hex');
}

/**
 * The clear copy a person asked for, at the place they chose, whole or not at all. Every call is
 * an export of personal data out of the sealed folder (the audit log names it ARCHIVO_DESCARGADO).
 */
export async function writeClearCopy(source: string, target: string, dataKey: Buffer | undefined): Promise<void> {
  await produceFileAtomic(target, async (temporary) => {
    await pipeline(await openKept(source, dataKey), createWriteStream(temporary, { flags: 'wx' }));
  });
}

/**
 * Seals a plain file where it lies: the sealed copy is written under a temporary and renamed over
 * the plain one, so a kill at any instant leaves one of the two whole. False if it was sealed already.
 */
export async function sealInPlace(path: string, dataKey: Buffer): Promise<boolean> {
  // One descriptor for the check and the read: another process sealing the same file at the same
  // time renames its copy over the path, and this one still reads the plain file it checked.
  const fh = await open(path, 'r');
  let plain: Readable;
  try {
    const head = Buffer.alloc(MAGIC.length + 1);
    const { bytesRead } = await fh.read(head, 0, head.length, 0);
    if (isSealHeader(head.subarray(0, bytesRead))) {
      await fh.close();
      return false;
    }
    plain = fh.createReadStream({ start: 0 });
  } catch (e) {
    await fh.close();
    throw e;
  }
  await sealToFile(path, plain, dataKey);
  return true;
}

/**
 * Keeps a copy of `source` at `target` in the data folder: sealed with the data key; copied as it
 * is only by a caller that has no key (tools and tests that run a use case on its own).
 */
export async function keepCopy(source: string | Buffer, target: string, dataKey: Buffer | undefined): Promise<void> {
  if (dataKey) return sealToFile(target, Buffer.isBuffer(source) ? source : createReadStream(source), dataKey);
  if (Buffer.isBuffer(source)) return writeFileAtomic(target, source);
  return copyFileAtomic(source, target);
}

/**
 * Seals, in place, every plain file under these folders and their subfolders (a PC upgraded from a
 * version that kept them in clear). Temporaries are skipped; a file that vanishes meanwhile is
 * skipped; each file is sealed whole or left as it was (sealInPlace). Returns how many were sealed.
 */
export async function sealPlainFiles(folders: string[], dataKey: Buffer): Promise<number> {
  let sealed = 0;
  for (const folder of folders) {
    let entries: Dirent[];
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) sealed += await sealPlainFiles([path], dataKey);
      else if (entry.isFile() && !entry.name.startsWith(TEMP_PREFIX)) {
        try {
          if (await sealInPlace(path, dataKey)) sealed++;
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== 'ENOENT' && !((e as { cause?: { code?: string } }).cause?.code === 'ENOENT')) throw e;
        }
      }
    }
  }
  return sealed;
}

/** The plaintext's size of a kept file, sealed or not (for a download's Content-Length). */
export async function keptSize(path: string): Promise<number> {
  const size = (await stat(path)).size;
  if (!(await isSealed(path))) return size;
  const body = size - SEAL_HEADER_BYTES;
  return body - Math.ceil(body / (SEAL_CHUNK_BYTES + TAG_BYTES)) * TAG_BYTES;
}
