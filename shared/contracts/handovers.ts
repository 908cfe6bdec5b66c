import { z } from 'zod';
import { ACCESSORIES, CONDITIONS } from '../handover';
import { CentsSchema, contract } from './contract';
import { assertNever } from '../result';
import { PickedFile } from './fileRef';

const text = (max: number) => z.string().trim().max(max);

export const HandoverItemInput = z.object({
  /** The base's item this one returns; absent for an item the base did not list. */
  expectedItemId: z.string().optional(),
  serviceId: z.string().optional(),
  /** Required for items the base did not list; for the base's items the stored type is used. */
  type: text(80).optional(),
  brand: text(80).optional(),
  model: text(80).optional(),
  serial: text(80).optional(),
  condition: z.enum(CONDITIONS),
  accessories: z.array(z.enum(ACCESSORIES)).max(ACCESSORIES.length),
  note: text(300).optional(),
});
export type HandoverItemInput = z.infer<typeof HandoverItemInput>;

/** What a document the tercero brought is: the holder's authorisation letter, a copy of the holder's ID, or another paper. */
export const HANDOVER_DOCUMENT_KINDS = ['AUTORIZACION', 'IDENTIFICACION_TITULAR', 'OTRO'] as const;
export type HandoverDocumentKind = (typeof HANDOVER_DOCUMENT_KINDS)[number];

export function handoverDocumentLabel(kind: HandoverDocumentKind): string {
  switch (kind) {
    case 'AUTORIZACION':
      return 'Carta de autorización';
    case 'IDENTIFICACION_TITULAR':
      return 'Copia de la cédula del titular';
    case 'OTRO':
      return 'Otro documento';
    default:
      return assertNever(kind);
  }
}

/** A document chosen at the desk (by file token) and what it is. */
export const HandoverDocumentInput = PickedFile.extend({ kind: z.enum(HANDOVER_DOCUMENT_KINDS) });
export type HandoverDocumentInput = z.infer<typeof HandoverDocumentInput>;

export const HandoverInput = z
  .object({
    customerId: z.string().optional(),
    /** A customer the base does not have: recorded by hand and flagged for Posventa. */
    outOfBase: z
      .object({
        identification: text(20).min(5, 'Escriba la identificación del titular.'),
        name: text(160).min(3, 'Escriba los apellidos y nombres del titular.'),
        serviceNumber: text(40).min(1, 'Escriba el número de servicio.'),
        businessLine: text(40).optional(),
      })
      .optional(),
    deliveredBy: z.enum(['TITULAR', 'TERCERO']),
    thirdParty: z
      .object({
        identification: text(20).min(5, 'Escriba la identificación de quien entrega.'),
        name: text(160).min(3, 'Escriba el nombre de quien entrega.'),
        documentsReceived: z.boolean(),
      })
      .optional(),
    observations: text(1000).optional(),
    items: z.array(HandoverItemInput).min(1, 'Marque al menos un equipo recibido.').max(50),
    /** The tercero's documents, scanned or photographed at the desk; none when the paper is scanned later. */
    documents: z.array(HandoverDocumentInput).max(6).optional(),
  })
  .refine((v) => Boolean(v.customerId) !== Boolean(v.outOfBase), { message: 'Indique el cliente de la base o registre uno fuera de base.', path: ['customerId'] })
  .refine((v) => v.deliveredBy === 'TITULAR' || (v.thirdParty && v.thirdParty.documentsReceived), {
    message: 'Si entrega un tercero, registre su identificación y nombre y confirme que recibió la carta de autorización y la copia de cédula del titular.',
    path: ['thirdParty'],
  })
  .refine((v) => v.deliveredBy === 'TERCERO' || !v.documents?.length, {
    message: 'Solo se adjuntan documentos cuando entrega un tercero.',
    path: ['documents'],
  });
export type HandoverInput = z.infer<typeof HandoverInput>;

export const ActaItem = z.object({
  serviceNumber: z.string().nullable(),
  type: z.string().nullable(),
  brand: z.string().nullable(),
  model: z.string().nullable(),
  serial: z.string().nullable(),
  condition: z.enum(CONDITIONS),
  accessories: z.array(z.enum(ACCESSORIES)),
  note: z.string().nullable(),
  unexpected: z.boolean(),
});

export const HandoverDocumentView = z.object({
  id: z.string(),
  kind: z.enum(HANDOVER_DOCUMENT_KINDS),
  sha256: z.string(),
  name: z.string(),
  mime: z.string(),
  size: z.number().int(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  /** When the retention purge removed its file (the record stays); null while it is kept. */
  purgedAt: z.string().nullable(),
});
export type HandoverDocumentView = z.infer<typeof HandoverDocumentView>;

export const ActaView = z.object({
  id: z.string(),
  number: z.string(),
  station: z.string(),
  office: z.string().nullable(),
  city: z.string().nullable(),
  deliveredAt: z.string(),
  clerkName: z.string().nullable(),
  /** The clerk's user name and cédula, when this station knows the user (the cédula only if it was recorded). */
  clerkUsername: z.string().nullable(),
  clerkIdentification: z.string().nullable(),
  customerId: z.string().nullable(),
  holder: z.object({ identification: z.string().nullable(), name: z.string() }),
  deliveredBy: z.enum(['TITULAR', 'TERCERO']),
  thirdParty: z.object({ identification: z.string().nullable(), name: z.string().nullable(), documentsReceived: z.boolean() }).nullable(),
  /** The tercero's documents attached to this acta (at the desk or afterwards). */
  documents: z.array(HandoverDocumentView),
  services: z.array(z.object({ serviceNumber: z.string(), businessLine: z.string().nullable() })),
  items: z.array(ActaItem),
  observations: z.string().nullable(),
  outOfBase: z.boolean(),
  historical: z.boolean(),
  verificationCode: z.string(),
  /** What the printed QR carries: the number, content hash and issuing station's signature. */
  qrText: z.string(),
  voided: z.object({ reason: z.string(), at: z.string(), by: z.string().nullable() }).nullable(),
  /** The customer's items of the base still owed once this acta was signed (electron/db/actaContext.ts). */
  owed: z.array(
    z.object({
      serviceNumber: z.string(),
      businessLine: z.string().nullable(),
      type: z.string().nullable(),
      brand: z.string().nullable(),
      model: z.string().nullable(),
      serial: z.string().nullable(),
      valueCents: CentsSchema.nullable(),
    }),
  ),
});
export type ActaView = z.infer<typeof ActaView>;

export const ActaSummary = z.object({
  id: z.string(),
  number: z.string(),
  deliveredAt: z.string(),
  clerkName: z.string().nullable(),
  holderName: z.string(),
  holderIdentification: z.string().nullable(),
  itemCount: z.number().int(),
  types: z.array(z.string()),
  voided: z.boolean(),
  outOfBase: z.boolean(),
  /** From a list of earlier returns: `deliveredAt` holds its day only. */
  historical: z.boolean(),
});
export type ActaSummary = z.infer<typeof ActaSummary>;

export const handoversSave = contract('handovers:save', HandoverInput, ActaView);
/** Attaches the tercero's documents to an acta already saved (the paper was scanned later). */
export const handoversAttachDocuments = contract(
  'handovers:attachDocuments',
  z.object({ id: z.string().min(1), documents: z.array(HandoverDocumentInput).min(1, 'Elija al menos un documento.').max(6) }),
  ActaView,
);
export const handoversGet = contract('handovers:get', z.object({ id: z.string().min(1) }), ActaView);
export const handoversVoid = contract(
  'handovers:void',
  z.object({ id: z.string().min(1), reason: text(500).min(5, 'Escriba el motivo de la anulación (al menos 5 caracteres).') }),
  ActaView,
);
export const handoversForCustomer = contract('handovers:forCustomer', z.object({ customerId: z.string().min(1) }), z.array(ActaSummary));
export const handoversList = contract(
  'handovers:list',
  z.object({
    from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    includeVoided: z.boolean().default(true),
  }),
  z.object({
    actas: z.array(ActaSummary),
    /** Items received by equipment type, voided actas left out: the clerk's end-of-day count. */
    byType: z.array(z.object({ type: z.string(), count: z.number().int() })),
  }),
);
export const handoversSerialOwner = contract(
  'handovers:serialOwner',
  z.object({ serial: z.string().trim().min(1).max(80) }),
  z.object({
    owners: z.array(
      z.object({ customerId: z.string(), name: z.string().nullable(), identification: z.string().nullable(), serviceNumber: z.string(), itemId: z.string(), returned: z.boolean() }),
    ),
  }),
);
export const handoversPdf = contract(
  'handovers:pdf',
  z.object({ id: z.string().min(1), reprint: z.boolean().default(false) }),
  z.object({
    /** The stored PDF; null when it could not be made (the acta is saved all the same). */
    path: z.string().nullable(),
    /** The same document as HTML, for the on-screen preview and the printout. */
    html: z.string(),
    warning: z.string().nullable(),
  }),
);

/**
 * What verifying a printed acta concludes. AUTENTICA: signed by its station and, where this base
 * has the record, the record still says the same; ANULADA: authentic but voided; ALTERADA: the
 * signature, the QR or the record was changed; NO_CORRESPONDE: the typed code is not that acta's;
 * DESCONOCIDA: this base cannot tell (no record and no identity of the station).
 */
export const ACTA_VERDICTS = ['AUTENTICA', 'ANULADA', 'ALTERADA', 'NO_CORRESPONDE', 'DESCONOCIDA'] as const;
export type ActaVerdict = (typeof ACTA_VERDICTS)[number];

export const ActaVerification = z.object({
  verdict: z.enum(ACTA_VERDICTS),
  /** The same verdict in the older terms the screens used first. */
  outcome: z.enum(['genuine', 'voided', 'altered', 'code_mismatch', 'not_found']),
  /** Plain Spanish for the clerk. */
  message: z.string(),
  /** The record, where this base has it. */
  acta: z
    .object({
      id: z.string(),
      number: z.string(),
      holderName: z.string(),
      holderIdentification: z.string().nullable(),
      deliveredAt: z.string(),
      station: z.string(),
      voidReason: z.string().nullable(),
    })
    .nullable(),
  /** The number read from the document, and the station it names. */
  number: z.string().nullable(),
  station: z.string().nullable(),
  /** Fingerprint of the station key whose signature was checked; null when none could be. */
  signedBy: z.string().nullable(),
  recordKnown: z.boolean(),
});
export type ActaVerification = z.infer<typeof ActaVerification>;

/** Checks what is printed on an acta (its QR text, its number and code, or the code alone) against the records. */
export const handoversVerify = contract('handovers:verify', z.object({ text: z.string().trim().min(4, 'Escriba o escanee el código del acta.').max(200) }), ActaVerification);
