import { escapeHtml } from './acta/template';
import type { CloseLine, DailyCloseView } from './contracts/dailyClose';
import { discrepancy, discrepancyText, kindLabel, laterChangeText } from './dailyClose';
import { formatDate, formatDateTime } from './dates';

/**
 * The printable cierre del día (A4): the office and day, one row per clerk and item with the actas'
 * figure, the count and the discrepancy in words, the totals, and the lines for the signatures.
 * The same HTML is the on-screen preview, the printout and the stored PDF.
 */

/** Inline in the HTML: the renderer's CSP allows exactly this text by its hash (electron/platform/csp.ts). */
export const DAILY_CLOSE_CSS = `
@page { size: A4; margin: 14mm; }
* { box-sizing: border-box; }
body { font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 9.5pt; color: #000; margin: 0; }
.head { display: flex; justify-content: space-between; border-bottom: 2px solid #000; padding-bottom: 4px; }
.org { font-size: 12pt; font-weight: 700; }
h1 { font-size: 13pt; text-align: center; margin: 8px 0 2px; }
.sub { text-align: center; margin: 0 0 8px; }
.state { border: 2px solid #000; padding: 2px 8px; font-weight: 700; white-space: nowrap; }
table { width: 100%; border-collapse: collapse; margin-top: 6px; }
th, td { border: 1px solid #000; padding: 2px 4px; text-align: left; vertical-align: top; }
th { background: #e6e6e6; }
.num { text-align: right; white-space: nowrap; }
.diff { font-weight: 700; }
tfoot td { font-weight: 700; }
.totals { margin-top: 8px; }
.signs { display: flex; justify-content: space-around; margin-top: 28mm; }
.sign { width: 70mm; border-top: 1px solid #000; text-align: center; padding-top: 3px; }
`;

function row(l: CloseLine, signed: boolean): string {
  const d = discrepancy(l);
  const later = signed ? laterChangeText(l) : null;
  const mark = d !== null && d !== 0 ? ' class="diff"' : '';
  return `<tr><td>${escapeHtml(l.clerkName)}</td><td>${kindLabel(l.kind)}</td><td>${escapeHtml(l.label)}</td>
<td class="num">${l.recorded}</td><td class="num">${l.counted ?? '—'}</td><td${mark}>${d !== null && d !== 0 ? '≠ ' : ''}${discrepancyText(d)}${later ? `; ${escapeHtml(later)}` : ''}</td></tr>`;
}

export function renderDailyCloseHtml(v: DailyCloseView, organisation = 'CNT EP'): string {
  const signed = v.status === 'FIRMADO';
  const t = v.totals;
  const state = signed ? `Firmado el ${escapeHtml(formatDateTime(v.signedAt!))} por ${escapeHtml(v.signedBy)}` : 'Borrador: sin firmar';
  const actas = v.clerks.reduce((n, c) => n + c.actas, 0);
  const rows = v.lines.length === 0 ? '<tr><td colspan="6">No hubo actas este día.</td></tr>' : v.lines.map((l) => row(l, signed)).join('\n');
  const later = signed && t.changedSinceSigned > 0 ? `<p><strong>Cambios después de firmar:</strong> ${t.changedSinceSigned} ${t.changedSinceSigned === 1 ? 'línea cambió' : 'líneas cambiaron'} (un acta anulada o registrada tarde).</p>` : '';
  return `<!doctype html><html lang="es-EC"><head><meta charset="utf-8"/><title>Cierre del día ${escapeHtml(formatDate(v.day))}</title><style>${DAILY_CLOSE_CSS}</style></head>
<body><div class="head"><div><div class="org">${escapeHtml(organisation)}</div><div>Corporación Nacional de Telecomunicaciones</div>
<div>${escapeHtml(v.office)} · Estación ${escapeHtml(v.station)}</div></div><div class="state">${state}</div></div>
<h1>CIERRE DEL DÍA</h1><p class="sub">Recuperación de equipos · ${escapeHtml(formatDate(v.day))} · ${actas} ${actas === 1 ? 'acta' : 'actas'}${v.voidedActas ? ` (${v.voidedActas} anulada${v.voidedActas === 1 ? '' : 's'}, no cuentan)` : ''}</p>
<table><thead><tr><th>Asesor</th><th>Clase</th><th>Tipo</th><th class="num">Según actas</th><th class="num">Contado</th><th>Diferencia</th></tr></thead>
<tbody>${rows}</tbody>
<tfoot><tr><td colspan="3">Total</td><td class="num">${t.recorded}</td><td class="num">${t.counted}</td><td>${t.discrepancies === 0 ? 'Sin diferencias' : `${t.discrepancies} ${t.discrepancies === 1 ? 'línea con diferencia' : 'líneas con diferencia'} (${t.net > 0 ? '+' : ''}${t.net})`}${t.uncounted ? `; ${t.uncounted} sin contar` : ''}</td></tr></tfoot></table>
${later}${v.note ? `<p class="totals"><strong>Observaciones:</strong> ${escapeHtml(v.note)}</p>` : ''}
<div class="signs"><div class="sign">Coordinador(a)${signed ? `<br/>${escapeHtml(v.signedBy)}` : ''}</div><div class="sign">Responsable de bodega</div></div>
</body></html>`;
}
