import { useEffect, useState } from 'react';
import { deadlineText, progressReport, type ProgressReport } from '../../../../shared/contracts/progress';
import { formatDate, formatDateTime, localDay, parseDayFirstDate } from '../../../../shared/dates';
import { formatUsd } from '../../../../shared/money';
import type { AppError } from '../../../../shared/result';
import { invoke } from '../../api/client';
import { ErrorBox, Field } from '../../components/common';
import { ActasByDay, ActasByStation, ItemsByType, ValueByLine } from './ProgressCharts';
import './progress.css';

/** A typed day (dd/mm/aaaa) as the contract's ISO day; '' is "no bound", null is not a date. */
function dayOf(text: string): string | null | '' {
  const t = text.trim();
  if (t === '') return '';
  return parseDayFirstDate(t);
}

function Deadline({ report }: { report: ProgressReport }) {
  const { daysLeft, date } = report.deadline;
  const past = daysLeft < 0;
  return (
    <p className={past ? 'alert alert-error progress-deadline' : daysLeft <= 7 ? 'alert alert-warn progress-deadline' : 'alert alert-ok progress-deadline'}>
      <strong>{deadlineText(daysLeft)}</strong> (fecha límite de la campaña: {formatDate(date)}).
    </p>
  );
}

function Summary({ report }: { report: ProgressReport }) {
  const s = report.campaign.services;
  const v = report.campaign.value;
  const a = report.activity;
  return (
    <section className="panel" aria-labelledby="progress-state">
      <h2 id="progress-state">Estado de la base</h2>
      <dl className="counts">
        <div className="count">
          <dt>Servicios</dt>
          <dd>{s.total}</dd>
        </div>
        <div className="count good">
          <dt>Entregados</dt>
          <dd>{s.delivered}</dd>
        </div>
        <div className="count warn">
          <dt>Entrega parcial</dt>
          <dd>{s.partial}</dd>
        </div>
        <div className="count bad">
          <dt>Pendientes</dt>
          <dd>{s.pending}</dd>
        </div>
        <div className="count info">
          <dt>Con respaldo</dt>
          <dd>{s.inReview + s.regularized + s.rejected}</dd>
        </div>
        <div className="count good">
          <dt>Valor recuperado</dt>
          <dd>{formatUsd(v.recoveredCents)}</dd>
        </div>
        <div className="count bad">
          <dt>Valor por recuperar</dt>
          <dd>{formatUsd(v.owedCents)}</dd>
        </div>
      </dl>
      <p className="muted">
        Con respaldo: {s.inReview} en revisión ({formatUsd(v.inReviewCents)}), {s.regularized} regularizados ({formatUsd(v.regularizedCents)}), {s.rejected} rechazados. Valor total
        de la base: {formatUsd(v.totalCents)}.
      </p>
      <h2>Actas del período</h2>
      <dl className="counts">
        <div className="count">
          <dt>Actas</dt>
          <dd>{a.actas}</dd>
        </div>
        <div className="count">
          <dt>Equipos recibidos</dt>
          <dd>{a.items}</dd>
        </div>
        <div className="count good">
          <dt>Valor recibido</dt>
          <dd>{formatUsd(a.valueCents)}</dd>
        </div>
        <div className="count">
          <dt>Anuladas</dt>
          <dd>{a.voided}</dd>
        </div>
      </dl>
      {a.unlisted > 0 && (
        <p className="muted">
          {a.unlisted === 1 ? '1 de los equipos recibidos no constaba' : `${a.unlisted.toLocaleString('es-EC')} de los equipos recibidos no constaban`} en la
          base: {a.unlisted === 1 ? 'cuenta' : 'cuentan'} al precio de su tipo de equipo, o sin valor si el tipo no tiene precio.
        </p>
      )}
    </section>
  );
}

/** Avance: how the campaign is going, for coordinators (their station) and Posventa (every station). */
export function Progress() {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [station, setStation] = useState('');
  const [report, setReport] = useState<ProgressReport | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const fromDay = dayOf(from);
  const toDay = dayOf(to);
  // A period that ends before it starts has no actas: said at the box, and the figures shown stay
  // those of the last good period (under their own dates), not a report of nothing.
  const today = localDay(new Date().toISOString()) ?? '';
  const rangeProblem =
    fromDay && fromDay > (toDay || today) ? (toDay ? 'La fecha «desde» no puede ser posterior a «hasta».' : 'La fecha «desde» no puede ser posterior a hoy.') : undefined;

  useEffect(() => {
    if (fromDay === null || toDay === null || rangeProblem) return;
    let live = true;
    void invoke(progressReport, { ...(fromDay ? { from: fromDay } : {}), ...(toDay ? { to: toDay } : {}), ...(station ? { station } : {}) }).then((r) => {
      if (!live) return;
      if (r.ok) {
        setReport(r.value);
        setError(null);
      } else setError(r.error);
    });
    return () => {
      live = false;
    };
  }, [fromDay, toDay, station, rangeProblem]);

  const where = report?.scope.station ? `Estación ${report.scope.station}` : 'Todas las estaciones';
  return (
    <div className="page progress-page">
      <div className="progress-head">
        <h1>Avance de la campaña</h1>
        <button type="button" className="btn progress-print" onClick={() => window.print()} disabled={!report}>
          Imprimir
        </button>
      </div>
      {report && (
        <p className="muted">
          {where} · al {formatDate(report.today)} · generado el {formatDateTime(report.generatedAt)}
          {report.period.from || report.period.to ? ` · actas del ${formatDate(report.period.from) || 'inicio'} al ${formatDate(report.period.to) || formatDate(report.today)}` : ''}
        </p>
      )}
      <div className="row panel progress-filters">
        <Field label="Desde (dd/mm/aaaa)" error={fromDay === null ? 'Escriba la fecha como dd/mm/aaaa.' : rangeProblem}>
          {(id, describedBy) => (
            <input id={id} value={from} inputMode="numeric" aria-describedby={describedBy} aria-invalid={fromDay === null || !!rangeProblem} onChange={(e) => setFrom(e.target.value)} />
          )}
        </Field>
        <Field label="Hasta (dd/mm/aaaa)" error={toDay === null ? 'Escriba la fecha como dd/mm/aaaa.' : undefined}>
          {(id, describedBy) => <input id={id} value={to} inputMode="numeric" aria-describedby={describedBy} aria-invalid={toDay === null} onChange={(e) => setTo(e.target.value)} />}
        </Field>
        {report?.scope.national && (
          <Field label="Estación">
            {(id) => (
              <select id={id} value={station} onChange={(e) => setStation(e.target.value)}>
                <option value="">Todas las estaciones</option>
                {report.stations.map((s) => (
                  <option key={s.code} value={s.code}>
                    {s.code} — {s.office ?? ''}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
      </div>
      <ErrorBox error={error} />
      {!report && !error && <p className="muted">Calculando el avance…</p>}
      {report && (
        <>
          <Deadline report={report} />
          <Summary report={report} />
          <ValueByLine report={report} />
          <ItemsByType report={report} />
          <ActasByDay report={report} />
          <ActasByStation report={report} />
        </>
      )}
    </div>
  );
}
