import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { FIELD_LIMITS } from '../../shared/fieldLimits';
import { AppFailure } from '../../shared/result';
import { sha256File } from '../files/hash';
import { keepCopy, readKept, sha256Kept } from '../files/sealedFile';
import { checkDocument, claimedKind, type DocumentKind } from './documentCheck';

export const MAX_BACKUP_BYTES = 15 * 1024 * 1024;

const KINDS: Array<{ mime: string; ext: string }> = [
  { mime: 'application/pdf', ext: 'pdf' },
  { mime: 'image/jpeg', ext: 'jpg' },
  { mime: 'image/png', ext: 'png' },
];

/** The type by content, never by name: a renamed file is recognised for what it is (its structure is checked when stored). */
export function sniffBackupType(head: Uint8Array): { mime: string; ext: string } | null {
  const k = claimedKind(head);
  return k ? { mime: k.mime, ext: k.ext } : null;
}

export interface StoredFile {
  sha256: string;
  mime: string;
  size: number;
  /** The name it is kept under: the one given, with the extension of its content (`nameForContent`). */
  name: string;
}

/**
 * A document's name with the extension its content has: a PNG sent as «acta.pdf» is kept as
 * «acta.png», so a copy saved from Recupera opens in the right program.
 */
export function nameForContent(name: string, ext: string): string {
  const dot = name.lastIndexOf('.');
  const own = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  if (own === ext || (ext === 'jpg' && own === 'jpeg')) return name;
  const stem = (dot > 0 ? name.slice(0, dot) : name).slice(0, FIELD_LIMITS.fileName - ext.length - 1);
  return `${stem}.${ext}`;
}

/** The Spanish refusal for a document over the size limit, before any of it is read. */
export function tooBigProblem(name: string, size: number): AppFailure {
  const max = MAX_BACKUP_BYTES / 1048576;
  const exact = size / 1048576;
  const tenths = Math.round(exact * 10) / 10;
  const decimals = (n: number, d: number) => n.toLocaleString('es-EC', { minimumFractionDigits: d, maximumFractionDigits: d });
  // Just over the limit, one decimal would read as the limit itself («15,0 MB»): two, rounded up.
  const mb = tenths > max ? decimals(tenths, 1) : decimals(Math.ceil(exact * 100) / 100, 2);
  return new AppFailure('validation', `El archivo «${name}» pesa ${mb} MB; el máximo es ${max} MB.`);
}

/**
 * Copies a backup document into the data folder under its content hash: the same document
 * attached twice is stored once, and nothing in the folder can be overwritten by another file.
 * Stored sealed with the data key (files/sealedFile.ts); the name and hash stay the plaintext's.
 * The size is checked before the file is read.
 */
export async function storeBackupFile(dataDir: string, path: string, name: string, dataKey?: Buffer): Promise<StoredFile> {
  const bytes = await readChosenFile(path, name);
  try {
    return await storeBackupBytes(dataDir, bytes, name, dataKey);
  } catch (e) {
    // A person chose this file for an acta or a respaldo: the save is refused whole, and they can put it right.
    throw withAdvice(e, CHOSEN_FILE_REFUSED);
  }
}

const CHOSEN_FILE_REFUSED = 'No se guardó nada: quite ese archivo y adjunte el documento escaneado como PDF, JPG o PNG.';
const CHOOSE_ANOTHER = 'Elija otro archivo: el documento escaneado como PDF, JPG o PNG.';

/**
 * Checks a document as soon as a person chooses it (size, then structure), without keeping it:
 * its type and size, or a Spanish refusal naming the file and asking for another. The save
 * checks it again (storeBackupFile): the file may change in between.
 */
export async function checkChosenDocument(path: string, name: string): Promise<{ mime: DocumentKind['mime']; size: number }> {
  try {
    const bytes = await readChosenFile(path, name);
    return { mime: checkBackupBytes(bytes, name).mime, size: bytes.length };
  } catch (e) {
    throw withAdvice(e, CHOOSE_ANOTHER);
  }
}

/** A chosen file's bytes, its size checked before any of it is read. */
async function readChosenFile(path: string, name: string): Promise<Buffer> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    throw new AppFailure('not_found', `No se encontró el archivo «${name}».`);
  }
  if (size === 0) throw new AppFailure('validation', `El archivo «${name}» está vacío.`);
  if (size > MAX_BACKUP_BYTES) throw tooBigProblem(name, size);
  try {
    return await readFile(path);
  } catch {
    throw new AppFailure('not_found', `No se pudo leer el archivo «${name}».`);
  }
}

/** A refusal of the file itself (not a failure to reach or store it) told with what to do next. */
function withAdvice(e: unknown, advice: string): unknown {
  return e instanceof AppFailure && e.kind === 'validation' ? new AppFailure('validation', `${e.message} ${advice}`) : e;
}

/** Whether these bytes may be kept as a respaldo document (size, then structure): its kind, or a Spanish refusal naming the file. */
export function checkBackupBytes(bytes: Buffer, name: string): DocumentKind {
  if (bytes.length === 0) throw new AppFailure('validation', `El archivo «${name}» está vacío.`);
  if (bytes.length > MAX_BACKUP_BYTES) throw tooBigProblem(name, bytes.length);
  return checkDocument(bytes, name);
}

/**
 * Stores a document already in memory (a mail attachment): no temporary file, so an outside name
 * never becomes part of a path. Checked by size and by structure (documentCheck.ts) first.
 */
export async function storeBackupBytes(dataDir: string, bytes: Buffer, name: string, dataKey?: Buffer): Promise<StoredFile> {
  const kind = checkBackupBytes(bytes, name);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const target = backupFilePath(dataDir, sha256, kind.ext);
  // Stored whole or not at all: a file under a hash name always holds the bytes of that hash; a
  // copy there that does not (damaged or replaced on disk) is replaced by the one just hashed.
  if (!(await holdsHash(target, sha256, dataKey))) await keepCopy(bytes, target, dataKey);
  return { sha256, mime: kind.mime, size: bytes.length, name: nameForContent(name, kind.ext) };
}

/** Whether `path` exists and its plaintext's SHA-256 is `sha256` (a sealed copy that does not open does not). */
async function holdsHash(path: string, sha256: string, dataKey: Buffer | undefined): Promise<boolean> {
  if (!existsSync(path)) return false;
  return (await sha256Kept(path, dataKey).catch(() => null)) === sha256;
}

/**
 * A stored document's bytes in clear, checked against its hash name: null if it is not there, a
 * Spanish refusal if what is there is not that document (damaged, altered or sealed elsewhere).
 */
export async function readBackupDocument(dataDir: string, sha256: string, mime: string, dataKey: Buffer | undefined): Promise<Buffer | null> {
  const path = backupFilePath(dataDir, sha256, extOf(mime));
  if (!existsSync(path)) return null;
  const bytes = await readKept(path, dataKey).catch(() => null);
  if (!bytes || createHash('sha256').update(bytes).digest('hex') !== sha256) {
    throw new AppFailure('refused', 'El documento del respaldo guardado en este equipo está dañado o fue alterado. Pida a Posventa una copia o vuelva a adjuntarlo.');
  }
  return bytes;
}

/**
 * Stores a respaldo document that arrived under a hash name (in a package or an update): its
 * content must hash to that name, or it is tampering and refused; a copy already stored under the
 * name is kept only if it still holds those bytes, and otherwise replaced by the verified one.
 */
export async function storeVerifiedDocument(dataDir: string, source: string, sha256: string, ext: string, dataKey?: Buffer): Promise<void> {
  if ((await sha256File(source)) !== sha256) {
    throw new AppFailure('refused', `El documento de respaldo ${sha256}.${ext} no tiene el contenido que su nombre declara: fue alterado. No se guardó.`);
  }
  const target = backupFilePath(dataDir, sha256, ext);
  if (!(await holdsHash(target, sha256, dataKey))) await keepCopy(source, target, dataKey);
}

export function backupFilePath(dataDir: string, sha256: string, ext: string): string {
  return join(dataDir, 'respaldos', sha256.slice(0, 2), `${sha256}.${ext}`);
}

export function extOf(mime: string): string {
  return KINDS.find((k) => k.mime === mime)?.ext ?? 'bin';
}
