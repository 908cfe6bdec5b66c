import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { APP_CIPHER } from '../../electron/db/encryption';
import { CIPHERS, type Cipher, type Latency } from './encryptionDesk';
import { measure } from './measure';

/**
 * Section (i): what encryption at rest costs, plain next to encrypted with the data key.
 *  - The base import: each side in a fresh process on a new database (encryptionChild.ts), the runs
 *    alternating which side goes first.
 *  - Lookups, acta saves, every page read, a 5 MiB document kept: in a fresh process per run on
 *    copies of one plain imported base, one encrypted as the app does it (cipherChild.ts), all
 *    served one call each in turn, so whatever else the machine does falls on both alike. The
 *    other ciphers the driver offers go through the same run, for a change of cipher to be weighed
 *    with figures (`BENCH_CIPHERS=ninguno,aegis` leaves them out).
 * Every figure is the median of the runs, with the runs' range beside it.
 */

interface DeskFigures {
  byId: Latency;
  byName: Latency;
  saves: Latency;
  fullReadMs: number;
}

interface DeskRun {
  pages: number;
  ciphers: Partial<Record<Cipher, DeskFigures>>;
  files: { plainWrite: number; sealedWrite: number; plainRead: number; sealedRead: number };
}

interface ImportRun {
  importSeconds: number;
  rows: number;
}

/** The goal: encrypted at most 15 % slower than plain. */
const GOAL = 1.15;
const FILE_MIB = 5;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const judge = (ratio: number) => (ratio <= GOAL ? 'CUMPLE' : 'NO CUMPLE');
const ms = (v: number) => `${v.toFixed(2)} ms`;

function row(label: string, plain: string, encrypted: string, ratio: string, verdict: string): void {
  console.log(`${label.padEnd(38)} ${plain.padEnd(28)} ${encrypted.padEnd(28)} ${ratio.padEnd(14)} ${verdict}`);
}

/** A row of the table: the median and range of each side, their ratio (higher is slower) and the verdict. */
function compare(label: string, plain: number[], encrypted: number[], show: (v: number) => string, asRate?: { amount: number; unit: string }): void {
  const fmt = (v: number) => {
    if (!asRate) return show(v);
    const rate = asRate.amount / v;
    return `${rate >= 100 ? rate.toFixed(0) : rate.toFixed(1)}`;
  };
  const cell = (xs: number[]) => {
    const [lo, hi] = asRate ? [Math.max(...xs), Math.min(...xs)] : [Math.min(...xs), Math.max(...xs)];
    return `${fmt(median(xs))}${asRate ? ` ${asRate.unit}` : ''}${xs.length > 1 ? ` (${fmt(lo)}–${fmt(hi)})` : ''}`;
  };
  const ratio = median(encrypted) / median(plain);
  row(label, cell(plain), cell(encrypted), `${ratio.toFixed(2)}×`, judge(ratio));
}

async function child<T>(script: string, args: string[]): Promise<T> {
  const m = await measure(process.execPath, ['--import', 'tsx', script, ...args]);
  if (m.code !== 0) throw new Error(`${script} failed`);
  return JSON.parse(m.stdout) as T;
}

function chosenCiphers(): Cipher[] {
  const asked = process.env.BENCH_CIPHERS?.split(',').map((c) => c.trim().toLowerCase());
  // The plain base and the app's cipher are the table itself: always there.
  return CIPHERS.filter((c) => c === 'ninguno' || c === APP_CIPHER || !asked || asked.includes(c));
}

function cipherTable(desk: DeskRun[], ciphers: Cipher[]): void {
  console.log(`\n  Otros cifrados de better-sqlite3-multiple-ciphers (mismas consultas, en turno con los de arriba; entre paréntesis, veces la base sin cifrar)`);
  const line = (label: string, cells: string[]) => console.log(`${label.padEnd(32)} ${cells.map((c) => c.padEnd(20)).join(' ')}`);
  line('', ciphers.map((c) => (c === APP_CIPHER ? `${c} (la app)` : c)));
  const metric = (label: string, pick: (d: DeskFigures) => number) => {
    const of = (c: Cipher) => median(desk.map((r) => pick(r.ciphers[c]!)));
    const none = of('ninguno');
    line(label, ciphers.map((c) => (c === 'ninguno' ? ms(of(c)) : `${ms(of(c))} (${(of(c) / none).toFixed(2)}×)`)));
  };
  metric('    búsqueda por cédula p50', (d) => d.byId.p50);
  metric('    búsqueda por cédula p99', (d) => d.byId.p99);
  metric('    búsqueda por nombre p50', (d) => d.byName.p50);
  metric('    búsqueda por nombre p99', (d) => d.byName.p99);
  metric('    guardar acta p50', (d) => d.saves.p50);
  metric('    guardar acta p99', (d) => d.saves.p99);
  metric('    leer todas las páginas', (d) => d.fullReadMs);
}

export async function encryptionBench(o: { base: string; work: string; rows: number; runs: number }): Promise<void> {
  console.log(`\n(i) Costo del cifrado en reposo, base plana y base cifrada (mediana de ${o.runs} corridas; entre paréntesis, mínimo–máximo)`);
  const imports: { plain: ImportRun[]; encrypted: ImportRun[] } = { plain: [], encrypted: [] };
  let plainDb = '';
  for (let i = 0; i < o.runs; i++) {
    const order = i % 2 === 0 ? (['plana', 'cifrada'] as const) : (['cifrada', 'plana'] as const);
    for (const mode of order) {
      const dir = join(o.work, `cifrado-${mode}-${i}`);
      mkdirSync(dir, { recursive: true });
      const db = join(dir, 'recupera.sqlite');
      (mode === 'plana' ? imports.plain : imports.encrypted).push(await child<ImportRun>('test/bench/encryptionChild.ts', [mode, o.base, db]));
      // One plain base is kept for the desk's runs; the others go (a million rows each).
      if (mode === 'plana' && !plainDb) plainDb = db;
      else rmSync(dir, { recursive: true, force: true });
    }
  }
  const ciphers = chosenCiphers();
  const desk: DeskRun[] = [];
  for (let i = 0; i < o.runs; i++) {
    const dir = join(o.work, `cifrados-${i}`);
    mkdirSync(dir, { recursive: true });
    desk.push(await child<DeskRun>('test/bench/cipherChild.ts', [plainDb, dir, ...ciphers]));
    rmSync(dir, { recursive: true, force: true });
  }

  const plain = (pick: (d: DeskFigures) => number) => desk.map((r) => pick(r.ciphers.ninguno!));
  const encrypted = (pick: (d: DeskFigures) => number) => desk.map((r) => pick(r.ciphers[APP_CIPHER]!));
  const rows = imports.plain[0]!.rows;
  const mb = FILE_MIB * 1.048576;
  row('', 'plana', 'cifrada (AEGIS-256)', 'cifrada/plana', `objetivo ≤ ${Math.round((GOAL - 1) * 100)} % más lento`);
  const secs = (v: number) => `${v.toFixed(2)} s`;
  compare(`  importar-base (${rows.toLocaleString('es-EC')} filas)`, imports.plain.map((r) => r.importSeconds), imports.encrypted.map((r) => r.importSeconds), secs);
  compare('    filas por segundo', imports.plain.map((r) => r.importSeconds), imports.encrypted.map((r) => r.importSeconds), secs, { amount: rows, unit: 'filas/s' });
  compare('  búsqueda por cédula p50', plain((d) => d.byId.p50), encrypted((d) => d.byId.p50), ms);
  compare('  búsqueda por cédula p99', plain((d) => d.byId.p99), encrypted((d) => d.byId.p99), ms);
  compare('  búsqueda por nombre p50', plain((d) => d.byName.p50), encrypted((d) => d.byName.p50), ms);
  compare('  búsqueda por nombre p99', plain((d) => d.byName.p99), encrypted((d) => d.byName.p99), ms);
  compare('  guardar acta p50', plain((d) => d.saves.p50), encrypted((d) => d.saves.p50), ms);
  compare('  guardar acta p99', plain((d) => d.saves.p99), encrypted((d) => d.saves.p99), ms);
  compare(`  leer las ${desk[0]!.pages.toLocaleString('es-EC')} páginas sin caché`, plain((d) => d.fullReadMs), encrypted((d) => d.fullReadMs), ms);
  const files = (pick: (f: DeskRun['files']) => number) => desk.map((r) => pick(r.files) / 1000);
  compare(`  documento de ${FILE_MIB} MiB: guardar`, files((f) => f.plainWrite), files((f) => f.sealedWrite), secs, { amount: mb, unit: 'MB/s' });
  compare(`  documento de ${FILE_MIB} MiB: leer`, files((f) => f.plainRead), files((f) => f.sealedRead), secs, { amount: mb, unit: 'MB/s' });
  const n = desk[0]!.ciphers.ninguno!;
  console.log(
    `  (importación: un proceso nuevo por lado; lo demás: copias de una misma base importada abiertas en un proceso nuevo por corrida, ` +
      `${n.byId.n} búsquedas por cédula y ${n.byName.n} por nombre con el handler del mostrador y ${n.saves.n} actas con el de Guardar, sin PDF, ` +
      `una llamada a cada base por turno; páginas: PRAGMA quick_check en una conexión nueva, la mejor de 3; documento: copiado tal cual / sellado)`,
  );
  if (ciphers.length > 2) cipherTable(desk, ciphers);
}
