import { join } from 'node:path';
import type { DailyCloseView } from '../../shared/contracts/dailyClose';
import { discrepancy, discrepancyText, kindLabel, laterChangeText } from '../../shared/dailyClose';
import { renderDailyCloseHtml } from '../../shared/dailyClosePrint';
import { keepCopy } from '../files/sealedFile';
import type { PdfRenderer } from '../pdf/pdfRenderer';
import { log } from '../platform/log';
import { TableSheet, writeWorkbook } from '../xlsx/tableWriter';

/**
 * The cierre del día as files: the printable PDF (the same HTML as the preview) and the workbook.
 * Kept in the reports folder sealed with the data key, or, when the command line names a folder,
 * written there in clear.
 */

export interface CloseOutlet {
  folder: string;
  /** The data key when the file stays in the app's folders; absent for a folder the command line named. */
  seal?: Buffer;
}

function baseName(v: DailyCloseView): string {
  return `cierre_${v.station}_${v.day}${v.status === 'FIRMADO' ? '_firmado' : '_borrador'}`;
}

/** The HTML always; the PDF when it can be made (a failure is a warning: the preview still prints). */
export async function printClose(v: DailyCloseView, pdf: PdfRenderer, out: CloseOutlet): Promise<{ path: string | null; fileName: string; html: string; warning: string | null }> {
  const html = renderDailyCloseHtml(v);
  const fileName = `${baseName(v)}.pdf`;
  try {
    const path = join(out.folder, fileName);
    await keepCopy(await pdf.render(html), path, out.seal);
    return { path, fileName, html, warning: null };
  } catch (e) {
    log.error('dailyClose.pdfFailed', { day: v.day, err: e });
    return { path: null, fileName, html, warning: 'No se pudo generar el PDF del cierre. Puede imprimirlo igual desde la vista previa.' };
  }
}

export async function exportClose(v: DailyCloseView, out: CloseOutlet): Promise<{ path: string; fileName: string; rows: number }> {
  const fileName = `${baseName(v)}.xlsx`;
  const path = join(out.folder, fileName);
  const signed = v.status === 'FIRMADO';
  const rows = await writeWorkbook(
    path,
    (wb) => {
      const sheet = new TableSheet(wb, 'Cierre del día', [
        { header: 'FECHA', type: 'date', width: 12 },
        { header: 'ESTACION', type: 'text', width: 20 },
        { header: 'ASESOR', width: 28 },
        { header: 'CLASE', width: 12 },
        { header: 'TIPO', width: 22 },
        { header: 'SEGUN ACTAS', type: 'number', width: 12 },
        { header: 'CONTADO', type: 'number', width: 10 },
        { header: 'DIFERENCIA', type: 'number', width: 11 },
        { header: 'OBSERVACION', width: 36 },
        { header: 'ESTADO', width: 30 },
      ]);
      const state = signed ? `Firmado por ${v.signedBy ?? ''}` : 'Borrador';
      for (const l of v.lines) {
        const d = discrepancy(l);
        const later = signed ? laterChangeText(l) : null;
        sheet.add([v.day, v.station, l.clerkName, kindLabel(l.kind), l.label, l.recorded, l.counted, d, [discrepancyText(d), later].filter(Boolean).join('; '), state]);
      }
      const t = v.totals;
      sheet.add([v.day, v.station, 'TOTAL', null, null, t.recorded, t.counted, t.net, `${t.discrepancies} con diferencia; ${t.uncounted} sin contar`, state]);
      sheet.commit();
      return v.lines.length;
    },
    { seal: out.seal },
  );
  return { path, fileName, rows };
}
