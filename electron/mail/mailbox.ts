import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { AuditActor } from '../../shared/audit';
import type { MailImportResult, MailMessage } from '../../shared/contracts/mail';
import { AppFailure } from '../../shared/result';
import { formatDate, localDay } from '../../shared/dates';
import { recordBackup } from '../backups/backups';
import { backupFilePath, checkBackupBytes, storeBackupBytes, type StoredFile } from '../backups/fileStore';
import { newId } from '../db/ids';
import { insertMailMessage, mailMessage, mailSeenByHash, mailSeenByMessageId, markMailAssigned, unassignedMailRows } from '../db/mail';
import type { Db, ReadDb } from '../db/open';
import { runWrite } from '../db/writeSession';
import { JobCancelled } from '../platform/cancellation';
import { log } from '../platform/log';
import { readMessage, type ReadMessage } from './messageRead';
import { matchSubject } from './subjectMatch';

export { matchSubject, type SubjectMatch } from './subjectMatch';

interface StoredAttachment extends StoredFile {
  name: string;
}

/** A saved message to import: where it is, and the name the person knows it by (shown in the result). */
export interface MailFile {
  path: string;
  name: string;
}

export interface MailImportOptions {
  db: Db;
  dataDir: string;
  files: MailFile[];
  station: string;
  /** Who imports: the respaldos and their audit entries name them. */
  actor: AuditActor;
  /** The data key: attachments are kept sealed with it. */
  dataKey?: Buffer;
  /** Checked between messages: what was imported stays (each message is its own write session). */
  isCancelled?: () => boolean;
  onProgress?: (done: number, total: number) => void;
  /** Between two messages' write sessions, a clerk's save goes first. */
  between?: () => void | Promise<void>;
}

/** The .eml files of a folder (the command line's argument), in name order. */
export async function emlFilesIn(folder: string): Promise<MailFile[]> {
  let names: string[];
  try {
    names = (await readdir(folder)).filter((n) => n.toLowerCase().endsWith('.eml')).sort();
  } catch {
    throw new AppFailure('not_found', `No se pudo abrir la carpeta «${folder}».`);
  }
  return names.map((name) => ({ path: join(folder, name), name }));
}

const MAX_REASON = 1000;
const cut = (text: string) => (text.length > MAX_REASON ? `${text.slice(0, MAX_REASON - 1)}…` : text);

/**
 * Imports saved messages (.eml, the campaign mailbox saved by Posventa): each message once, its
 * PDF/JPG/PNG attachments stored as respaldo documents, matched to the customer by the subject.
 * Each message stands alone: one that cannot be read or stored is listed in `refused` with its
 * reason, leaves nothing behind, and the rest go in.
 */
export async function importMailbox(o: MailImportOptions): Promise<MailImportResult> {
  const result: MailImportResult = { messages: o.files.length, imported: 0, duplicates: 0, assigned: 0, unassigned: [], refused: [] };
  for (const [i, file] of o.files.entries()) {
    if (o.isCancelled?.()) throw new JobCancelled();
    o.onProgress?.(i, o.files.length);
    if (i > 0) await o.between?.();
    try {
      const outcome = await importMessage(o, file);
      if (outcome.kind === 'duplicate') result.duplicates++;
      else {
        result.imported++;
        if (outcome.reason === null) result.assigned++;
        else result.unassigned.push({ file: file.name, subject: outcome.subject || null, reason: outcome.reason });
      }
    } catch (e) {
      if (e instanceof JobCancelled) throw e;
      if (!(e instanceof AppFailure)) log.error('mail.message_failed', { file: file.name, err: e });
      const reason = e instanceof AppFailure ? e.message : 'No se pudo importar este correo por un error inesperado; la causa quedó en el registro. Los demás correos siguieron.';
      result.refused.push({ file: file.name, reason: cut(reason) });
    }
  }
  o.onProgress?.(o.files.length, o.files.length);
  return result;
}

type Outcome = { kind: 'duplicate' } | { kind: 'imported'; subject: string; reason: string | null };

async function importMessage(o: MailImportOptions, file: MailFile): Promise<Outcome> {
  const { db } = o;
  const mail = await readMessage(file.path);
  const sha256 = createHash('sha256').update(mail.raw).digest('hex');
  if (mailSeenByHash(db, sha256)) return { kind: 'duplicate' };
  if (mail.messageId && mailSeenByMessageId(db, mail.messageId)) return { kind: 'duplicate' };
  // Documents this message adds to the archive: removed again if the message does not go in.
  const added: string[] = [];
  try {
    const { stored, skipped } = await storeAttachments(o, mail, added);
    const match = matchSubject(db, mail.subject);
    // Each refusal is a sentence naming its file: they follow one another (in brackets with «; » they read «…).; …»).
    const noDocuments = ['El correo no trae adjuntos PDF, JPG o PNG que sirvan.', ...skipped].join(' ');
    const reason = !match.ok ? match.reason : stored.length === 0 ? cut(noDocuments) : null;
    // The message and its backup are recorded together: a message is never marked without its backup.
    runWrite(db, (tx) => {
      const backupId =
        reason === null
          ? recordBackup(
              tx,
              {
                customerId: match.customerId!,
                serviceIds: match.serviceIds,
                source: 'CORREO',
                // Read by Posventa beside the documents: the day as every date is shown (dd/mm/aaaa), on this PC's clock.
                note: `Correo de ${mail.sender ?? 'remitente desconocido'}${mail.sentAt ? ` del ${formatDate(localDay(mail.sentAt))}` : ''}: ${mail.subject}`,
              },
              stored,
              o.station,
              o.actor,
            )
          : null;
      insertMailMessage(tx, {
        id: newId(),
        originStation: o.station,
        sha256,
        messageId: mail.messageId,
        fileName: file.name,
        subject: mail.subject || null,
        sender: mail.sender,
        sentAt: mail.sentAt,
        backupId,
        reason,
        attachments: JSON.stringify(stored),
        createdAt: new Date().toISOString(),
      });
    });
    return { kind: 'imported', subject: mail.subject, reason };
  } catch (e) {
    await Promise.all(added.map((p) => rm(p, { force: true }).catch(() => undefined)));
    throw e;
  }
}

/** Stores each attachment from memory (no temporary file, no outside name in a path); one that is not a sound document is skipped with its reason. */
async function storeAttachments(o: MailImportOptions, mail: ReadMessage, added: string[]): Promise<{ stored: StoredAttachment[]; skipped: string[] }> {
  const stored: StoredAttachment[] = [];
  const skipped: string[] = [];
  for (const a of mail.attachments) {
    let kind;
    try {
      kind = checkBackupBytes(a.content, a.name);
    } catch (e) {
      // A document that is not one (or too big) is skipped with its reason; the message still goes in.
      if (!(e instanceof AppFailure)) throw e;
      skipped.push(e.message);
      continue;
    }
    // A store that fails (disk full, no folder) refuses the whole message instead: it is not recorded
    // as seen without its documents, and a later import tries it again.
    const target = backupFilePath(o.dataDir, createHash('sha256').update(a.content).digest('hex'), kind.ext);
    const fresh = !existsSync(target);
    stored.push(await storeBackupBytes(o.dataDir, a.content, a.name, o.dataKey));
    if (fresh) added.push(target);
  }
  return { stored, skipped };
}

export function unassignedMessages(db: ReadDb): MailMessage[] {
  return unassignedMailRows(db).map((r) => ({ id: r.id, fileName: r.file_name, subject: r.subject, sender: r.sender, sentAt: r.sent_at, reason: r.reason, attachments: JSON.parse(r.attachments) }));
}

/** A person decides whose message it is: its attachments become a backup under review. */
export function assignMessage(db: Db, messageId: string, customerId: string, serviceIds: string[], station: string, user: AuditActor): string {
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
