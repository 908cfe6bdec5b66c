import { existsSync } from 'node:fs';
import type { ActaView } from '../../shared/contracts/handovers';
import { handoverPdfPath, setHandoverPdfPath } from '../db/handovers';
import type { Db } from '../db/open';
import { runWrite } from '../db/writeSession';
import type { PdfRenderer } from '../pdf/pdfRenderer';
import { log } from '../platform/log';
import { actaHtml, storeActaPdf } from './actaDocument';

export interface PdfOutlet {
  dataDir: string;
  pdf: PdfRenderer;
  /** The data key the archived PDFs are sealed with. */
  dataKey?: Buffer;
}

/**
 * The acta to print: its HTML, and the archived PDF. The original is archived once; after that,
 * anything printed again is a reprint and says so (and is kept in a file of its own). A PDF that
 * cannot be made is a warning: the acta is stored and can be printed from the HTML.
 */
export async function printActa(
  db: Db,
  out: PdfOutlet,
  v: ActaView,
  reprint: boolean,
): Promise<{ path: string | null; html: string; warning: string | null }> {
  const archived = handoverPdfPath(db, v.id);
  const hasArchive = archived !== null && existsSync(archived);
  const html = await actaHtml(v, reprint || hasArchive);
  if (hasArchive && !reprint) return { path: archived, html, warning: null };
  try {
    const path = await storeActaPdf(out.dataDir, out.pdf, v, html, reprint ? 'reprint' : 'original', out.dataKey);
    if (!reprint) runWrite(db, (tx) => setHandoverPdfPath(tx, v.id, path));
    return { path, html, warning: null };
  } catch (e) {
    log.error('acta.pdfFailed', { handoverId: v.id, reprint, err: e });
    return { path: null, html, warning: 'El acta está guardada, pero no se pudo generar su PDF. Puede imprimirla igual; el PDF se archivará cuando vuelva a abrir Recupera.' };
  }
}

/** After a void, the archive keeps the acta as it now stands: voided. A failure only logs. */
export async function archiveVoidedActa(db: Db, out: PdfOutlet, v: ActaView): Promise<void> {
  try {
    const path = await storeActaPdf(out.dataDir, out.pdf, v, await actaHtml(v, false), 'voided', out.dataKey);
    runWrite(db, (tx) => setHandoverPdfPath(tx, v.id, path));
  } catch (e) {
    log.error('acta.voidedPdfFailed', { handoverId: v.id, err: e });
  }
}
