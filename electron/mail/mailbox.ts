import { createHash } from 'node:crypto';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { SessionUser } from '../../shared/contracts/app';
import type { MailImportResult, MailMessage } from '../../shared/contracts/mail';
import { parseEmailSubject } from '../../shared/emailSubject';
import { identificationCandidates } from '../../shared/identification';
import { newWorkFolder } from '../files/workFolders';
import { AppFailure } from '../../shared/result';
import { foldKey } from '../../shared/text';
import { recordBackup } from '../backups/backups';
import { storeBackupFile, type StoredFile } from '../backups/fileStore';
import { customerByKey, servicesOfCustomer } from '../db/customers';
import { newId } from '../db/ids';
import { insertMailMessage, mailMessage, mailSeenByHash, mailSeenByMessageId, markMailAssigned, unassignedMailRows } from '../db/mail';
import type { Db, ReadDb } from '../db/open';
import { runWrite } from '../db/writeSession';

export interface SubjectMatch {
  ok: boolean;
  reason: string | null;
  identification: string | null;
  customerId: string | null;
  customerName: string | null;
  serviceIds: string[];
}

const OWING = new Set(['PENDIENTE', 'ENTREGA_PARCIAL', 'RESPALDO_RECHAZADO']);

/** Finds the customer and the services a subject `CEDULA//NOMBRES//LINEA` refers to, or says why not. */
export function matchSubject(db: ReadDb, subject: string): SubjectMatch {
  const none = { identification: null, customerId: null, customerName: null, serviceIds: [] };
  const p = parseEmailSubject(subject);
  if (!p.ok) return { ok: false, reason: p.reason, ...none };
  let customer: { id: string; name: string | null } | null = null;
  for (const id of identificationCandidates(p.identification)) customer ??= customerByKey(db, id);
  if (!customer) return { ok: false, reason: `No hay ningún cliente con la identificación ${p.identification} en la base.`, ...none, identification: p.identification };
  const found = { identification: p.identification, customerId: customer.id, customerName: customer.name };
  const wanted = p.name.split(' ');
  const have = new Set(foldKey(customer.name ?? '').split(' '));
  if (wanted.filter((w) => have.has(w)).length * 2 < wanted.length) {
    return { ok: false, reason: `El nombre del asunto (${p.name}) no coincide con el de la base (${customer.name ?? ''}).`, ...found, serviceIds: [] };
  }
  const services = servicesOfCustomer(db, customer.id);
  const ofLine = p.businessLine ? services.filter((s) => s.business_line === p.businessLine) : services;
  if (ofLine.length === 0) return { ok: false, reason: `El cliente no tiene servicios de ${p.businessLine} en la base.`, ...found, serviceIds: [] };
  const owing = ofLine.filter((s) => OWING.has(s.status));
  if (owing.length === 0) return { ok: false, reason: 'Los servicios de este cliente ya están entregados, regularizados o con un respaldo en revisión.', ...found, serviceIds: [] };
  return { ok: true, reason: null, ...found, serviceIds: owing.map((s) => s.id) };
}

interface StoredAttachment extends StoredFile {
  name: string;
}

/**
 * Imports the .eml files of a folder (the campaign mailbox saved by Posventa): each message once,
 * its PDF/JPG/PNG attachments stored as backup documents, matched to the customer by the subject.
 */
export async function importMailbox(
  db: Db,
  dataDir: string,
  folder: string,
  station: string,
  user: SessionUser,
  /** The data key: attachments are kept sealed with it. */
  dataKey?: Buffer,
): Promise<MailImportResult> {
  let names: string[];
  try {
    names = (await readdir(folder)).filter((n) => n.toLowerCase().endsWith('.eml')).sort();
  } catch {
    throw new AppFailure('not_found', `No se pudo abrir la carpeta «${folder}».`);
  }
  const result: MailImportResult = { messages: names.length, imported: 0, duplicates: 0, assigned: 0, unassigned: [] };
  // Loaded on use: the MIME parser is only needed when Posventa imports a mailbox.
  const { simpleParser } = await import('mailparser');
  const scratch = await newWorkFolder(dataDir, 'correo');
  try {
    for (const name of names) {
      const raw = await readFile(join(folder, name));
      const sha256 = createHash('sha256').update(raw).digest('hex');
      if (mailSeenByHash(db, sha256)) {
        result.duplicates++;
        continue;
      }
      const mail = await simpleParser(raw);
      const messageId = mail.messageId ?? null;
      if (messageId && mailSeenByMessageId(db, messageId)) {
        result.duplicates++;
        continue;
      }
      const stored: StoredAttachment[] = [];
      const skipped: string[] = [];
      for (const [i, a] of mail.attachments.entries()) {
        const fileName = basename(a.filename ?? `adjunto-${i + 1}`);
        const tmp = join(scratch, `${i}-${fileName}`);
        await writeFile(tmp, a.content);
        try {
          stored.push({ ...(await storeBackupFile(dataDir, tmp, fileName, dataKey)), name: fileName });
        } catch (e) {
          skipped.push(`${fileName}: ${e instanceof AppFailure ? e.message : 'no se pudo guardar'}`);
        }
      }
      const subject = mail.subject ?? '';
      const match = matchSubject(db, subject);
      const sender = mail.from?.text ?? null;
      const sentAt = mail.date ? mail.date.toISOString() : null;
      const reason = !match.ok ? match.reason : stored.length === 0 ? `El correo no trae adjuntos PDF, JPG o PNG.${skipped.length ? ` (${skipped.join('; ')})` : ''}` : null;
      // The message and its backup are recorded together: a message is never marked without its backup.
      runWrite(db, (tx) => {
        const backupId =
          reason === null
            ? recordBackup(
                tx,
                { customerId: match.customerId!, serviceIds: match.serviceIds, source: 'CORREO', note: `Correo de ${sender ?? 'remitente desconocido'}${sentAt ? ` del ${sentAt.slice(0, 10)}` : ''}: ${subject}` },
                stored,
                station,
                user,
              )
            : null;
        insertMailMessage(tx, {
          id: newId(),
          originStation: station,
          sha256,
          messageId,
          fileName: name,
          subject: subject || null,
          sender,
          sentAt,
          backupId,
          reason,
          attachments: JSON.stringify(stored),
          createdAt: new Date().toISOString(),
        });
      });
      result.imported++;
      if (reason === null) result.assigned++;
      else result.unassigned.push({ file: name, subject: subject || null, reason });
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  return result;
}

export function unassignedMessages(db: ReadDb): MailMessage[] {
  return unassignedMailRows(db).map((r) => ({ id: r.id, fileName: r.file_name, subject: r.subject, sender: r.sender, sentAt: r.sent_at, reason: r.reason, attachments: JSON.parse(r.attachments) }));
}

/** A person decides whose message it is: its attachments become a backup under review. */
export function assignMessage(db: Db, messageId: string, customerId: string, serviceIds: string[], station: string, user: SessionUser): string {
  return runWrite(db, (tx) => {
    const m = mailMessage(tx, messageId);
    if (!m) throw new AppFailure('not_found', 'No se encontró el correo.');
    if (m.status !== 'SIN_ASIGNAR') throw new AppFailure('conflict', 'Este correo ya fue asignado.');
    const files = JSON.parse(m.attachments) as StoredAttachment[];
    if (files.length === 0) throw new AppFailure('validation', 'El correo no trae documentos que sirvan de respaldo.');
    const backupId = recordBackup(tx, { customerId, serviceIds, source: 'CORREO', note: `Correo de ${m.sender ?? 'remitente desconocido'} asignado a mano: ${m.subject ?? ''}` }, files, station, user);
    markMailAssigned(tx, messageId, backupId);
    return backupId;
  });
}
