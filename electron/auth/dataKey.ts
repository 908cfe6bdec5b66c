import { createHash, randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { z } from 'zod';
import { AppFailure } from '../../shared/result';
import { fsyncFolder } from '../files/atomicFile';
import type { KeyProtector } from './keyFile';

/**
 * The data key: 32 random bytes that encrypt the database and the files Recupera keeps (archived
 * actas, respaldo documents, reports). It lives in one file beside the database (`recupera.llave`
 * for `recupera.sqlite`), sealed with the same protector as the station's signing key (Electron's
 * safeStorage in the app, none in the CLI and the browser mode, where the file is readable only by
 * its owner). A copy of the database without this file, or the recovery key, is unreadable.
 */

const DataKeyFile = z.object({
  format: z.literal('recupera-llave-datos'),
  version: z.literal(1),
  protection: z.enum(['safeStorage', 'ninguna']),
  key: z.string().min(1),
});

export const DATA_KEY_BYTES = 32;

export interface DataKey {
  key: Buffer;
  /** True when this call made the key (a new station, or a database first opened by this version). */
  created: boolean;
}

export function dataKeyPath(dbPath: string): string {
  const ext = extname(dbPath);
  return join(dirname(dbPath), `${basename(dbPath, ext)}.llave`);
}

/** The data key beside `dbPath`, or null when there is no key file yet. */
export function readDataKey(dbPath: string, protector: KeyProtector): Buffer | null {
  const path = dataKeyPath(dbPath);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new AppFailure('refused', `No se pudo leer la llave de datos (${path}).`);
  }
  let parsed: z.infer<typeof DataKeyFile>;
  try {
    parsed = DataKeyFile.parse(JSON.parse(text));
  } catch {
    throw new AppFailure('refused', `El archivo de la llave de datos está dañado (${path}). Use la clave de recuperación.`);
  }
  if (parsed.protection !== protector.kind) {
    throw new AppFailure(
      'refused',
      parsed.protection === 'safeStorage'
        ? 'La base de esta computadora está protegida por la aplicación de escritorio: ábrala desde la aplicación o use la clave de recuperación.'
        : 'La llave de datos no está protegida por la aplicación de escritorio; ábrala con la línea de comandos o use la clave de recuperación.',
    );
  }
  let key: Buffer;
  try {
    key = protector.unprotect(Buffer.from(parsed.key, 'base64'));
  } catch {
    throw new AppFailure('refused', 'No se pudo abrir la llave de datos con la protección de este usuario del sistema. Use la clave de recuperación.');
  }
  if (key.length !== DATA_KEY_BYTES) throw new AppFailure('refused', `El archivo de la llave de datos está dañado (${path}). Use la clave de recuperación.`);
  return key;
}

/**
 * Writes `key` as the data key beside `dbPath`, whole or not at all: a temporary readable only by
 * its owner, flushed, then renamed over the final name (synchronous: services open synchronously).
 */
export function writeDataKey(dbPath: string, key: Buffer, protector: KeyProtector): void {
  const path = dataKeyPath(dbPath);
  const temporary = join(dirname(path), `.recupera-${basename(path)}-${randomBytes(6).toString('hex')}.tmp`);
  const body = JSON.stringify(
    { format: 'recupera-llave-datos', version: 1, protection: protector.kind, key: protector.protect(key).toString('base64') },
    null,
    2,
  );
  const fd = openSync(temporary, 'wx', 0o600);
  try {
    writeSync(fd, body);
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    rmSync(temporary, { force: true });
    throw e;
  }
  closeSync(fd);
  renameSync(temporary, path);
  // The rename itself is durable only once the folder is flushed.
  fsyncFolder(dirname(path));
}

/** The data key beside `dbPath`, made (random) and written first when there is none. */
export function loadOrCreateDataKey(dbPath: string, protector: KeyProtector): DataKey {
  if (dbPath === ':memory:') return { key: randomBytes(DATA_KEY_BYTES), created: true };
  const existing = readDataKey(dbPath, protector);
  if (existing) return { key: existing, created: false };
  const key = randomBytes(DATA_KEY_BYTES);
  writeDataKey(dbPath, key, protector);
  return { key, created: true };
}

/*
 * The recovery key: the data key itself written for people, shown once at setup, to open the
 * database on another PC or after the key file is lost. Crockford's base32 (no I, L, O or U; those
 * typed by mistake read as 1, 1, 0), 32 bytes of key and 3 of checksum make 56 characters in 14
 * groups of 4. A mistyped character fails the checksum instead of opening nothing.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CHECK_BYTES = 3;
const RECOVERY_CHARS = Math.ceil(((DATA_KEY_BYTES + CHECK_BYTES) * 8) / 5);

function checksum(key: Buffer): Buffer {
  return createHash('sha256').update('recupera-clave-recuperacion').update(key).digest().subarray(0, CHECK_BYTES);
}

/** The recovery key of `key`, as shown and printed: `ABCD-EFGH-…` (14 groups). */
export function recoveryKeyText(key: Buffer): string {
  if (key.length !== DATA_KEY_BYTES) throw new AppFailure('internal', 'La llave de datos no es válida. Avise a soporte.');
  const bytes = Buffer.concat([key, checksum(key)]);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out.match(/.{1,4}/g)!.join('-');
}

const MISTYPED =
  'La clave de recuperación no es correcta: revise que tenga los 56 caracteres (14 grupos de 4) tal como se imprimió, sin cambiar ninguno.';

/** The data key a recovery key stands for; a mistyped or incomplete one is refused in Spanish. */
export function dataKeyFromRecovery(text: string): Buffer {
  const chars = text
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0');
  if (chars.length !== RECOVERY_CHARS) throw new AppFailure('validation', MISTYPED);
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const c of chars) {
    const v = ALPHABET.indexOf(c);
    if (v < 0) throw new AppFailure('validation', MISTYPED);
    value = (value << 5) | v;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
    value &= (1 << bits) - 1;
  }
  const all = Buffer.from(bytes.slice(0, DATA_KEY_BYTES + CHECK_BYTES));
  const key = all.subarray(0, DATA_KEY_BYTES);
  if (!checksum(key).equals(all.subarray(DATA_KEY_BYTES))) throw new AppFailure('validation', MISTYPED);
  return Buffer.from(key);
}
