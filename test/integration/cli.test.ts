import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/main';
import { HEADER, writeWorkbook } from '../helpers/workbooks';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, (s) => (out += s + '\n'), (s) => (err += s + '\n'));
  return { code, out, err };
}

const dir = () => mkdtempSync(join(tmpdir(), 'recupera-cli-'));

describe('CLI', () => {
  it('iniciar, importar-base --json and buscar --json, with the documented shapes and exit codes', async () => {
    const d = dir();
    const db = join(d, 'r.sqlite');
    const init = await cli('iniciar', '--db', db, '--estacion', 'gye-centro-02', '--oficina', 'CAC Centro', '--regional', 'LITORAL');
    expect(init).toMatchObject({ code: 0 });
    expect(init.out).toContain('GYE-CENTRO-02');

    const base = join(d, 'base.xlsx');
    await writeWorkbook(base, [
      {
        name: 'Base',
        rows: [
          HEADER,
          ['LITORAL', 912345675, 'VERA MACÍAS ROSA', 'Internet', 4400123, '10/5/2020', 'ONT', 'ZTE', 'F660', 'ZTEG00A1', 45, 'NO', 'NO', 'NO', '0987654321', null],
          ['LITORAL', 912345675, 'VERA MACÍAS ROSA', 'Internet', 4400123, '10/5/2020', 'ONT', 'ZTE', 'F660', 'ZTEG00A1', 45, 'NO', 'NO', 'NO', '0987654321', null],
          ['LITORAL', null, null, 'TV', 4400999, '10/5/2020', 'DECO', 'KAON', '', 'K1', 60, 'NO', 'NO', 'NO', null, null],
        ],
      },
    ]);
    const imp = await cli('importar-base', base, '--db', db, '--json');
    expect(imp.code).toBe(0);
    const summary = JSON.parse(imp.out);
    expect(summary).toMatchObject({ rows: 3, inserted: 1, updated: 0, unchanged: 0, duplicates: 1, rejected: 1, warnings: 1 });
    expect(summary.errors).toEqual([{ row: 4, column: 'IDENTIFICACION / APELLIDOS Y NOMBRES', message: 'Faltan la identificación y el nombre del cliente.' }]);
    // Warnings are listed too (a preview writes no report, so this is the only place to see them).
    expect(summary.warningList).toEqual([{ row: 3, column: expect.any(String), message: expect.stringMatching(/fila 2/) }]);
    const text = await cli('importar-base', base, '--db', db, '--vista-previa');
    expect(text.out).toMatch(/Advertencias \(la fila se guarda\):\n {2}fila 3 \([^)]*\): .*fila 2/);

    const found = await cli('buscar', '912345675', '--db', db, '--json');
    expect(found.code).toBe(0);
    expect(JSON.parse(found.out)).toMatchObject({
      results: [
        {
          identification: '0912345675',
          name: 'VERA MACÍAS ROSA',
          services: [{ serviceNumber: '4400123', businessLine: 'Internet Fijo', status: 'PENDIENTE', items: [{ type: 'ONT', brand: 'ZTE', model: 'F660', serial: 'ZTEG00A1', valueCents: 4500 }] }],
        },
      ],
    });
    const limited = JSON.parse((await cli('buscar', 'rosa', '--db', db, '--json', '--limite', '1')).out);
    expect(limited.results).toHaveLength(1);
  });

  it('exits 2 with the reason on stderr when the file is refused, and writes nothing', async () => {
    const d = dir();
    const db = join(d, 'r.sqlite');
    await cli('iniciar', '--db', db, '--estacion', 'UIO-01', '--oficina', 'CAC');
    const bad = join(d, 'nada.csv');
    writeFileSync(bad, 'a;b;c\n1;2;3\n');
    const r = await cli('importar-base', bad, '--db', db, '--json');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/encabezados reconocible\. Revise que la hoja tenga columnas como CEDULA y NUMERO DE SERVICIO en una de sus primeras 40 filas\./);
    const count = JSON.parse((await cli('buscar', 'a', '--db', db, '--json')).out);
    expect(count.results).toEqual([]);
    // A header with nothing (or only blank rows) under it is a template or the wrong sheet, not «0 filas».
    const empty = join(d, 'plantilla.csv');
    writeFileSync(empty, 'IDENTIFICACION;APELLIDOS Y NOMBRES;NUMERO DE SERVICIO\n ; ; \n\n');
    for (const mode of [[], ['--vista-previa']]) {
      const e = await cli('importar-base', empty, '--db', db, '--json', ...mode);
      expect(e).toMatchObject({ code: 2, out: '' });
      expect(e.err).toMatch(/^La hoja «CSV» tiene los encabezados en la fila 1 y ninguna fila de datos debajo: no hay nada que importar\./);
    }
  });

  it('importar-base names the titled columns it leaves out, a repeated header first among them', async () => {
    const d = dir();
    const db = join(d, 'r.sqlite');
    await cli('iniciar', '--db', db, '--estacion', 'UIO-01', '--oficina', 'CAC');
    const file = join(d, 'repetida.csv');
    writeFileSync(file, 'IDENTIFICACION;APELLIDOS Y NOMBRES;NUMERO DE SERVICIO;NUMERO DE SERVICIO;OBSERVACION;\n1710034065;PEREZ JUAN;;4400123;ninguna;\n');
    const r = await cli('importar-base', file, '--db', db, '--vista-previa');
    expect(r.out).toContain('Columnas que no se importan: «NUMERO DE SERVICIO» (D, repetida), «OBSERVACION» (E).\n');
  });

  it('importar-correos refuses a folder of more messages than one import takes, saying how to split it', async () => {
    const d = dir();
    const db = join(d, 'r.sqlite');
    await cli('iniciar', '--db', db, '--estacion', 'UIO-01', '--oficina', 'CAC');
    const mail = join(d, 'correos');
    mkdirSync(mail);
    for (let i = 0; i <= 2000; i++) writeFileSync(join(mail, `m${i}.eml`), `From: a@b.ec\r\nSubject: x\r\nMessage-ID: <m${i}@b.ec>\r\n\r\nhola\r\n`);
    const r = await cli('importar-correos', mail, '--db', db);
    expect(r).toMatchObject({ code: 2, out: '' });
    expect(r.err).toMatch(/^La carpeta tiene 2\.001 correos \(\.eml\); se importan hasta 2\.000 por vez\. Repártalos en carpetas/);
  });

  it('exits 64 on usage errors', async () => {
    expect((await cli('importar-base', '--db', '/tmp/x.sqlite')).code).toBe(64);
    expect((await cli('buscar', 'x')).code).toBe(64);
    expect((await cli('nada')).code).toBe(64);
    expect((await cli('buscar', 'x', '--db', '/tmp/x.sqlite', '--limite', 'cero')).code).toBe(64);
    expect((await cli('demo', '--db', '/tmp/x.sqlite', '--clientes', '-3')).code).toBe(64);
  });

  it('demo loads a realistic base and writes it as a workbook that imports cleanly', async () => {
    const d = dir();
    const db = join(d, 'r.sqlite');
    await cli('iniciar', '--db', db, '--estacion', 'UIO-01', '--oficina', 'CAC');
    const xlsx = join(d, 'demo.xlsx');
    expect((await cli('demo', '--xlsx', xlsx, '--clientes', '200', '--semilla', '5')).code).toBe(0);
    const imp = JSON.parse((await cli('importar-base', xlsx, '--db', db, '--json')).out);
    expect(imp.rows).toBeGreaterThan(200);
    expect(imp.rejected).toBe(0);
    expect(imp.inserted).toBe(imp.rows);
    // Loading the same seed straight into the database finds every row already there.
    const again = await cli('demo', '--db', db, '--clientes', '200', '--semilla', '5');
    expect(again.out).toMatch(/0 nuevas, 0 actualizadas/);
  });

  it('prints only the command output through npm run -s cli', () => {
    const d = dir();
    const db = join(d, 'r.sqlite');
    execFileSync('npm', ['run', '-s', 'cli', '--', 'iniciar', '--db', db, '--estacion', 'UIO-01', '--oficina', 'CAC'], { stdio: 'pipe' });
    const r = spawnSync('npm', ['run', '-s', 'cli', '--', 'buscar', 'nadie', '--db', db, '--json'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ results: [] });
  });
});
