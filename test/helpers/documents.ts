import { crc32 } from 'node:zlib';

/**
 * Small documents that hold up to the structural checks of electron/backups/documentCheck.ts: a
 * PDF with one object, a cross-reference table and a trailer; a JPEG with a frame, a scan and EOI;
 * a PNG with IHDR, IDAT and IEND and their CRCs. Used wherever a test stores a respaldo document.
 * `payload` (e.g. random bytes, to make each document distinct and of a given size) goes inside a
 * stream, where a PDF holds binary data.
 */
export function validPdf(text = 'respaldo', payload?: Buffer): Buffer {
  const head = Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog /Title (${text}) >> endobj\n`, 'latin1');
  const body = payload
    ? Buffer.concat([head, Buffer.from(`2 0 obj << /Length ${payload.length} >>\nstream\n`, 'latin1'), payload, Buffer.from('\nendstream\nendobj\n', 'latin1')])
    : head;
  const tail = `xref\n0 2\n0000000000 65535 f \n0000000009 00000 n \ntrailer << /Size 2 /Root 1 0 R >>\nstartxref\n${body.length}\n%%EOF\n`;
  return Buffer.concat([body, Buffer.from(tail, 'latin1')]);
}

/** A JPEG's segments: SOI, APP0, a baseline frame, a scan header, a little entropy data, EOI. */
export function validJpeg(fill = 7): Buffer {
  const seg = (marker: number, body: number[]) => [0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body];
  return Buffer.from([
    0xff, 0xd8,
    ...seg(0xe0, [0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]),
    ...seg(0xc0, [8, 0, 1, 0, 1, 1, 1, 0x11, 0]),
    ...seg(0xda, [1, 1, 0, 0, 0x3f, 0]),
    ...Array<number>(32).fill(fill),
    0xff, 0xd9,
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A 1×1 PNG; `chunks` builds one from other pieces (for the hostile cases). */
export function validPng(fill = 1): Buffer {
  const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]);
  return Buffer.concat([PNG_SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', Buffer.alloc(16, fill)), chunk('IEND', Buffer.alloc(0))]);
}

export { chunk as pngChunk };

/** A minimal Windows program: MZ, e_lfanew at 0x3c pointing at "PE\0\0" (what a disguised document hides). */
export function windowsExe(): Buffer {
  const b = Buffer.alloc(0x100);
  b.write('MZ', 0, 'latin1');
  b.writeUInt32LE(0x80, 0x3c);
  b.write('PE\0\0', 0x80, 'latin1');
  return b;
}
