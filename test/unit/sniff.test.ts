import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sniffFile } from '../../electron/spreadsheet/sniff';

const dir = mkdtempSync(join(tmpdir(), 'recupera-sniff-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
function file(content: string | Buffer): string {
  const path = join(dir, `f${n++}.xlsx`);
  writeFileSync(path, content);
  return path;
}

describe('sniffFile', () => {
  it('refuses a web page or an XML saved under a spreadsheet name, saying how to save it as a workbook', async () => {
    const pages = [
      '<html><body><table><tr><td>CEDULA</td><td>NUMERO DE SERVICIO</td></tr></table></body></html>',
      '\uFEFF\r\n  <!DOCTYPE html>\n<html>',
      '<table border="1"><tr><th>CEDULA;SERVICIO</th></tr></table>',
      '<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">',
      '<META HTTP-EQUIV="Content-Type" CONTENT="text/html">',
    ];
    for (const page of pages) {
      await expect(sniffFile(file(page))).rejects.toMatchObject({
        kind: 'refused',
        message: expect.stringMatching(/^El archivo no es un libro de Excel sino una página web o un XML.*Guardar como → Libro de Excel \(\.xlsx\)\.$/),
      });
    }
  });

  it('still reads text as CSV, including a first cell that starts with «<»', async () => {
    expect(await sniffFile(file('CEDULA;NUMERO DE SERVICIO\n1710034065;900001\n'))).toMatchObject({ kind: 'csv' });
    expect(await sniffFile(file('<sin dato>;CEDULA;NUMERO DE SERVICIO\n'))).toMatchObject({ kind: 'csv' });
    expect(await sniffFile(file(Buffer.from('\uFEFFCEDULA;SERVICIO\n', 'utf16le')))).toMatchObject({ kind: 'csv' });
  });
});
