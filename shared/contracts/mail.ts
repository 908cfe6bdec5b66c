import { z } from 'zod';
import { contract } from './contract';

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
});
export type MailImportResult = z.infer<typeof MailImportResult>;

export const mailImport = contract('mail:import', z.object({ folder: z.string().trim().min(1, 'Indique la carpeta con los correos (.eml).') }), MailImportResult);
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
