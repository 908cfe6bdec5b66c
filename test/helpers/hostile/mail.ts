import { writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { mailImportJob } from '../../../shared/contracts/jobKinds';
import { jobResult } from '../../../shared/contracts/jobs';
import { mailImport, type MailImportResult } from '../../../shared/contracts/mail';
import type { Result } from '../../../shared/result';
import { issueFileToken } from '../../../electron/app/fileTokens';
import type { CallContext } from '../../../electron/app/services';
import { call } from '../../../electron/handlers/call';
import { emlFilesIn } from '../../../electron/mail/mailbox';

export interface Attachment {
  name: string;
  type: string;
  bytes: Buffer;
}

const base64Lines = (b: Buffer) => b.toString('base64').replace(/.{76}/g, '$&\r\n');

/** A real MIME message: multipart, base64 attachments, quoted-printable body, optional encoded-word subject. */
export function eml(o: { id: string; subject: string; encodedSubject?: boolean; attachments: Attachment[]; extraParts?: string }): string {
  const subject = o.encodedSubject ? `=?UTF-8?B?${Buffer.from(o.subject, 'utf8').toString('base64')}?=` : o.subject;
  const parts = o.attachments
    .map(
      (a) =>
        `--LIMITE\r\nContent-Type: ${a.type}; name="${a.name}"\r\nContent-Disposition: attachment; filename="${a.name}"\r\nContent-Transfer-Encoding: base64\r\n\r\n${base64Lines(a.bytes)}\r\n`,
    )
    .join('');
  return [
    'From: "Juan Pérez" <juan@example.com>',
    'To: posventagec2@cnt.gob.ec',
    `Subject: ${subject}`,
    'Date: Tue, 23 Mar 2021 10:15:00 -0500',
    `Message-ID: <${o.id}@example.com>`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="LIMITE"',
    '',
    '--LIMITE',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    'Adjunto el acta de entrega-recepci=C3=B3n de los equipos.',
    (o.extraParts ?? '') + parts + '--LIMITE--',
    '',
  ].join('\r\n');
}

/** A message with `count` small text parts (the parser would build every one). */
export function manyPartsEml(id: string, subject: string, count: number): string {
  const extra = Array.from({ length: count }, (_, i) => `--LIMITE\r\nContent-Type: text/plain\r\n\r\nparte ${i}\r\n`).join('');
  return eml({ id, subject, attachments: [], extraParts: extra });
}

/**
 * A message of about `bytes` whose one attachment is that big, written in slices so the test
 * never holds it whole (a sparse-looking run of "A"s is valid base64).
 */
export function writeBigEml(path: string, id: string, subject: string, bytes: number): void {
  const head = eml({ id, subject, attachments: [] }).replace(/--LIMITE--\r\n$/, '');
  writeFileSync(path, `${head}--LIMITE\r\nContent-Type: application/pdf; name="grande.pdf"\r\nContent-Disposition: attachment; filename="grande.pdf"\r\nContent-Transfer-Encoding: base64\r\n\r\n`);
  const line = `${'A'.repeat(76)}\r\n`;
  const chunk = line.repeat(Math.floor((1 << 20) / line.length));
  for (let written = 0; written < bytes; written += chunk.length) writeFileSync(path, chunk, { flag: 'a' });
  writeFileSync(path, '--LIMITE--\r\n', { flag: 'a' });
}

/** Imports the .eml files of a folder the way the screen does: tokens for the chosen files, then the job. */
export async function importFolder(ctx: CallContext, folder: string): Promise<Result<MailImportResult>> {
  const files = await emlFilesIn(folder);
  const started = await call(ctx, mailImport, { files: files.map((f) => ({ token: issueFileToken(ctx.session, f.path, basename(f.path)), name: f.name })) });
  if (!started.ok) return started;
  return jobResult(mailImportJob, await ctx.app.jobs.wait(started.value.jobId));
}

export const writeEml = (folder: string, name: string, text: string) => writeFileSync(join(folder, name), text);
