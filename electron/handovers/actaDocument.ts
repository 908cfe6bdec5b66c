import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import QRCode from 'qrcode';
import { renderActaHtml } from '../../shared/acta/template';
import type { ActaView } from '../../shared/contracts/handovers';
import type { PdfRenderer } from '../pdf/pdfRenderer';

/** What the QR on a printed acta carries: enough to find and check the record. */
export function actaQrText(v: Pick<ActaView, 'number' | 'verificationCode'>): string {
  return `RECUPERA|${v.number}|${v.verificationCode}`;
}

export async function actaHtml(v: ActaView, reprint: boolean): Promise<string> {
  const qrSvg = await QRCode.toString(actaQrText(v), { type: 'svg', errorCorrectionLevel: 'M', margin: 0 });
  return renderActaHtml(v, { qrSvg, reprint });
}

/** Renders the acta to PDF and stores it in the data folder; a reprint gets its own file. */
export async function storeActaPdf(dataDir: string, pdf: PdfRenderer, v: ActaView, reprint: boolean): Promise<{ path: string; html: string }> {
  const html = await actaHtml(v, reprint);
  const bytes = await pdf.render(html);
  const dir = join(dataDir, 'actas', v.number.slice(0, -7));
  await mkdir(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[-:]/g, '').slice(0, 15);
  const path = join(dir, reprint ? `${v.number}_reimpresion_${stamp}.pdf` : v.voided ? `${v.number}_anulada.pdf` : `${v.number}.pdf`);
  await writeFile(path, bytes);
  return { path, html };
}
