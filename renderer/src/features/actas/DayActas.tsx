import { useEffect, useState } from 'react';
import { handoversList, type ActaSummary } from '../../../../shared/contracts/handovers';
import type { AppError } from '../../../../shared/result';
import { foldKey } from '../../../../shared/text';
import { invoke } from '../../api/client';
import { ErrorBox, Field } from '../../components/common';
import { DateField } from '../../components/DateField';
import { VerifyActa } from './VerifyActa';
import { ActaTable } from './ActaTable';
import { useAttend } from '../handover/store';

function today(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** Actas del día: this station's actas of a day or range, and the count of items received by type. */
export function DayActas() {
  const showActa = useAttend((s) => s.showActa);
  const [from, setFrom] = useState(today());
  const [to, setTo] = useState(today());
  const [filter, setFilter] = useState('');
  const [data, setData] = useState<{ actas: ActaSummary[]; byType: Array<{ type: string; count: number }> } | null>(null);
  const [error, setError] = useState<AppError | null>(null);

  useEffect(() => {
    void invoke(handoversList, { from, to, includeVoided: true }).then((r) => (r.ok ? setData(r.value) : setError(r.error)));
  }, [from, to]);

  // Folded as the search box folds names: "villacis" finds "Villacís", "pena" finds "Peña".
  const f = foldKey(filter);
  const actas = (data?.actas ?? []).filter((a) => !f || [a.number, a.holderName, a.holderIdentification ?? ''].some((v) => foldKey(v).includes(f)));
  return (
    <div className="page">
      <h1>Actas de la estación</h1>
      <ErrorBox error={error} />
      <div className="row panel">
        <DateField label="Desde" value={from} onChange={setFrom} />
        <DateField label="Hasta" value={to} onChange={setTo} />
        <Field label="Filtrar por número, nombre o cédula">{(id) => <input id={id} value={filter} onChange={(e) => setFilter(e.target.value)} />}</Field>
      </div>
      <section className="panel">
        <h2>Equipos recibidos por tipo (sin actas anuladas)</h2>
        {data && data.byType.length === 0 && <p className="muted">No hay equipos recibidos en el período.</p>}
        <dl className="counts">
          {data?.byType.map((t) => (
            <div key={t.type} className="count">
              <dt>{t.type}</dt>
              <dd>{t.count}</dd>
            </div>
          ))}
        </dl>
      </section>
      <VerifyActa onOpen={showActa} />
      <ActaTable actas={actas} showHolder />
    </div>
  );
}
