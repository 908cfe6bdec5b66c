import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { CIPHERS, type Cipher, type Latency } from './encryptionDesk';
import { measure } from './measure';

/**
 * Section (i): what encryption at rest costs. Each side runs in a fresh process on a new database
 * (encryptionChild.ts): the base import, lookups and acta saves through the handlers, and a 5 MiB
 * document kept and read back. Then the same lookups and saves on one plain imported base copied
 * and encrypted with each cipher the driver offers (cipherChild.ts). Runs alternate their order, so
 * drift on the machine falls on every side alike; every figure is the median of the runs, with the
 * runs' range beside it.
 */

interface Desk {
  byId: Latency & { found: number };
  byName: Latency & { found: number };
  saves: Latency;
}

interface Side extends Desk {
  importSeconds: number;
  rows: number;
  inserted: number;
  fileWriteMs: number;
  fileReadMs: number;
}

/** The goal: encrypted at most 15 % slower than plain. */
const GOAL = 1.15;
const FILE_MIB = 5;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const verdict = (ratio: number) => (ratio <= GOAL ? 'CUMPLE' : 'NO CUMPLE');
const ms = (v: number) => `${v.toFixed(2)} ms`;

function row(label: string, plain: string, encrypted: string, ratio: string, judged: string): void {
  console.log(`${label.padEnd(38)} ${plain.padEnd(28)} ${encrypted.padEnd(28)} ${ratio.padEnd(14)} ${judged}`);
}

/** A row in which a higher figure is slower (seconds, milliseconds). */
function timeRow(label: string, runs: { plain: Side[]; encrypted: Side[] }, pick: (s: Side) => number, show: (v: number) => string): void {
  const p = runs.plain.map(pick);
  const e = runs.encrypted.map(pick);
  const range = (xs: number[]) => (xs.length > 1 ? ` (${show(Math.min(...xs))}–${show(Math.max(...xs))})` : '');
  const ratio = median(e) / median(p);
  row(label, `${show(median(p))}${range(p)}`, `${show(median(e))}${range(e)}`, `${ratio.toFixed(2)}×`, verdict(ratio));
}

/** A row of throughput (rows/s, MB/s): shown as a rate, judged on the time it stands for. */
function rateRow(label: string, runs: { plain: Side[]; encrypted: Side[] }, seconds: (s: Side) => number, amount: number, unit: string): void {
  const fmt = (s: number) => {
    const rate = amount / s;
    return rate >= 100 ? rate.toFixed(0) : rate.toFixed(1);
  };
  const p = runs.plain.map(seconds);
  const e = runs.encrypted.map(seconds);
  const range = (xs: number[]) => (xs.length > 1 ? ` (${fmt(Math.max(...xs))}–${fmt(Math.min(...xs))})` : '');
  const ratio = median(e) / median(p);
  row(label, `${fmt(median(p))} ${unit}${range(p)}`, `${fmt(median(e))} ${unit}${range(e)}`, `${ratio.toFixed(2)}×`, verdict(ratio));
}

async function child(script: string, args: string[]): Promise<string> {
  const m = await measure(process.execPath, ['--import', 'tsx', script, ...args]);
  if (m.code !== 0) throw new Error(`${script} ${args[0]} failed`);
  return m.stdout;
}

/** The same desk work under every cipher, on copies of one plain imported base. */
async function cipherComparison(o: { plainDb: string; work: string; runs: number }): Promise<void> {
  console.log(`\n  Comparación de cifrados (la misma base importada, copiada y cifrada con cada uno; mediana de ${o.runs} corridas en orden rotado; entre paréntesis, veces la base sin cifrar)`);
  const results = new Map<Cipher, Desk[]>(CIPHERS.map((c) => [c, []]));
  for (let i = 0; i < o.runs; i++) {
    const order = [...CIPHERS.slice(i % CIPHERS.length), ...CIPHERS.slice(0, i % CIPHERS.length)];
    for (const cipher of order) {
      const dir = join(o.work, `cifrado-${cipher}-${i}`);
      mkdirSync(dir, { recursive: true });
      results.get(cipher)!.push(JSON.parse(await child('test/bench/cipherChild.ts', [cipher, o.plainDb, dir])) as Desk);
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const head = (label: string, cells: string[]) => console.log(`${label.padEnd(32)} ${cells.map((c) => c.padEnd(18)).join(' ')}`);
  head('', [...CIPHERS].map((c) => (c === 'sqlcipher' ? 'sqlcipher (app)' : c)));
  const metric = (label: string, pick: (d: Desk) => number) => {
    const none = median(results.get('ninguno')!.map(pick));
    head(
      label,
      CIPHERS.map((c) => {
        const v = median(results.get(c)!.map(pick));
        return c === 'ninguno' ? ms(v) : `${ms(v)} (${(v / none).toFixed(2)}×)`;
      }),
    );
  };
  metric('    búsqueda por cédula p50', (d) => d.byId.p50);
  metric('    búsqueda por cédula p99', (d) => d.byId.p99);
  metric('    búsqueda por nombre p50', (d) => d.byName.p50);
  metric('    búsqueda por nombre p99', (d) => d.byName.p99);
  metric('    guardar acta p50', (d) => d.saves.p50);
  metric('    guardar acta p99', (d) => d.saves.p99);
}

export async function encryptionBench(o: { base: string; work: string; rows: number; runs: number }): Promise<void> {
  console.log(
    `\n(i) Costo del cifrado en reposo: base plana y base cifrada, cada una en un proceso nuevo (mediana de ${o.runs} corridas alternadas; entre paréntesis, mínimo–máximo)`,
  );
  const runs: { plain: Side[]; encrypted: Side[] } = { plain: [], encrypted: [] };
  let plainDb = '';
  for (let i = 0; i < o.runs; i++) {
    const order = i % 2 === 0 ? (['plana', 'cifrada'] as const) : (['cifrada', 'plana'] as const);
    for (const mode of order) {
      const dir = join(o.work, `cifrado-${mode}-${i}`);
      mkdirSync(dir, { recursive: true });
      const db = join(dir, 'recupera.sqlite');
      const side = JSON.parse(await child('test/bench/encryptionChild.ts', [mode, o.base, db])) as Side;
      (mode === 'plana' ? runs.plain : runs.encrypted).push(side);
      // One plain base is kept for the comparison of ciphers; the others go (a million rows each).
      if (mode === 'plana' && !plainDb) plainDb = db;
      else rmSync(dir, { recursive: true, force: true });
    }
  }
  const last = runs.encrypted[runs.encrypted.length - 1]!;
  const mb = FILE_MIB * 1.048576;
  row('', 'plana', 'cifrada', 'cifrada/plana', `objetivo ≤ ${Math.round((GOAL - 1) * 100)} % más lento`);
  timeRow(`  importar-base (${o.rows.toLocaleString('es-EC')} filas)`, runs, (s) => s.importSeconds, (v) => `${v.toFixed(2)} s`);
  rateRow('    filas por segundo', runs, (s) => s.importSeconds, last.rows, 'filas/s');
  timeRow('  búsqueda por cédula p50', runs, (s) => s.byId.p50, ms);
  timeRow('  búsqueda por cédula p99', runs, (s) => s.byId.p99, ms);
  timeRow('  búsqueda por nombre p50', runs, (s) => s.byName.p50, ms);
  timeRow('  búsqueda por nombre p99', runs, (s) => s.byName.p99, ms);
  timeRow('  guardar acta p50', runs, (s) => s.saves.p50, ms);
  timeRow('  guardar acta p99', runs, (s) => s.saves.p99, ms);
  rateRow(`  documento ${FILE_MIB} MiB: guardar (sellar)`, runs, (s) => s.fileWriteMs / 1000, mb, 'MB/s');
  timeRow('    en milisegundos', runs, (s) => s.fileWriteMs, ms);
  rateRow(`  documento ${FILE_MIB} MiB: leer (abrir sello)`, runs, (s) => s.fileReadMs / 1000, mb, 'MB/s');
  timeRow('    en milisegundos', runs, (s) => s.fileReadMs, ms);
  console.log(
    `  (${last.byId.n} búsquedas por cédula y ${last.byName.n} por nombre con el handler del mostrador, en una conexión recién abierta; ` +
      `${last.saves.n} actas guardadas con el de Guardar, sin PDF; ${last.byId.found}/${last.byId.n} y ${last.byName.found}/${last.byName.n} con resultado)`,
  );
  await cipherComparison({ plainDb, work: o.work, runs: o.runs });
}
