import { handoverDocumentLabel, type ActaView } from '../contracts/handovers';
import { accessoryLabel, conditionLabel, formatVerificationCode } from '../handover';
import { formatUsd, sumCents } from '../money';
import { ACTA_FONT_BOLD, ACTA_FONT_REGULAR } from './actaFont';

const MONTHS = ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'];

export function escapeHtml(s: string | null | undefined): string {
  return (s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Date and time of the handover in the station's local time, in words and digits. */
export function actaDate(iso: string): { words: string; digits: string } {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return {
    words: `${d.getDate()} de ${MONTHS[d.getMonth()]} de ${d.getFullYear()}`,
    digits: `${p(d.getDate())}/${p(d.getMonth() + 1)}/${d.getFullYear()} ${p(d.getHours())}:${p(d.getMinutes())}`,
  };
}

export interface ActaRenderOptions {
  /** SVG markup of the QR code (made by the caller: shared code has no QR encoder). */
  qrSvg: string;
  reprint: boolean;
  organisation?: string;
}

/**
 * The acta's typeface travels inside it: the paper looks the same from every PC (a Windows desk had
 * Arial, a Linux one DejaVu Sans, which is wider), and a PDF that embeds a 200-glyph face is made in
 * a fraction of the time of one that subsets a system font of thousands (measured in headless
 * Chromium: about 20 ms per face and acta). Arimo has Arial's metrics; a character outside its
 * Latin subset falls back to the system's fonts.
 */
const ACTA_FONT_FACES = [
  [400, ACTA_FONT_REGULAR],
  [700, ACTA_FONT_BOLD],
]
  .map(([weight, woff2]) => `@font-face { font-family: 'Arimo'; font-style: normal; font-weight: ${weight}; src: url(data:font/woff2;base64,${woff2}) format('woff2'); }`)
  .join('\n');

/** The acta's stylesheet, inline in its HTML: the renderer's CSP allows exactly this text by its hash (electron/platform/csp.ts). */
export const ACTA_CSS = `
${ACTA_FONT_FACES}
@page { size: A4; margin: 12mm 14mm 10mm; }
* { box-sizing: border-box; }
body { font-family: 'Arimo', Arial, 'DejaVu Sans', sans-serif; font-size: 9.5pt; color: #000; margin: 0; }
.copy { page-break-after: always; break-after: page; position: relative; min-height: 273mm; padding-bottom: 27mm; }
.copy:last-child { page-break-after: auto; break-after: auto; }
.head { display: flex; justify-content: space-between; align-items: flex-start; border-bottom: 2px solid #000; padding-bottom: 4px; }
.org { font-size: 12pt; font-weight: 700; }
.title { font-size: 13pt; font-weight: 700; text-align: center; margin: 6px 0 1px; letter-spacing: .02em; }
.number { text-align: center; font-size: 11pt; font-weight: 700; margin-bottom: 4px; }
.copy-label { border: 2px solid #000; padding: 3px 8px; font-weight: 700; font-size: 9.5pt; white-space: nowrap; }
.nowrap { white-space: nowrap; }
.marks { text-align: center; margin: 3px 0; }
.mark { display: inline-block; border: 2px solid #000; padding: 2px 10px; font-weight: 700; margin: 0 4px; }
.void { color: #b00000; border-color: #b00000; }
table { width: 100%; border-collapse: collapse; margin: 4px 0; }
th, td { border: 1px solid #000; padding: 1px 4px; text-align: left; vertical-align: top; font-size: 8pt; }
th { background: #e6e6e6; }
td.num { text-align: right; white-space: nowrap; }
.grid td { border: none; padding: 1px 0; font-size: 9.5pt; }
.grid td.k { width: 30%; font-weight: 700; }
.declaration { text-align: justify; margin: 5px 0 2px; line-height: 1.25; }
.section { font-weight: 700; margin-top: 6px; }
.obs { border: 1px solid #000; min-height: 8mm; padding: 2px 3px; white-space: pre-wrap; }
.signs { display: flex; gap: 16mm; margin-top: 14mm; break-inside: avoid; }
.sign { flex: 1; text-align: center; }
.line { border-top: 1px solid #000; padding-top: 3px; font-weight: 700; }
.small { font-size: 8pt; }
.foot { position: absolute; bottom: 0; left: 0; right: 0; display: flex; justify-content: space-between; align-items: flex-end; gap: 6mm; font-size: 8pt; }
.qr svg { width: 24mm; height: 24mm; }
`;

/** Rows of the owed list printed in full; past this, one line says how many more (the total still counts them all). */
export const OWED_ROWS_SHOWN = 8;

/** Who received: the clerk's name, with their cédula when recorded, else their user name. */
function clerkId(v: ActaView): string {
  if (v.clerkIdentification) return `C.I. ${escapeHtml(v.clerkIdentification)}`;
  return v.clerkUsername ? `Usuario ${escapeHtml(v.clerkUsername)}` : '';
}

function delivererWords(v: ActaView): string {
  if (v.deliveredBy === 'TITULAR') {
    const id = v.holder.identification ? `, con identificación ${escapeHtml(v.holder.identification)}` : '';
    return `el titular del servicio, ${escapeHtml(v.holder.name)}${id},`;
  }
  const letter = v.thirdParty?.documentsReceived ? ' con carta de autorización y copia de la cédula del titular' : '';
  return `${escapeHtml(v.thirdParty?.name)}, con identificación ${escapeHtml(v.thirdParty?.identification)}, a nombre del titular ${escapeHtml(v.holder.name)}${letter},`;
}

/** The CNT format's declaration: who hands over what to whom, what is still owed, two copies. */
function declaration(v: ActaView): string {
  const clerk = [escapeHtml(v.clerkName), clerkId(v)].filter(Boolean).join(', ');
  const receiver = clerk ? ` por intermedio de ${clerk}` : '';
  const services = v.services.length > 1 ? 'de los servicios retirados' : 'del servicio retirado';
  const owed = v.owed.length
    ? ' Los equipos que constan como pendientes de entrega deben entregarse en cualquier Centro de Atención al Cliente de CNT EP para evitar que se generen valores adicionales a pagar.'
    : v.customerId && !v.outOfBase
      ? ' Con esta entrega, el titular no registra equipos pendientes de entrega en la base de la campaña.'
      : '';
  return `<p class="declaration">Por medio de la presente, ${delivererWords(v)} entrega a la Corporación Nacional de Telecomunicaciones CNT EP, que recibe${receiver}, los equipos de propiedad de CNT EP ${services} que se detallan a continuación, en el estado y con los accesorios indicados. La recepción queda sujeta a la verificación técnica de los equipos.${owed} Para constancia, las partes firman la presente acta en dos ejemplares de igual tenor y valor.</p>`;
}

/** The customer's items still owed after this acta, with their value and the total. */
function owedSection(v: ActaView): string {
  if (!v.owed.length) return '';
  const rows = v.owed
    .slice(0, OWED_ROWS_SHOWN)
    .map(
      (o) => `<tr><td>${escapeHtml(o.serviceNumber)}</td><td>${escapeHtml(o.type) || '—'}</td><td>${escapeHtml([o.brand, o.model].filter(Boolean).join(' ')) || '—'}</td>
<td class="nowrap">${escapeHtml(o.serial) || 'S/N'}</td><td class="num">${o.valueCents === null ? 'sin valor' : formatUsd(o.valueCents)}</td></tr>`,
    )
    .join('');
  const more = v.owed.length - OWED_ROWS_SHOWN;
  const moreRow = more > 0 ? `<tr><td colspan="5">… y ${more} equipo${more === 1 ? '' : 's'} más pendiente${more === 1 ? '' : 's'}.</td></tr>` : '';
  const total = formatUsd(sumCents(v.owed.map((o) => o.valueCents)));
  return `<div class="section">Equipos pendientes de entrega después de esta acta (${v.owed.length})</div>
<table><thead><tr><th>Servicio</th><th>Tipo</th><th>Marca y modelo</th><th>Serie</th><th>Valor</th></tr></thead>
<tbody>${rows}${moreRow}<tr><th colspan="4">Valor total pendiente</th><th class="num">${total}</th></tr></tbody></table>`;
}

/** The tercero's documents kept in Recupera, named on the acta so the paper says a digital copy exists. */
function archivedDocuments(v: ActaView): string {
  const kept = v.documents.filter((d) => !d.purgedAt);
  if (kept.length === 0) return '';
  return `. Copia digital archivada: ${kept.map((d) => `${handoverDocumentLabel(d.kind)} («${escapeHtml(d.name)}»)`).join(', ')}`;
}

function copy(v: ActaView, label: string, o: ActaRenderOptions): string {
  const when = actaDate(v.deliveredAt);
  const rows = v.items
    .map(
      (i, n) => `<tr><td>${n + 1}</td><td>${escapeHtml(i.serviceNumber)}</td><td>${escapeHtml(i.type)}${i.unexpected ? ' *' : ''}</td><td>${escapeHtml(i.brand)}</td>
<td>${escapeHtml(i.model)}</td><td class="nowrap">${escapeHtml(i.serial) || 'S/N'}</td><td>${conditionLabel(i.condition)}</td>
<td>${escapeHtml(i.accessories.map(accessoryLabel).join(', ')) || '—'}</td><td>${escapeHtml(i.note)}</td></tr>`,
    )
    .join('');
  const services = v.services.map((s) => `${escapeHtml(s.serviceNumber)} (${escapeHtml(s.businessLine) || 'línea no indicada'})`).join('; ');
  const deliverer =
    v.deliveredBy === 'TITULAR'
      ? `El titular, ${escapeHtml(v.holder.name)}`
      : `Tercero autorizado: ${escapeHtml(v.thirdParty?.name)}, identificación ${escapeHtml(v.thirdParty?.identification)}${v.thirdParty?.documentsReceived ? ' (presentó carta de autorización y copia de cédula del titular)' : ''}${archivedDocuments(v)}`;
  const marks = [
    v.voided ? `<span class="mark void">ANULADA</span>` : '',
    o.reprint ? `<span class="mark">REIMPRESIÓN</span>` : '',
    v.outOfBase ? `<span class="mark">FUERA DE BASE</span>` : '',
  ].join('');
  const clerk = clerkId(v);
  return `<section class="copy">
<div class="head"><div><div class="org">${escapeHtml(o.organisation ?? 'CNT EP')}</div>
<div>Corporación Nacional de Telecomunicaciones</div><div>${escapeHtml(v.office)} · Estación <span class="nowrap">${escapeHtml(v.station)}</span></div></div>
<div class="copy-label">${label}</div></div>
<div class="title">ACTA DE ENTREGA-RECEPCIÓN DE EQUIPOS</div>
<div class="number">N.º ${escapeHtml(v.number)}</div>
${marks ? `<div class="marks">${marks}</div>` : ''}
${v.voided ? `<p class="void"><strong>Acta anulada</strong> el ${escapeHtml(actaDate(v.voided.at).digits)}${v.voided.by ? ` por ${escapeHtml(v.voided.by)}` : ''}. Motivo: ${escapeHtml(v.voided.reason)}</p>` : ''}
<table class="grid"><tbody>
<tr><td class="k">Lugar y fecha</td><td>${escapeHtml(v.city ?? '')}${v.city ? ', ' : ''}${when.words} (${when.digits})</td></tr>
<tr><td class="k">Titular del servicio</td><td>${escapeHtml(v.holder.name)}</td></tr>
<tr><td class="k">Identificación del titular</td><td>${escapeHtml(v.holder.identification) || '—'}</td></tr>
<tr><td class="k">Servicio(s) y línea de negocio</td><td>${services}</td></tr>
<tr><td class="k">Entrega</td><td>${deliverer}</td></tr>
<tr><td class="k">Recibe</td><td>${escapeHtml(v.clerkName)}${clerk ? ` (${clerk})` : ''} — ${escapeHtml(v.office)}</td></tr>
</tbody></table>
${declaration(v)}
<div class="section">Equipos recibidos (${v.items.length})</div>
<table><thead><tr><th>#</th><th>Servicio</th><th>Tipo</th><th>Marca</th><th>Modelo</th><th>Serie</th><th>Estado</th><th>Accesorios</th><th>Nota</th></tr></thead>
<tbody>${rows}</tbody></table>
${v.items.some((i) => i.unexpected) ? '<div class="small">* Equipo no registrado en la base: se recibe y se reporta a Posventa.</div>' : ''}
${owedSection(v)}
<div class="section">Observaciones</div>
<div class="obs">${escapeHtml(v.observations) || 'Ninguna.'}</div>
<div class="signs">
<div class="sign"><div class="line">ENTREGUÉ CONFORME</div><div>${v.deliveredBy === 'TITULAR' ? escapeHtml(v.holder.name) : escapeHtml(v.thirdParty?.name)}</div>
<div>C.I. ${v.deliveredBy === 'TITULAR' ? escapeHtml(v.holder.identification) : escapeHtml(v.thirdParty?.identification)}</div></div>
<div class="sign"><div class="line">RECIBÍ CONFORME</div><div>${escapeHtml(v.clerkName)}</div>${clerk ? `<div>${clerk}</div>` : ''}<div>${escapeHtml(v.office)}</div></div>
</div>
<div class="foot"><div>Código de verificación: <strong>${formatVerificationCode(v.verificationCode)}</strong><br/>Verifique esta acta en cualquier oficina de CNT: el QR lleva la firma de la estación que la emitió.</div>
<div class="qr">${o.qrSvg}</div></div>
</section>`;
}

/** One template for the on-screen preview, the printout and the stored PDF: A4, two copies. */
export function renderActaHtml(v: ActaView, o: ActaRenderOptions): string {
  return `<!doctype html><html lang="es-EC"><head><meta charset="utf-8"/><title>Acta ${escapeHtml(v.number)}</title><style>${ACTA_CSS}</style></head>
<body>${copy(v, 'ORIGINAL: CLIENTE', o)}${copy(v, 'COPIA: CNT', o)}</body></html>`;
}
