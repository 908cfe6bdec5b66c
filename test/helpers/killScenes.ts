import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setupInit } from '../../shared/contracts/app';
import { backupsRegister } from '../../shared/contracts/backups';
import { searchQuery, type CustomerCard } from '../../shared/contracts/customers';
import { handoversSave } from '../../shared/contracts/handovers';
import { closeServices, createServices, type CallContext } from '../../electron/app/services';
import { generateBaseRows } from '../../electron/demo/generate';
import { call } from '../../electron/handlers/call';
import { loadBaseRows } from '../../electron/import/stagedBase';
import type { PdfRenderer } from '../../electron/pdf/pdfRenderer';
import { admin } from './app';
import { tempFolder } from './killRun';
import { clerk } from './offices';
import { linkStations } from './trust';
import { validPdf } from './documents';
import { pick } from './files';

/**
 * Data folders for the kill harness, built in this process and closed, so each killed run starts
 * from a copy. Acta PDFs come from a stand-in renderer: no Chromium is started by the children.
 */

export const DB_FILE = 'recupera.sqlite';
export const SEED = 7;

export const FAKE_PDF = validPdf();
const fakePdf = (): PdfRenderer => ({ render: () => Promise.resolve(FAKE_PDF), close: () => Promise.resolve() });

/** Opens the app on a data folder (its start-up recovery included), runs `fn`, closes it. */
export async function withApp<T>(dir: string, fn: (ctx: CallContext) => Promise<T>): Promise<T> {
  const app = createServices({ dbPath: join(dir, DB_FILE), dataDir: dir, pdf: fakePdf() });
  const ctx: CallContext = { app, session: { user: admin } };
  try {
    return await fn(ctx);
  } finally {
    await closeServices(app);
  }
}

/** The demo base's distinct customers, in order: identification, name and first business line. */
export function demoCustomers(customers: number): Array<{ identification: string; name: string; line: string }> {
  const seen = new Map<string, { identification: string; name: string; line: string }>();
  for (const r of generateBaseRows({ customers, seed: SEED })) {
    const id = typeof r.identification === 'string' ? r.identification : null;
    if (!id || seen.has(id) || typeof r.name !== 'string') continue;
    seen.set(id, { identification: id, name: r.name, line: typeof r.businessLine === 'string' ? r.businessLine : '' });
  }
  return [...seen.values()];
}

/** A data folder with a station (Posventa's central, with `central`) and, unless `customers` is 0, the demo base of that many customers. */
export async function dataFolder(station: string, office: string, customers: number, o: { central?: boolean } = {}): Promise<string> {
  const dir = tempFolder('plantilla');
  await withApp(dir, async (ctx) => {
    const admin = { username: 'admin', fullName: 'Admin de Pruebas', password: 'clave-segura-1' };
    const r = await call(ctx, setupInit, { stationCode: station, office, admin, ...(o.central ? { central: true } : {}) });
    if (!r.ok) throw new Error(r.error.message);
    if (customers > 0) await loadBaseRows(ctx.app.db, generateBaseRows({ customers, seed: SEED }), station);
  });
  return dir;
}

/** The central in data folder `central` enrols the offices' keys, and each office trusts it. */
export async function linkFolders(central: string, offices: string[]): Promise<void> {
  for (const office of offices) await withApp(central, (c) => withApp(office, (o) => linkStations(c.app, [o.app])));
}

async function card(ctx: CallContext, identification: string): Promise<CustomerCard | null> {
  const r = await call(ctx, searchQuery, { text: identification, limit: 1 });
  return r.ok ? (r.value.results[0] ?? null) : null;
}

/**
 * Records an acta returning every item of the first service with items, for each customer given,
 * and `backups` respaldos of `docBytes` each (distinct, incompressible documents) for the next
 * customers; then reopens the folder so start-up recovery archives every acta's PDF.
 */
export async function recordWork(dir: string, ids: string[], o: { actas: number; backups: number; docBytes: number }): Promise<void> {
  const docs = tempFolder('documentos');
  await withApp(dir, async (ctx) => {
    ctx.session.user = clerk;
    let actas = 0;
    let backups = 0;
    for (const id of ids) {
      if (actas >= o.actas && backups >= o.backups) break;
      const c = await card(ctx, id);
      const service = c?.services.find((s) => s.items.length > 0);
      if (!c || !service) continue;
      if (actas < o.actas) {
        const items = service.items.map((i) => ({ expectedItemId: i.id, serviceId: service.id, condition: 'BUENO' as const, accessories: [] }));
        const r = await call(ctx, handoversSave, { customerId: c.id, deliveredBy: 'TITULAR', items });
        if (!r.ok) throw new Error(r.error.message);
        actas++;
      } else {
        const path = join(docs, `respaldo-${backups}.pdf`);
        writeFileSync(path, validPdf('respaldo', randomBytes(o.docBytes)));
        const r = await call(ctx, backupsRegister, { customerId: c.id, serviceIds: [service.id], files: [pick(ctx.session, path, `respaldo-${backups}.pdf`)] });
        if (!r.ok) throw new Error(r.error.message);
        backups++;
      }
    }
  });
  // Recovery on this open archives the PDF of every acta just saved (with the stand-in renderer).
  await withApp(dir, (ctx) => ctx.app.recovery.then(() => undefined));
}

/** A real MIME message with PDF attachments, as the campaign mailbox saves them (.eml). */
export function eml(id: string, subject: string, attachments: Buffer[]): string {
  const parts = attachments
    .map(
      (bytes, i) =>
        `--LIMITE\r\nContent-Type: application/pdf; name="acta-${i}.pdf"\r\nContent-Disposition: attachment; filename="acta-${i}.pdf"\r\nContent-Transfer-Encoding: base64\r\n\r\n${bytes.toString('base64').replace(/.{76}/g, '$&\r\n')}\r\n`,
    )
    .join('');
  return [
    'From: "Cliente" <cliente@example.com>',
    'To: posventa@example.com',
    `Subject: ${subject}`,
    'Date: Tue, 23 Mar 2021 10:15:00 -0500',
    `Message-ID: <${id}@example.com>`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="LIMITE"',
    '',
    '--LIMITE',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Adjunto el acta de entrega.',
    parts + '--LIMITE--',
    '',
  ].join('\r\n');
}

/** A mailbox folder: one message per customer, each with `perMessage` distinct PDFs of `docBytes`. */
export function inbox(customers: Array<{ identification: string; name: string; line: string }>, perMessage: number, docBytes: number): string {
  const dir = tempFolder('correos');
  customers.forEach((c, n) => {
    const docs = Array.from({ length: perMessage }, () => validPdf('respaldo', randomBytes(docBytes)));
    writeFileSync(join(dir, `${String(n).padStart(3, '0')}.eml`), eml(`m${n}`, `${c.identification}//${c.name}//${c.line}`, docs));
  });
  return dir;
}
