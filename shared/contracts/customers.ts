import { z } from 'zod';
import { SERVICE_STATUSES } from '../status';
import { CentsSchema, contract } from './contract';

export const ItemCard = z.object({
  id: z.string(),
  type: z.string().nullable(),
  brand: z.string().nullable(),
  model: z.string().nullable(),
  serial: z.string().nullable(),
  /**
   * What the item is worth; the customer is charged this if it does not come back: the base's VALOR
   * when usable, else the price of its type (shared/prices.ts); null when neither exists.
   */
  valueCents: CentsSchema.nullable(),
  /** The value is its type's price (the base's VALOR was blank or unusable). */
  fromPrice: z.boolean().optional(),
  /** Number of the (not voided) acta in which it came back, if it did. */
  returnedIn: z.string().nullable(),
});

export const ServiceCard = z.object({
  id: z.string(),
  serviceNumber: z.string(),
  businessLine: z.string().nullable(),
  cancelDate: z.string().nullable(),
  status: z.enum(SERVICE_STATUSES),
  statusReason: z.string().nullable(),
  /** The base's VALORES CARGADOS. */
  chargesLoaded: z.boolean(),
  /** A charge Recupera sent billing (a depuración batch sent) stands on one of its items: charged, whatever the base says. */
  chargedInBatch: z.boolean().optional(),
  paid: z.boolean(),
  claim: z.boolean(),
  inBase: z.boolean(),
  regional: z.string().nullable(),
  province: z.string().nullable(),
  city: z.string().nullable(),
  items: z.array(ItemCard),
  /** Items an acta (not voided) took on this service that the base did not list: they came back, so the card shows them. */
  unlisted: z.array(
    z.object({
      id: z.string(),
      type: z.string().nullable(),
      brand: z.string().nullable(),
      model: z.string().nullable(),
      serial: z.string().nullable(),
      returnedIn: z.string(),
      /** Not in the base, so valued by its type's price; null when the type has none. */
      valueCents: CentsSchema.nullable().optional(),
    }),
  ),
});
export type ServiceCard = z.infer<typeof ServiceCard>;

export const MatchKind = z.enum(['identification', 'serviceNumber', 'serial', 'phone', 'name']);
export type MatchKind = z.infer<typeof MatchKind>;

export const CustomerCard = z.object({
  id: z.string(),
  identification: z.string().nullable(),
  idType: z.string().nullable(),
  name: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  /** What the query matched, so the UI can say why this customer is listed. */
  match: MatchKind.nullable(),
  services: z.array(ServiceCard),
});
export type CustomerCard = z.infer<typeof CustomerCard>;

export const searchQuery = contract(
  'search:query',
  z.object({ text: z.string().max(200), limit: z.number().int().min(1).max(100).default(20) }),
  z.object({ results: z.array(CustomerCard), total: z.number().int() }),
);

export const customerGet = contract('customers:get', z.object({ id: z.string().min(1) }), CustomerCard);
