import { open } from 'node:fs/promises';
import { extname } from 'node:path';
import { stripEscapes } from '../../shared/escapes';
import { FIELD_LIMITS, stripControls } from '../../shared/fieldLimits';
import { AppFailure } from '../../shared/result';
import { MAX_BACKUP_BYTES } from '../backups/fileStore';

/**
 * One saved message (.eml) read within bounds: its size is checked before a byte is read, its
 * MIME parts are counted before the parser builds them, and every text that came from outside
 * (subject, sender, attachment names) is cleaned and cut to its field's limit. Anything wrong is
 * a Spanish refusal for this message alone (mailbox.ts goes on with the next one).
 */

/** The largest document (15 MB) in base64 (×4/3) with its line breaks, plus the message around it. */
export const MAX_MESSAGE_BYTES = 25 * 1024 * 1024;
/** A respaldo message carries a body and a few documents; a hundred parts is already far beyond that. */
export const MAX_PARTS = 100;

export interface ReadAttachment {
  /** Cleaned and cut, safe to show and store; never part of a path. */
  name: string;
  content: Buffer;
}

export interface ReadMessage {
  raw: Buffer;
  messageId: string | null;
  subject: string;
  sender: string | null;
  sentAt: string | null;
  attachments: ReadAttachment[];
}

const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;

/** Reads the file only when its size allows it; the limit is checked on the open handle (no race with a file that grows). */
export async function readBoundedFile(path: string, max = MAX_MESSAGE_BYTES): Promise<Buffer> {
  let fh;
  try {
    fh = await open(path, 'r');
  } catch {
    throw new AppFailure('not_found', 'No se pudo abrir el archivo del correo.');
  }
  try {
    const { size } = await fh.stat();
    if (size === 0) throw new AppFailure('validation', 'El archivo del correo está vacío.');
    if (size > max) throw new AppFailure('validation', `El correo pesa ${mb(size)}; el máximo es ${mb(max)} (un respaldo admite documentos de hasta ${mb(MAX_BACKUP_BYTES)}). No se leyó.`);
    const bytes = Buffer.alloc(size);
    const { bytesRead } = await fh.read(bytes, 0, size, 0);
    return bytes.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/**
 * How many MIME parts the message declares: the delimiter lines (`--boundary`) of every boundary
 * it names. Counted over the raw text before parsing, so a message of 10,000 parts is refused
 * without building them.
 */
export function countParts(raw: Buffer): number {
  const text = raw.toString('latin1');
  const boundaries = new Set<string>();
  for (const m of text.matchAll(/boundary\s*=\s*(?:"([^"\r\n]{1,200})"|([^\s;"]{1,200}))/gi)) {
    boundaries.add(m[1] ?? m[2]!);
    // Every multipart is a part too: too many boundaries alone is already too many parts.
    if (boundaries.size > MAX_PARTS) return boundaries.size;
  }
  if (boundaries.size === 0) return 1;
  let parts = 0;
  // Delimiter lines only: `--` at the start of a line, then a declared boundary (the closing
  // `--boundary--` is not one, so it opens no part).
  for (let at = text.startsWith('--') ? 0 : text.indexOf('\n--'); at >= 0; at = text.indexOf('\n--', at + 1)) {
    const start = at === 0 && text[0] === '-' ? 2 : at + 3;
    let end = start;
    while (end < text.length && end - start <= 202 && text[end] !== '\r' && text[end] !== '\n' && text[end] !== ' ' && text[end] !== '\t') end++;
    if (boundaries.has(text.slice(start, end))) parts++;
  }
  return parts;
}

/**
 * The name an attachment is shown and stored under: controls and path separators removed, and cut
 * to the field's limit keeping its extension. It is never used to build a path.
 */
export function attachmentName(raw: string | undefined | null, index: number): string {
  const fallback = `adjunto-${index + 1}`;
  const cleaned = stripControls(stripEscapes(raw ?? ''))
    .replace(/[\\/:*?"<>|]/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '');
  const name = cleaned || fallback;
  const max = FIELD_LIMITS.fileName;
  if (name.length <= max) return name;
  const ext = extname(name);
  const keep = ext.length > 0 && ext.length <= 10 ? ext : '';
  return `${name.slice(0, max - keep.length - 1)}…${keep}`;
}

/**
 * Whether a file starts as a message does: a header field («Name: value»), or an mbox «From »
 * line. The parser takes anything (a picture renamed .eml became a message «sin asunto»).
 */
export function looksLikeMessage(raw: Buffer): boolean {
  const start = raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf ? 3 : 0;
  const line = raw.subarray(start, start + 1000).toString('latin1').split(/\r?\n/, 1)[0] ?? '';
  return /^[!-9;-~]{1,76}:/.test(line) || line.startsWith('From ');
}

/**
 * The message with its top header block in UTF-8. Headers should be 7-bit (RFC 2047 words), but a
 * message saved by some Windows clients carries the subject and sender as raw Windows-1252 bytes:
 * read as UTF-8, «GARCÍA» became «GARC�A» and the subject no longer matched its customer. A block
 * that is valid UTF-8 (or plain ASCII) is left as it is; the body and its parts are never touched.
 */
export function headersAsUtf8(raw: Buffer): Buffer {
  const crlf = raw.indexOf('\r\n\r\n');
  const lf = raw.indexOf('\n\n');
  const end = crlf >= 0 && (lf < 0 || crlf < lf) ? crlf : lf;
  const head = end >= 0 ? raw.subarray(0, end) : raw;
  if (!head.some((b) => b >= 0x80)) return raw;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head);
    return raw;
  } catch {
    const fixed = Buffer.from(new TextDecoder('windows-1252').decode(head), 'utf8');
    return end >= 0 ? Buffer.concat([fixed, raw.subarray(end)]) : fixed;
  }
}

const cut = (value: string, max: number) => (value.length > max ? `${value.slice(0, max - 1)}…` : value);
/** Outside text as kept: escape sequences removed whole, then controls and bidi overrides. */
const clean = (value: string) => stripControls(stripEscapes(value));

/** Parses one message within the bounds above; a Spanish refusal for this message otherwise. */
export async function readMessage(path: string): Promise<ReadMessage> {
  const raw = await readBoundedFile(path);
  if (!looksLikeMessage(raw)) throw new AppFailure('validation', 'El archivo no es un correo (.eml): no empieza con los encabezados de un mensaje. No se leyó.');
  const parts = countParts(raw);
  if (parts > MAX_PARTS) throw new AppFailure('validation', `El correo tiene ${parts.toLocaleString('es-EC')} partes o más; el máximo es ${MAX_PARTS}. No se leyó.`);
  // Loaded on use: the MIME parser is only needed when Posventa imports a mailbox.
  const { simpleParser } = await import('mailparser');
  let mail;
  try {
    mail = await simpleParser(headersAsUtf8(raw), { skipHtmlToText: true, skipTextToHtml: true, skipTextLinks: true, maxHtmlLengthToParse: 1024 * 1024 });
  } catch {
    // The parser's own text is English and says nothing to the person: the reason is ours.
    throw new AppFailure('validation', 'El correo está dañado o no tiene el formato de un mensaje (.eml); no se pudo leer.');
  }
  if (mail.attachments.length > MAX_PARTS) throw new AppFailure('validation', `El correo trae ${mail.attachments.length.toLocaleString('es-EC')} adjuntos; el máximo es ${MAX_PARTS}. No se leyó.`);
  const sender = mail.from?.text ? cut(clean(mail.from.text).trim(), FIELD_LIMITS.sender) : null;
  return {
    raw,
    messageId: mail.messageId ? cut(clean(mail.messageId), FIELD_LIMITS.sender) : null,
    subject: cut(clean(mail.subject ?? '').trim(), FIELD_LIMITS.subject),
    sender: sender || null,
    sentAt: mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date.toISOString() : null,
    attachments: mail.attachments.map((a, i) => ({ name: attachmentName(a.filename, i), content: a.content })),
  };
}
