import type { CloseLine, CloseTotals } from '../../../../shared/contracts/dailyClose';
import { discrepancy, discrepancyText, kindLabel, laterChangeText, lineKey } from '../../../../shared/dailyClose';

/** A count as typed: '' is "not counted yet"; anything else must be a whole number. */
export function countOf(text: string): number | null | 'invalid' {
  const t = text.trim();
  if (t === '') return null;
  return /^\d{1,6}$/.test(t) ? Number(t) : 'invalid';
}

/**
 * The close's lines: the actas' figure, the count (a number box per line, named for the clerk and
 * the item), and the discrepancy in words with a ≠ mark, so it never rests on colour alone.
 */
export function CloseLines(props: {
  lines: CloseLine[];
  totals: CloseTotals;
  signed: boolean;
  editable: boolean;
  typed: Record<string, string>;
  onType: (key: string, text: string) => void;
}) {
  const { lines, totals, signed, editable, typed, onType } = props;
  if (lines.length === 0) return <p className="muted">No hubo actas este día: no hay equipos que contar.</p>;
  return (
    <table className="table close-table">
      <caption className="sr-only">Líneas del cierre: según actas, contado y diferencia</caption>
      <thead>
        <tr>
          <th scope="col">Asesor</th>
          <th scope="col">Clase</th>
          <th scope="col">Tipo</th>
          <th scope="col" className="num">
            Según actas
          </th>
          <th scope="col" className="num">
            Contado
          </th>
          <th scope="col">Diferencia</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((l) => {
          const key = lineKey(l);
          const text = typed[key] ?? (l.counted === null ? '' : String(l.counted));
          const parsed = countOf(text);
          const shown = { ...l, counted: parsed === 'invalid' ? null : parsed };
          const d = discrepancy(shown);
          const later = signed ? laterChangeText(l) : null;
          const off = d !== null && d !== 0;
          return (
            <tr key={key} className={off ? 'close-off' : undefined}>
              <td>{l.clerkName}</td>
              <td>{kindLabel(l.kind)}</td>
              <td>{l.label}</td>
              <td className="num">{l.recorded}</td>
              <td className="num">
                {editable ? (
                  <input
                    className="close-count"
                    inputMode="numeric"
                    aria-label={`Contado: ${l.label} de ${l.clerkName}`}
                    aria-invalid={parsed === 'invalid' || undefined}
                    value={text}
                    onChange={(e) => onType(key, e.target.value)}
                  />
                ) : (
                  (l.counted ?? '—')
                )}
              </td>
              <td>
                {parsed === 'invalid' ? (
                  <span className="field-error">Escriba un número entero de 0 o más.</span>
                ) : (
                  <span className={off ? 'close-diff' : undefined}>
                    {off && <span aria-hidden="true">≠ </span>}
                    {discrepancyText(d)}
                  </span>
                )}
                {later && <span className="badge tone-partial close-later">{later}</span>}
              </td>
            </tr>
          );
        })}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row" colSpan={3}>
            Total
          </th>
          <td className="num">{totals.recorded}</td>
          <td className="num">{totals.counted}</td>
          <td>
            {totals.discrepancies === 0 ? 'Sin diferencias' : `${totals.discrepancies} ${totals.discrepancies === 1 ? 'línea con diferencia' : 'líneas con diferencia'}`}
            {totals.uncounted > 0 && ` · ${totals.uncounted} sin contar`}
          </td>
        </tr>
      </tfoot>
    </table>
  );
}
