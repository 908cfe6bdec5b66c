import { z } from 'zod';
import { contract } from './contract';
import { PickedFile } from './fileRef';

export const MailMessage = z.object({
  id: z.string(),
  fileName: z.string(),
  subject: z.string().nullable(),
  sender: z.string().nullable(),
  sentAt: z.string().nullable(),
  reason: z.string().nullable(),
  attachments: z.array(z.object({ sha256: z.string(), name: z.string(), mime: z.string(), size: z.number().int() })),
});
export type MailMessage = z.infer<typeof MailMessage>;

export const MailImportResult = z.object({
  messages: z.number().int(),
  imported: z.number().int(),
  duplicates: z.number().int(),
  assigned: z.number().int(),
  unassigned: z.array(z.object({ file: z.string(), subject: z.string().nullable(), reason: z.string() })),
  /** Messages that could not be read or stored (too big, too many parts, damaged): nothing of them was kept. */
  refused: z.array(z.object({ file: z.string(), reason: z.string() })),
});
export type MailImportResult = z.infer<typeof MailImportResult>;

/** The most messages one import takes; a larger mailbox goes in several imports (each is idempotent). */
export const MAX_MAIL_FILES = 2000;

/** The .eml files the person chose, by token; the import runs as a job (jobKinds.ts `mailImportJob`). */
export const mailImport = contract(
  'mail:import',
  z.object({ files: z.array(PickedFile).min(1, 'Elija los correos guardados (.eml).').max(MAX_MAIL_FILES, `Elija hasta ${MAX_MAIL_FILES} correos por vez.`) }),
  z.object({ jobId: z.string() }),
);
export const mailUnassigned = contract('mail:unassigned', z.object({}).strict(), z.array(MailMessage));
export const mailAssign = contract(
  'mail:assign',
  z.object({ messageId: z.string().min(1), customerId: z.string().min(1), serviceIds: z.array(z.string().min(1)).min(1, 'Marque los servicios.') }),
  z.object({ backupId: z.string() }),
);
export const mailParseSubject = contract(
  'mail:parseSubject',
  z.object({ subject: z.string().max(300) }),
  z.object({
    ok: z.boolean(),
    reason: z.string().nullable(),
    identification: z.string().nullable(),
    customerId: z.string().nullable(),
    customerName: z.string().nullable(),
    serviceIds: z.array(z.string()),
  }),
);
