import { describe, expect, it } from 'vitest';
import { checkDocument, documentProblem } from '../../electron/backups/documentCheck';
import { PNG_SIGNATURE, pngChunk, validJpeg, validPdf, validPng, windowsExe } from '../helpers/documents';

const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]), Buffer.alloc(64)]);
const MACHO = Buffer.concat([Buffer.from([0xcf, 0xfa, 0xed, 0xfe]), Buffer.alloc(64)]);

const problem = (b: Buffer) => documentProblem(b).problem;

describe('documents are checked by structure, not only by their first bytes', () => {
  it('accepts a well-formed PDF, JPEG and PNG', () => {
    expect(checkDocument(validPdf(), 'acta.pdf').mime).toBe('application/pdf');
    expect(checkDocument(validJpeg(), 'foto.jpg').mime).toBe('image/jpeg');
    expect(checkDocument(validPng(), 'foto.png').mime).toBe('image/png');
  });

  it('refuses "%PDF-" followed by an executable, and an executable hidden in the PDF syntax', () => {
    for (const exe of [windowsExe(), ELF, MACHO]) {
      // The attacker's file: the magic, then the program.
      expect(problem(Buffer.concat([Buffer.from('%PDF-'), exe]))).toMatch(/encabezado/);
      // With a version line, an object and a proper tail, the program right after the header is still seen.
      const pdf = validPdf();
      const header = Buffer.from('%PDF-1.4\n');
      const forged = Buffer.concat([header, exe, Buffer.from('\n'), pdf.subarray(header.length)]);
      // startxref still points inside the file (it only moved later).
      expect(problem(forged)).toMatch(/contiene un programa/);
    }
  });

  it('lets a PDF embed any bytes inside a stream (an attached file), where nothing is executed', () => {
    const head = '%PDF-1.4\n1 0 obj << /Length 256 >>\nstream\n';
    const body = Buffer.concat([Buffer.from(head, 'latin1'), windowsExe(), Buffer.from('\nendstream\nendobj\n', 'latin1')]);
    const tail = Buffer.from(`xref\n0 1\n0000000000 65535 f \ntrailer << /Size 1 >>\nstartxref\n${body.length}\n%%EOF\n`, 'latin1');
    expect(problem(Buffer.concat([body, tail]))).toBeNull();
  });

  it('refuses a PDF without %%EOF at the end, without startxref inside the file, or without objects', () => {
    const pdf = validPdf();
    expect(problem(Buffer.concat([pdf, Buffer.alloc(2048, 0x41)]))).toMatch(/%%EOF/);
    expect(problem(Buffer.from(pdf.toString('latin1').replace(/startxref\n\d+/, 'startxref\n999999'), 'latin1'))).toMatch(/referencias/);
    expect(problem(Buffer.from('%PDF-1.4\n%%EOF\n'))).toMatch(/referencias/);
    expect(problem(Buffer.from('%PDF-1.4\nxref\ntrailer <<>>\nstartxref\n9\n%%EOF\n'))).toMatch(/objetos/);
    expect(problem(Buffer.from('%PDF-9.9\n'))).toMatch(/encabezado/);
  });

  it('refuses a JPEG cut short, with a broken segment, without a frame or with data after its end', () => {
    const jpg = validJpeg();
    expect(problem(jpg.subarray(0, jpg.length - 2))).toMatch(/JPG/);
    expect(problem(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(40, 7)]))).toMatch(/JPG/);
    const noFrame = Buffer.from([0xff, 0xd8, 0xff, 0xda, 0, 8, 1, 1, 0, 0, 0x3f, 0, 7, 7, 0xff, 0xd9]);
    expect(problem(noFrame)).toMatch(/JPG/);
    expect(problem(Buffer.concat([jpg, windowsExe()]))).toMatch(/no termina/);
    const hugeSegment = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0xff, 0xff]), Buffer.alloc(20)]);
    expect(problem(hugeSegment)).toMatch(/JPG/);
  });

  it('refuses a PNG whose IHDR is missing or has a wrong CRC, without IEND last, or with bytes after it', () => {
    const png = validPng();
    const badCrc = Buffer.from(png);
    badCrc[8 + 8 + 13] = badCrc[8 + 8 + 13]! ^ 0xff;
    expect(problem(badCrc)).toMatch(/PNG/);
    expect(problem(Buffer.concat([PNG_SIGNATURE, pngChunk('IDAT', Buffer.alloc(4)), pngChunk('IEND', Buffer.alloc(0))]))).toMatch(/PNG/);
    expect(problem(png.subarray(0, png.length - 12))).toMatch(/PNG/);
    expect(problem(Buffer.concat([png, windowsExe()]))).toMatch(/después del final/);
    expect(problem(Buffer.concat([PNG_SIGNATURE, Buffer.alloc(64, 1)]))).toMatch(/PNG/);
  });

  it('names the file in its Spanish refusal', () => {
    expect(() => checkDocument(Buffer.from('MZ not a pdf'), 'virus.pdf')).toThrow(
      'El archivo «virus.pdf» no es un PDF, JPG ni PNG (se revisa su contenido, no su nombre).',
    );
    expect(() => checkDocument(Buffer.concat([Buffer.from('%PDF-1.4\n'), windowsExe()]), 'acta.pdf')).toThrow(/«acta\.pdf»/);
  });
});
