import { access } from 'node:fs/promises';
import { handoverPdfPath, setHandoverPdfPath } from '../db/handovers';
import type { Db } from '../db/open';
import { runWrite } from '../db/writeSession';
import { loadActaView } from './actaView';
import { actaHtml, storeActaPdf } from './actaDocument';
import type { PdfOutlet } from './actaPdf';

export interface MissingPdfs {
  /** Actas whose PDF was archived now. */
  archived: string[];
  /** Actas whose PDF could not be made now (they are tried again on the next start). */
  failed: Array<{ number: string; cause: unknown }>;
}

const exists = (path: string) => access(path).then(() => true, () => false);

export interface ActaArchive {
  id: string;
  number: string;
  pdfPath: string | null;
}

/** Of these actas, those without an archived PDF, or whose file is gone. */
export async function actasWithoutPdf(actas: ActaArchive[]): Promise<ActaArchive[]> {
  const missing: ActaArchive[] = [];
  for (const a of actas) if (a.pdfPath === null || !(await exists(a.pdfPath))) missing.push(a);
  return missing;
}

/**
 * Archives the PDF of each acta saved without one (a crash between saving and printing, a PDF that
 * could not be made at the time): as the original, not a reprint, with the acta's own dates; as
 * the voided copy if it was voided since. One at a time, so the desk keeps the renderer's attention.
 */
export async function archiveMissingPdfs(db: Db, out: PdfOutlet, actas: ActaArchive[]): Promise<MissingPdfs> {
  const result: MissingPdfs = { archived: [], failed: [] };
  for (const a of actas) {
    const v = loadActaView(db, a.id);
    if (!v) continue;
    try {
      // Printed meanwhile (the clerk opened it): nothing left to do.
      const archived = handoverPdfPath(db, a.id);
      if (archived !== null && (await exists(archived))) continue;
      const path = await storeActaPdf(out.dataDir, out.pdf, v, await actaHtml(v, false), v.voided ? 'voided' : 'original', out.dataKey);
      runWrite(db, (tx) => setHandoverPdfPath(tx, v.id, path));
      result.archived.push(a.number);
    } catch (cause) {
      result.failed.push({ number: a.number, cause });
    }
  }
  return result;
}
