import { z } from 'zod';
import { CentsSchema, contract } from './contract';
import { DepurationCounts, DepurationFiles } from './sync';

export const BATCH_STATUSES = ['GENERADO', 'ENVIADO', 'CONFIRMADO'] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];

export function batchStatusLabel(status: BatchStatus): string {
  switch (status) {
    case 'GENERADO':
      return 'Generado';
    case 'ENVIADO':
      return 'Enviado a facturación';
    case 'CONFIRMADO':
      return 'Recepción confirmada';
    default:
      return status satisfies never;
  }
}

const BatchNumber = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^DEP-\d{4}-\d{4}$/, 'Escriba el número del lote como DEP-AAAA-NNNN.');

/** A step of the lifecycle: when, and who (the user's full name). */
const Step = z.object({ at: z.string(), by: z.string().nullable() }).nullable();

/** A depuración batch as billing follows it: what it charged and reversed, and where it stands. */
export const BillingBatch = z.object({
  batch: z.string(),
  createdAt: z.string(),
  status: z.enum(BATCH_STATUSES),
  sent: Step,
  confirmed: Step,
  /** A later batch already sent: this one is out of date and can no longer be sent. */
  replacedBy: z.string().nullable(),
  counts: DepurationCounts,
  /** Lines of the carga de valores: items charged and reversed, in cents (batches made before lines were kept: zero). */
  billing: z.object({ chargeItems: z.number().int(), chargeCents: CentsSchema, reversalItems: z.number().int(), reversalCents: CentsSchema }),
  files: DepurationFiles,
  sha256: DepurationFiles,
});
export type BillingBatch = z.infer<typeof BillingBatch>;

export const billingBatches = contract('billing:batches', z.object({}), z.object({ batches: z.array(BillingBatch) }));

/** GENERADO → ENVIADO: the carga de valores went to billing; from now on its charges count as billed. */
export const billingMarkSent = contract('billing:markSent', z.object({ batch: BatchNumber }), BillingBatch);

/** ENVIADO → CONFIRMADO: billing confirmed it received the batch. */
export const billingMarkConfirmed = contract('billing:markConfirmed', z.object({ batch: BatchNumber }), BillingBatch);
