import { CONFLICT_DECISIONS, conflictsList, conflictsResolve, type ConflictDecision, type ConflictView, type ResolveConflictInput } from '../../shared/contracts/conflicts';
import { conflictKindLabel, decisionLabel, decisionsFor } from '../../shared/conflicts';
import { formatDateTime } from '../../shared/dates';
import { closeServices } from '../app/services';
import { call } from '../handlers/call';
import { args, context, EXIT, need, UsageError } from './cliArgs';

type Out = (s: string) => void;

/** `una-acta` ↔ `UNA_ACTA`: decisions as typed on the command line. */
export function decisionArg(d: ConflictDecision): string {
  return d.toLowerCase().replace(/_/g, '-');
}

function decisionFromArg(arg: string): ConflictDecision {
  const d = CONFLICT_DECISIONS.find((x) => x === arg.trim().toUpperCase().replace(/-/g, '_'));
  if (!d) throw new UsageError(`--decision debe ser una de: ${CONFLICT_DECISIONS.map(decisionArg).join(', ')}.`);
  return d;
}

/** `conflictos --db DB [--json] [--todos]`: open conflicts (and, with --todos, the resolved ones). */
export async function conflictsCmd(argv: string[], out: Out, err: Out): Promise<number> {
  const a = args(argv, { db: { type: 'string' }, json: { type: 'boolean' }, todos: { type: 'boolean' } });
  const ctx = context(need(a.values.db, 'db'));
  try {
    const r = await call(ctx, conflictsList, { all: !!a.values.todos });
    if (!r.ok) {
      err(r.error.message);
      return EXIT.refused;
    }
    if (a.values.json) {
      out(JSON.stringify({ conflicts: r.value.conflicts }));
      return EXIT.ok;
    }
    if (r.value.conflicts.length === 0) out(a.values.todos ? 'No hay conflictos.' : 'No hay conflictos abiertos.');
    for (const c of r.value.conflicts) printConflict(c, out);
    return EXIT.ok;
  } finally {
    await closeServices(ctx.app);
  }
}

function printConflict(c: ConflictView, out: Out): void {
  out(`${c.id}  [${c.kind}] ${conflictKindLabel(c.kind)} · ${formatDateTime(c.createdAt)}`);
  out(`  ${c.detail}`);
  if (c.resolution) {
    const r = c.resolution;
    out(`  RESUELTO: ${decisionLabel(r.decision)} · ${r.by} · ${formatDateTime(r.at)} · motivo: ${r.reason}`);
    return;
  }
  for (const acta of c.choices.actas) out(`  acta ${acta.number} (${acta.station}) · ${acta.holder}`);
  for (const s of c.choices.stations) out(`  estación ${s.id} · ${s.code} · ${s.office ?? 'oficina desconocida'}`);
  out(`  decisiones: ${decisionsFor(c.kind).map(decisionArg).join(', ')}`);
}

/** `resolver-conflicto ID --decision D --motivo TEXTO --db DB [--json]` and the decision's own options. */
export async function resolveConflictCmd(argv: string[], out: Out, err: Out): Promise<number> {
  const a = args(argv, {
    db: { type: 'string' },
    json: { type: 'boolean' },
    decision: { type: 'string' },
    motivo: { type: 'string' },
    acta: { type: 'string' },
    servicio: { type: 'string' },
    'estacion-id': { type: 'string' },
    codigo: { type: 'string' },
  });
  const id = a.positionals[0];
  if (!id) throw new UsageError('Indique el conflicto a resolver (su id, como lo muestra «conflictos»).');
  const v = a.values;
  const common = { id, reason: need(v.motivo, 'motivo') };
  const decision = decisionFromArg(need(v.decision, 'decision'));
  let input: ResolveConflictInput;
  switch (decision) {
    case 'UNA_ACTA':
      input = { ...common, decision, acta: need(v.acta, 'acta') };
      break;
    case 'VINCULAR':
      input = { ...common, decision, serviceNumber: need(v.servicio, 'servicio') };
      break;
    case 'RENOMBRAR':
      input = { ...common, decision, stationId: need(v['estacion-id'], 'estacion-id'), newCode: need(v.codigo, 'codigo') };
      break;
    case 'AMBAS':
    case 'RENUMERAR':
    case 'MANTENER':
      input = { ...common, decision };
      break;
    default:
      return decision satisfies never;
  }
  const ctx = context(need(v.db, 'db'));
  try {
    const r = await call(ctx, conflictsResolve, input);
    if (!r.ok) {
      err(r.error.message);
      return EXIT.refused;
    }
    if (v.json) out(JSON.stringify(r.value));
    else {
      out(`Conflicto ${r.value.id} resuelto: ${decisionLabel(decision)}.`);
      const d = r.value.resolution?.detail ?? {};
      if (typeof d.newNumber === 'string') out(`El acta apartada quedó registrada como ${d.newNumber} (número impreso ${String(d.originalNumber)}).`);
      if (typeof d.newCode === 'string') out(`La estación ${String(d.stationId)} usa ahora el código ${d.newCode}.`);
      if (typeof d.serviceNumber === 'string') out(`Los equipos quedaron en el servicio ${d.serviceNumber} de la base.`);
    }
    return EXIT.ok;
  } finally {
    await closeServices(ctx.app);
  }
}
