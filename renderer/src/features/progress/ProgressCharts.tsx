import { useId, type ReactElement, type ReactNode } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ProgressReport } from '../../../../shared/contracts/progress';
import { formatDate } from '../../../../shared/dates';
import { cents, formatUsd } from '../../../../shared/money';

/**
 * The Avance charts. Each has a heading, a spoken summary (the drawing is role="img" with an
 * aria-label) and the table of its numbers under it: the table is what a screen reader, a
 * keyboard and the printout rely on; the drawing only helps the eye.
 */

// Colours with enough contrast on white, the same meaning everywhere (recovered green, owed red).
const GREEN = '#1f7a3f';
const RED = '#b42318';
const BLUE = '#1d4ed8';
const GREY = '#6b7280';

const ACTAS_AND_ITEMS: BarSpec[] = [
  { key: 'actas', name: 'Actas', fill: BLUE },
  { key: 'equipos', name: 'Equipos', fill: GREY },
];

const usd = (n: number) => formatUsd(cents(n));
const dollars = (n: number) => usd(Math.round(n));

interface BarSpec {
  key: string;
  name: string;
  fill: string;
}

/**
 * The bar chart every Avance section draws: same grid, legend and no animation (the printout must
 * show the bars). A plain function, not a component: ResponsiveContainer sizes its direct child,
 * which must stay the BarChart itself.
 */
function barChart<T extends object>(
  data: T[],
  bars: BarSpec[],
  o: { money?: boolean; xAxis?: { interval?: number; minTickGap?: number }; categoriesDown?: boolean } = {},
): ReactElement {
  if (o.categoriesDown) {
    // Category names down the side: equipment types (DECODIFICADOR, TARJETA INTELIGENTE…) do not
    // fit side by side under a half-width chart at 1366 px.
    return (
      <BarChart data={data} layout="vertical" margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis type="number" allowDecimals={false} />
        <YAxis type="category" dataKey="name" width={150} interval={0} />
        <Tooltip />
        <Legend />
        {bars.map((b) => (
          <Bar key={b.key} dataKey={b.key} name={b.name} fill={b.fill} isAnimationActive={false} />
        ))}
      </BarChart>
    );
  }
  return (
    <BarChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: o.money ? 24 : 8 }}>
      <CartesianGrid strokeDasharray="3 3" />
      <XAxis dataKey="name" {...o.xAxis} />
      {o.money ? <YAxis tickFormatter={dollars} width={90} /> : <YAxis allowDecimals={false} />}
      {o.money ? <Tooltip formatter={(v) => usd(Number(v))} /> : <Tooltip />}
      <Legend />
      {bars.map((b) => (
        <Bar key={b.key} dataKey={b.key} name={b.name} fill={b.fill} isAnimationActive={false} />
      ))}
    </BarChart>
  );
}

function ChartSection(props: { title: string; summary: string; children: ReactElement; table: ReactNode; height?: number }) {
  const id = useId();
  return (
    <section className="panel progress-chart" aria-labelledby={id}>
      <h2 id={id}>{props.title}</h2>
      <div className="progress-drawing" role="img" aria-label={props.summary}>
        <ResponsiveContainer width="100%" height={props.height ?? 240}>
          {props.children}
        </ResponsiveContainer>
      </div>
      {props.table}
    </section>
  );
}

export function ValueByLine({ report }: { report: ProgressReport }) {
  const data = report.byLine.map((l) => ({
    name: l.line ?? 'Sin línea',
    recuperado: l.value.recoveredCents,
    porRecuperar: l.value.owedCents,
    conRespaldo: l.value.inReviewCents + l.value.regularizedCents,
  }));
  const summary = data.map((d) => `${d.name}: recuperado ${usd(d.recuperado)}, por recuperar ${usd(d.porRecuperar)}`).join('; ');
  return (
    <ChartSection
      title="Valor recuperado y por recuperar, por línea de negocio"
      summary={summary || 'Sin servicios en la base.'}
      table={
        <table className="table compact">
          <caption className="sr-only">Servicios y valores por línea de negocio</caption>
          <thead>
            <tr>
              <th scope="col">Línea</th>
              <th scope="col" className="num">Servicios</th>
              <th scope="col" className="num">Entregados</th>
              <th scope="col" className="num">Parciales</th>
              <th scope="col" className="num">Pendientes</th>
              <th scope="col" className="num">Con respaldo</th>
              <th scope="col" className="num">Recuperado</th>
              <th scope="col" className="num">Por recuperar</th>
            </tr>
          </thead>
          <tbody>
            {report.byLine.map((l) => (
              <tr key={l.line ?? ''}>
                <th scope="row">{l.line ?? 'Sin línea'}</th>
                <td className="num">{l.services.total}</td>
                <td className="num">{l.services.delivered}</td>
                <td className="num">{l.services.partial}</td>
                <td className="num">{l.services.pending}</td>
                <td className="num">{l.services.inReview + l.services.regularized + l.services.rejected}</td>
                <td className="num">{formatUsd(l.value.recoveredCents)}</td>
                <td className="num">{formatUsd(l.value.owedCents)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      {barChart(
        data,
        [
          { key: 'recuperado', name: 'Recuperado', fill: GREEN },
          { key: 'porRecuperar', name: 'Por recuperar', fill: RED },
          { key: 'conRespaldo', name: 'Con respaldo', fill: BLUE },
        ],
        { money: true },
      )}
    </ChartSection>
  );
}

export function ItemsByType({ report }: { report: ProgressReport }) {
  const data = report.byType.map((t) => ({ name: t.type ?? 'Sin tipo', devueltos: t.items.returned, adeudados: t.items.owed }));
  const summary = data.map((d) => `${d.name}: ${d.devueltos} devueltos, ${d.adeudados} adeudados`).join('; ');
  return (
    <ChartSection
      title="Equipos por tipo"
      summary={summary || 'Sin equipos en la base.'}
      height={Math.max(240, 60 + 36 * data.length)}
      table={
        <table className="table compact">
          <caption className="sr-only">Equipos y valores por tipo</caption>
          <thead>
            <tr>
              <th scope="col">Tipo</th>
              <th scope="col" className="num">En la base</th>
              <th scope="col" className="num">Devueltos</th>
              <th scope="col" className="num">Adeudados</th>
              <th scope="col" className="num">Recuperado</th>
              <th scope="col" className="num">Por recuperar</th>
            </tr>
          </thead>
          <tbody>
            {report.byType.map((t) => (
              <tr key={t.type ?? ''}>
                <th scope="row">{t.type ?? 'Sin tipo'}</th>
                <td className="num">{t.items.expected}</td>
                <td className="num">{t.items.returned}</td>
                <td className="num">{t.items.owed}</td>
                <td className="num">{formatUsd(t.value.recoveredCents)}</td>
                <td className="num">{formatUsd(t.value.owedCents)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      {barChart(
        data,
        [
          { key: 'devueltos', name: 'Devueltos', fill: GREEN },
          { key: 'adeudados', name: 'Adeudados', fill: RED },
        ],
        { categoriesDown: true },
      )}
    </ChartSection>
  );
}

export function ActasByDay({ report }: { report: ProgressReport }) {
  const data = report.byDay.map((d) => ({ name: formatDate(d.day).slice(0, 5), actas: d.actas, equipos: d.items }));
  const busiest = [...report.byDay].sort((a, b) => b.actas - a.actas)[0];
  const summary =
    report.byDay.length === 0
      ? 'Sin actas en el período.'
      : `${report.activity.actas} actas y ${report.activity.items} equipos en ${report.byDay.length} días` +
        (busiest && busiest.actas > 0 ? `; el día con más actas fue el ${formatDate(busiest.day)} con ${busiest.actas}.` : '.');
  const shown = report.byDay.filter((d) => d.actas > 0 || d.items > 0);
  return (
    <ChartSection
      title="Actas y equipos por día"
      summary={summary}
      table={
        shown.length === 0 ? (
          <p className="muted">Sin actas en el período.</p>
        ) : (
          <table className="table compact">
            <caption className="sr-only">Actas, equipos y valor por día (solo los días con actas)</caption>
            <thead>
              <tr>
                <th scope="col">Día</th>
                <th scope="col" className="num">Actas</th>
                <th scope="col" className="num">Equipos</th>
                <th scope="col" className="num">Valor</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((d) => (
                <tr key={d.day}>
                  <th scope="row">{formatDate(d.day)}</th>
                  <td className="num">{d.actas}</td>
                  <td className="num">{d.items}</td>
                  <td className="num">{formatUsd(d.valueCents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      }
    >
      {barChart(data, ACTAS_AND_ITEMS, { xAxis: { minTickGap: 12 } })}
    </ChartSection>
  );
}

export function ActasByStation({ report }: { report: ProgressReport }) {
  const data = report.byStation.map((s) => ({ name: s.code, actas: s.actas, equipos: s.items }));
  const summary = data.map((d) => `${d.name}: ${d.actas} actas, ${d.equipos} equipos`).join('; ');
  return (
    <ChartSection
      title="Actas por estación"
      summary={summary || 'Sin estaciones.'}
      table={
        <table className="table compact">
          <caption className="sr-only">Actas, equipos y valor por estación</caption>
          <thead>
            <tr>
              <th scope="col">Estación</th>
              <th scope="col">Oficina</th>
              <th scope="col" className="num">Actas</th>
              <th scope="col" className="num">Equipos</th>
              <th scope="col" className="num">Valor</th>
            </tr>
          </thead>
          <tbody>
            {report.byStation.map((s) => (
              <tr key={s.code}>
                <th scope="row">{s.code}</th>
                <td>{s.office ?? ''}</td>
                <td className="num">{s.actas}</td>
                <td className="num">{s.items}</td>
                <td className="num">{formatUsd(s.valueCents)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      {barChart(data, ACTAS_AND_ITEMS)}
    </ChartSection>
  );
}
