import { z } from 'zod';
import { contract } from './contract';
import { PickedFile } from './fileRef';

export const BackupFile = z.object({ sha256: z.string(), name: z.string(), mime: z.string(), size: z.number().int() });

export const BackupView = z.object({
  id: z.string(),
  status: z.enum(['EN_REVISION', 'ACEPTADO', 'RECHAZADO']),
  customerId: z.string().nullable(),
  customerName: z.string().nullable(),
  identification: z.string().nullable(),
  services: z.array(z.object({ id: z.string(), serviceNumber: z.string(), businessLine: z.string().nullable() })),
  actaNumber: z.string().nullable(),
  actaDate: z.string().nullable(),
  office: z.string().nullable(),
  note: z.string().nullable(),
  source: z.string(),
  /** The station where it was recorded: at the central, the office that sent it (absent in views from before it was shown). */
  station: z.string().optional(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  reviewReason: z.string().nullable(),
  files: z.array(BackupFile),
});
export type BackupView = z.infer<typeof BackupView>;

/** What one respaldo takes at the desk: the form stops at these, so the save never refuses them in general words. */
export const BACKUP_LIMITS = { documents: 10, actaNumber: 60, office: 120, note: 500 } as const;

export const backupsRegister = contract(
  'backups:register',
  z.object({
    customerId: z.string().min(1),
    serviceIds: z.array(z.string().min(1)).min(1, 'Marque los servicios que cubre el respaldo.'),
    actaNumber: z.string().trim().max(BACKUP_LIMITS.actaNumber).optional(),
    actaDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use una fecha válida.').optional(),
    office: z.string().trim().max(BACKUP_LIMITS.office).optional(),
    note: z.string().trim().max(BACKUP_LIMITS.note).optional(),
    /** The documents the person chose, by token (contracts/fileRef.ts). */
    files: z.array(PickedFile).min(1, 'Adjunte al menos un documento.').max(BACKUP_LIMITS.documents),
  }),
  BackupView,
);

/**
 * A document a person just chose for a respaldo or a tercero's acta, checked at once (size, then
 * structure: documentCheck.ts) so a bad file is refused beside its chooser and not at save time,
 * when a queue is waiting. The save checks it again: the renderer's word is not taken for it.
 */
export const backupsCheckDocument = contract(
  'backups:checkDocument',
  z.object({ file: PickedFile }),
  z.object({ mime: z.enum(['application/pdf', 'image/jpeg', 'image/png']), size: z.number().int() }),
);

export const backupsQueue = contract('backups:queue', z.object({}).strict(), z.array(BackupView));
export const backupsForCustomer = contract('backups:forCustomer', z.object({ customerId: z.string().min(1) }), z.array(BackupView));
/**
 * Whose stored document a person opens, as the screen shows it: a respaldo, an acta (a tercero's
 * document) or a mail message not yet assigned. The same bytes may be attached to several (stored
 * once per SHA-256): the audit entry names the one opened, and a document it does not hold is refused.
 */
export const DocumentHolder = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('respaldo'), id: z.string().min(1).max(200) }).strict(),
  z.object({ kind: z.literal('acta'), id: z.string().min(1).max(200) }).strict(),
  z.object({ kind: z.literal('correo'), id: z.string().min(1).max(200) }).strict(),
]);
export type DocumentHolder = z.infer<typeof DocumentHolder>;

export const backupsFile = contract(
  'backups:file',
  z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), of: DocumentHolder }),
  z.union([
    z.object({ mime: z.string(), base64: z.string() }),
    /** The retention policy removed the file (its record stays): when, for the screen to say so. */
    z.object({ purgedAt: z.string() }),
  ]),
);
export const backupsReview = contract(
  'backups:review',
  z
    .object({ id: z.string().min(1), decision: z.enum(['ACEPTAR', 'RECHAZAR']), reason: z.string().trim().max(500).optional() })
    .refine((v) => v.decision === 'ACEPTAR' || (v.reason?.length ?? 0) >= 5, { message: 'Escriba el motivo del rechazo (al menos 5 caracteres).', path: ['reason'] }),
  BackupView,
);
