import { join } from 'node:path';
import QRCode from 'qrcode';
import { renderActaHtml } from '../../shared/acta/template';
import type { ActaView } from '../../shared/contracts/handovers';
import { keepCopy } from '../files/sealedFile';
import type { PdfRenderer } from '../pdf/pdfRenderer';

/** The acta's HTML with its QR (`ActaView.qrText`: the signed seal, readable offline by any office). */
export async function actaHtml(v: ActaView, reprint: boolean): Promise<string> {
  const qrSvg = await QRCode.toString(v.qrText, { type: 'svg', errorCorrectionLevel: 'M', margin: 0 });
  return renderActaHtml(v, { qrSvg, reprint });
}

export type ActaCopy = 'original' | 'reprint' | 'voided';

/**
 * Renders the acta to PDF and stores it in the data folder: the original once, a voided copy when
 * it is voided, and every reprint in a file of its own. Written whole or not at all, so a crash
 * never leaves a truncated archive; sealed with the data key (files/sealedFile.ts): the archive
 * names the customer, and only a person who opens or prints the acta reads it in clear.
 */
export async function storeActaPdf(dataDir: string, pdf: PdfRenderer, v: ActaView, html: string, copy: ActaCopy, dataKey?: Buffer): Promise<string> {
  const bytes = await pdf.render(html);
  const dir = join(dataDir, 'actas', v.number.slice(0, -7));
  const stamp = new Date().toISOString().replace(/[-:.]/g, '').slice(0, 18);
  const name = copy === 'reprint' ? `${v.number}_reimpresion_${stamp}.pdf` : copy === 'voided' ? `${v.number}_anulada.pdf` : `${v.number}.pdf`;
  const path = join(dir, name);
  await keepCopy(bytes, path, dataKey);
  return path;
}
