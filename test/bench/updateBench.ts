import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ApplyUpdateResult, PublishResult } from '../../shared/contracts/updates';
import { childArgs } from './children';
import { line, mb, measure, verdict, type Measured } from './measure';

const node = process.execPath;

async function child<T>(args: string[], what: string): Promise<{ m: Measured; result: T }> {
  const m = await measure(node, [...childArgs('updateChild'), ...args]);
  if (m.code !== 0) throw new Error(`${what} failed`);
  return { m, result: (JSON.parse(m.stdout) as { result: T }).result };
}

const figure = (m: Measured) => `${m.seconds.toFixed(1)} s, pico ${mb(m.peakBytes)}`;

/**
 * (h) National updates on the benchmark's central (the base of (a) with the actas consolidated in
 * (f)): a full update published, applied at an office that has never seen it and at one that
 * imported the same base itself, applied there again, and an incremental one after it while a
 * clerk saves actas at that office. Printed beside the base import and the consolidation of the
 * same data.
 */
export async function updateBench(o: { dbPath: string; base: string; work: string; rows: number; importing: Measured; consolidating: Measured }): Promise<void> {
  console.log(`\n(h) Actualización nacional: la base de ${o.rows.toLocaleString('es-EC')} filas y las actas consolidadas en (f)`);
  const fresh = join(o.work, 'oficina-nueva');
  const based = join(o.work, 'oficina-base');
  mkdirSync(fresh);
  mkdirSync(based);
  const freshDb = join(fresh, 'recupera.sqlite');
  const basedDb = join(based, 'recupera.sqlite');
  // The offices: one with nothing but the trusted central, one that imported the same workbook
  // (timed: the import baseline measured now, on the machine as it is during this section).
  const runs: Measured[] = [];
  for (const [args, what] of [
    [[...childArgs('updateChild'), 'confiar', freshDb, o.dbPath], 'new office'],
    [[...childArgs('importChild'), o.base, basedDb, 'oficina'], 'office import'],
    [[...childArgs('updateChild'), 'confiar', basedDb, o.dbPath], 'office trust'],
  ] as const) {
    const m = await measure(node, [...args]);
    if (m.code !== 0) throw new Error(`${what} failed`);
    runs.push(m);
  }
  const importing = runs[1]!;

  const pub = await child<PublishResult>(['publicar', o.dbPath], 'publicar');
  const c = pub.result.counts;
  line('  importar-base (a), mediana', figure(o.importing));
  line('  importar-base en la oficina (mismo libro, ahora)', figure(importing));
  line('  consolidación (f), primera', figure(o.consolidating));
  line('  publicar completa', figure(pub.m), `${c.customers} clientes, ${c.services} servicios, ${c.expectedItems} equipos, ${c.handovers} actas, ${c.items} entregados`);

  const first = await child<ApplyUpdateResult>(['actualizar', freshDb, pub.result.path], 'actualizar (nueva)');
  const f = first.result.changes;
  line('  actualizar completa: oficina sin base', figure(first.m), `${f.customersInserted} clientes, ${f.handoversInserted} actas nuevas, ${f.statuses} estados cambiados`);
  // Against the slower of the two imports' baselines would flatter the apply: the faster one is the goal's yardstick.
  const yardstick = o.importing.seconds < importing.seconds ? o.importing : importing;
  const ratio = first.m.seconds / yardstick.seconds;
  line('  actualizar completa / importar-base (la más rápida)', `${ratio.toFixed(2)}×`, `meta ≤ 1,5×  ${verdict(ratio <= 1.5)}`);
  line('  memoria actualizar / importar-base', `${(first.m.peakBytes / yardstick.peakBytes).toFixed(2)}×`);

  const same = await child<ApplyUpdateResult>(['actualizar', basedDb, pub.result.path], 'actualizar (base)');
  const s = same.result.changes;
  line('  actualizar completa: oficina con la misma base', figure(same.m), `${s.customersInserted} clientes nuevos, ${s.customersUpdated} cambiados, ${s.handoversInserted} actas nuevas`);
  const again = await child<ApplyUpdateResult>(['actualizar', basedDb, pub.result.path], 'actualizar (otra vez)');
  line('  la misma actualización otra vez', figure(again.m), again.result.alreadyApplied ? 'ya aplicada: nada cambió' : 'NO la reconoció como aplicada');

  const inc = await child<PublishResult>(['publicar', o.dbPath, String(pub.result.seq)], 'publicar incremental');
  const ic = inc.result.counts;
  // Everything here is younger than the incremental's margin (an hour), so it carries it all again: the worst case of an incremental.
  line(`  publicar incremental desde la N.º ${pub.result.seq}`, figure(inc.m), `${ic.customers} clientes, ${ic.handovers} actas (margen de 1 h: todo)`);
  // Applied with a clerk saving actas meanwhile (one every 20 ms), as at an office that does not stop for Posventa's update.
  const desk = await measure(node, [...childArgs('deskChild'), 'actualizar', basedDb, inc.result.path]);
  if (desk.code !== 0) throw new Error('actualizar incremental failed');
  const r = JSON.parse(desk.stdout) as DeskRun;
  line('  actualizar incremental: oficina con la base', `${r.jobSeconds.toFixed(1)} s, pico ${mb(desk.peakBytes)}`, 'con una asesora guardando actas a la vez');
  line(
    '    guardados en el mostrador mientras tanto',
    `${r.saves} guardados, ${r.failures} fallidos`,
    `meta 0 fallidos  ${verdict(r.saves > 0 && r.failures === 0)}  (p50 ${r.p50.toFixed(0)} ms, máx ${r.max.toFixed(0)} ms)${r.firstFailure ? ` (${r.firstFailure})` : ''}`,
  );
}

interface DeskRun {
  jobSeconds: number;
  saves: number;
  failures: number;
  firstFailure: string | null;
  p50: number;
  max: number;
}
