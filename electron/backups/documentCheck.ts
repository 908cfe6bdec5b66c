import { AppFailure } from '../../shared/result';

/**
 * Respaldo documents are checked by their structure, not only by their first bytes: a file that
 * starts like a PDF but holds a program, or a picture cut in half, is refused before it is kept.
 * The checks are structural and cheap (one pass over at most MAX_BACKUP_BYTES); they do not
 * render anything. See docs/ARCHITECTURE.md, "Hostile input → mailbox and documents".
 */

export interface DocumentKind {
  mime: 'application/pdf' | 'image/jpeg' | 'image/png';
  ext: 'pdf' | 'jpg' | 'png';
}

const PDF: DocumentKind = { mime: 'application/pdf', ext: 'pdf' };
const JPEG: DocumentKind = { mime: 'image/jpeg', ext: 'jpg' };
const PNG: DocumentKind = { mime: 'image/png', ext: 'png' };

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The kind the first bytes claim, or null: the claim is then checked by `checkDocument`. */
export function claimedKind(head: Uint8Array): DocumentKind | null {
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return PDF; // %PDF-
  if (startsWith(head, [0xff, 0xd8, 0xff])) return JPEG;
  if (startsWith(head, PNG_SIGNATURE)) return PNG;
  return null;
}

/** Why the document is not what it claims, in Spanish (without its name), or null when it holds up. */
export function documentProblem(bytes: Uint8Array): { kind: DocumentKind | null; problem: string | null } {
  const kind = claimedKind(bytes);
  if (!kind) return { kind: null, problem: 'no es un PDF, JPG ni PNG (se revisa su contenido, no su nombre)' };
  switch (kind.ext) {
    case 'pdf':
      return { kind, problem: pdfProblem(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)) };
    case 'jpg':
      return { kind, problem: jpegProblem(bytes) };
    case 'png':
      return { kind, problem: pngProblem(bytes) };
    default:
      return kind.ext satisfies never;
  }
}

/** The document's kind, or a Spanish refusal naming the file. */
export function checkDocument(bytes: Uint8Array, name: string): DocumentKind {
  const { kind, problem } = documentProblem(bytes);
  // What became of it is the caller's to say (a refused acta or respaldo, a mail attachment left out).
  if (!kind || problem) throw new AppFailure('validation', `El archivo «${name}» ${problem ?? 'no es un PDF, JPG ni PNG'}.`);
  return kind;
}

function startsWith(bytes: Uint8Array, magic: number[], at = 0): boolean {
  return bytes.length >= at + magic.length && magic.every((b, i) => bytes[at + i] === b);
}

// ---------------------------------------------------------------- PDF

const PDF_HEADER = /^%PDF-(1\.[0-7]|2\.0)[\r\n \t%]/;
const TAIL = 1024;

function pdfProblem(bytes: Buffer): string | null {
  const damaged = 'dice ser un PDF pero no tiene la estructura de uno';
  if (!PDF_HEADER.test(bytes.subarray(0, 16).toString('latin1'))) return `${damaged} (su encabezado no declara una versión de PDF)`;
  const tail = bytes.subarray(Math.max(0, bytes.length - TAIL)).toString('latin1');
  if (!tail.includes('%%EOF')) return `${damaged} (no termina con %%EOF: está incompleto o tiene algo agregado al final)`;
  const xref = tail.match(/startxref\s+(\d{1,12})\s+%%EOF/);
  if (!xref || Number(xref[1]) >= bytes.length) return `${damaged} (no tiene una tabla de referencias válida)`;
  if (!/\d+\s+\d+\s+obj\b/.test(bytes.toString('latin1')) || bytes.indexOf('endobj', 0, 'latin1') < 0) return `${damaged} (no contiene objetos)`;
  const executable = executableOutsideStreams(bytes);
  if (executable) return `contiene un programa (${executable}) escondido dentro; no es un documento`;
  return null;
}

/**
 * A PDF's own syntax is text; binary data belongs only inside `stream … endstream`. A program's
 * signature right after the header, or anywhere outside the streams, means the file is something
 * else wearing a PDF's first line. Inside a stream a PDF may legitimately embed any file, so those
 * bytes are not judged here (the viewer never runs them).
 */
function executableOutsideStreams(bytes: Buffer): string | null {
  let at = 0;
  while (at < bytes.length) {
    const start = bytes.indexOf('stream', at, 'latin1');
    const syntaxEnd = start < 0 ? bytes.length : start;
    const found = executableIn(bytes, at, syntaxEnd);
    if (found) return found;
    if (start < 0) return null;
    // `endstream` would match "stream" too: the body starts after the keyword's line end.
    const end = bytes.indexOf('endstream', start + 6, 'latin1');
    if (end < 0) return null;
    at = end + 'endstream'.length;
  }
  return null;
}

const MACHO = [
  [0xfe, 0xed, 0xfa, 0xce],
  [0xfe, 0xed, 0xfa, 0xcf],
  [0xce, 0xfa, 0xed, 0xfe],
  [0xcf, 0xfa, 0xed, 0xfe],
  [0xca, 0xfe, 0xba, 0xbe],
];

/** The first executable signature between `from` and `to`: Windows (MZ with a PE header), ELF or Mach-O. */
function executableIn(bytes: Buffer, from: number, to: number): string | null {
  for (let i = from; i < to; i++) {
    const b = bytes[i];
    if (b === 0x4d && bytes[i + 1] === 0x5a && i + 0x40 <= bytes.length) {
      const pe = i + bytes.readUInt32LE(i + 0x3c);
      if (pe + 4 <= bytes.length && startsWith(bytes, [0x50, 0x45, 0, 0], pe)) return 'ejecutable de Windows';
    } else if (b === 0x7f && startsWith(bytes, [0x7f, 0x45, 0x4c, 0x46], i)) return 'ejecutable ELF';
    else if ((b === 0xfe || b === 0xce || b === 0xcf || b === 0xca) && MACHO.some((m) => startsWith(bytes, m, i))) return 'ejecutable de macOS';
  }
  return null;
}

// ---------------------------------------------------------------- JPEG

/** SOI, then a walk over the marker segments to the scan (SOS), with a frame (SOF) before it, and EOI at the end. */
function jpegProblem(bytes: Uint8Array): string | null {
  const damaged = 'dice ser una imagen JPG pero está dañado o incompleto';
  let at = 2;
  let frame = false;
  for (;;) {
    if (at + 4 > bytes.length || bytes[at] !== 0xff) return damaged;
    while (bytes[at] === 0xff && at < bytes.length) at++; // fill bytes before a marker
    const marker = bytes[at++]!;
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue; // markers without a segment
    if (marker === 0xd8 || marker === 0xd9 || marker === 0x00) return damaged;
    if (at + 2 > bytes.length) return damaged;
    const length = (bytes[at]! << 8) | bytes[at + 1]!;
    if (length < 2 || at + length > bytes.length) return damaged;
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) frame = true;
    at += length;
    if (marker === 0xda) break;
  }
  if (!frame) return damaged;
  // Entropy-coded data follows the scan header; the image must end with EOI (padding zeros allowed).
  let end = bytes.length;
  while (end > at && bytes[end - 1] === 0x00) end--;
  if (end - at < 2 || bytes[end - 2] !== 0xff || bytes[end - 1] !== 0xd9) return `${damaged} (no termina donde termina la imagen)`;
  return null;
}

// ---------------------------------------------------------------- PNG

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(bytes: Uint8Array, from: number, to: number): number {
  let c = 0xffffffff;
  for (let i = from; i < to; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function u32(bytes: Uint8Array, at: number): number {
  return ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0;
}

/** Signature, IHDR first (13 bytes, its CRC right), a walk over every chunk, IDAT present, IEND last at the very end. */
function pngProblem(bytes: Uint8Array): string | null {
  const damaged = 'dice ser una imagen PNG pero está dañado o incompleto';
  let at = 8;
  let first = true;
  let data = false;
  while (at + 12 <= bytes.length) {
    const length = u32(bytes, at);
    const type = String.fromCharCode(bytes[at + 4]!, bytes[at + 5]!, bytes[at + 6]!, bytes[at + 7]!);
    const next = at + 12 + length;
    if (next > bytes.length) return damaged;
    if (first && (type !== 'IHDR' || length !== 13 || crc32(bytes, at + 4, at + 8 + length) !== u32(bytes, at + 8 + length))) return damaged;
    first = false;
    if (type === 'IDAT') data = true;
    if (type === 'IEND') {
      if (length !== 0 || crc32(bytes, at + 4, at + 8) !== u32(bytes, at + 8)) return damaged;
      return data && next === bytes.length ? null : `${damaged} (tiene datos después del final de la imagen o le faltan sus datos)`;
    }
    at = next;
  }
  return damaged;
}
