import { FIELD_LIMITS } from '../../shared/fieldLimits';
import type { TextLimit, UntrustedSpec } from './untrustedData';

/**
 * Tables of `datos.sqlite`. Their columns restate the main schema's (test/integration/packageSchema.test.ts
 * checks each against its source); they change only with a new PACKAGE_VERSION. Version 2 (signed
 * packages) added handovers.signature; unsigned version 1 packages are refused, so only the
 * current version's tables are kept.
 */
export const PACKAGE_SCHEMA = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
CREATE TABLE handovers (
  id TEXT PRIMARY KEY,
  origin_station TEXT NOT NULL,
  acta_number TEXT NOT NULL,
  acta_year INTEGER,
  acta_seq INTEGER,
  historical INTEGER NOT NULL,
  out_of_base INTEGER NOT NULL,
  customer_key TEXT,
  customer_identification TEXT,
  customer_id_type TEXT,
  customer_name TEXT,
  customer_phone TEXT,
  holder_identification TEXT,
  holder_name TEXT NOT NULL,
  delivered_by TEXT NOT NULL,
  third_party_identification TEXT,
  third_party_name TEXT,
  third_party_documents INTEGER NOT NULL,
  observations TEXT,
  office TEXT,
  city TEXT,
  clerk_user_id TEXT,
  clerk_name TEXT,
  delivered_at TEXT NOT NULL,
  created_at TEXT NOT NULL,
  content_hash TEXT,
  verification_code TEXT,
  -- The issuing station's signature of the acta (format 2); NULL for actas from before signatures.
  signature TEXT,
  pdf_file TEXT
) STRICT;
CREATE TABLE items (
  id TEXT PRIMARY KEY,
  origin_station TEXT NOT NULL,
  handover_id TEXT NOT NULL,
  service_number TEXT,
  service_key TEXT,
  business_line TEXT,
  line_key TEXT,
  equipment_type TEXT,
  brand TEXT,
  model TEXT,
  serial TEXT,
  serial_key TEXT,
  condition TEXT NOT NULL,
  accessories TEXT NOT NULL,
  note TEXT,
  unexpected INTEGER NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX items_handover ON items(handover_id);
CREATE TABLE voids (
  id TEXT PRIMARY KEY,
  origin_station TEXT NOT NULL,
  handover_id TEXT NOT NULL,
  acta_number TEXT,
  reason TEXT NOT NULL,
  user_id TEXT,
  user_name TEXT,
  created_at TEXT NOT NULL
) STRICT;
CREATE TABLE backups (
  id TEXT PRIMARY KEY,
  origin_station TEXT NOT NULL,
  customer_key TEXT,
  customer_identification TEXT,
  customer_name TEXT,
  status TEXT NOT NULL,
  acta_number TEXT,
  acta_date TEXT,
  office TEXT,
  source TEXT NOT NULL,
  note TEXT,
  review_reason TEXT,
  reviewed_by TEXT,
  reviewed_at TEXT,
  created_by TEXT,
  created_at TEXT NOT NULL
) STRICT;
CREATE TABLE backup_services (
  backup_id TEXT NOT NULL,
  service_key TEXT NOT NULL,
  service_number TEXT NOT NULL,
  PRIMARY KEY (backup_id, service_key)
) STRICT;
CREATE TABLE backup_files (
  id TEXT PRIMARY KEY,
  backup_id TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  file_name TEXT NOT NULL,
  mime TEXT NOT NULL,
  size INTEGER NOT NULL,
  -- The document's name inside the package, when the export included documents.
  package_file TEXT
) STRICT;
`;

const L = FIELD_LIMITS;
/** Ids, keys, codes, states, dates and hashes: values machines write, never long. */
const MACHINE = L.shortText;
const f = (max: number, label: string): TextLimit => ({ max, label });

/** What is shared by the package's and the national update's tables of actas and their items. */
export const ACTA_TEXT = {
  id: f(MACHINE, 'Identificador'),
  origin_station: f(MACHINE, 'Estación'),
  acta_number: f(MACHINE, 'Número de acta'),
  customer_key: f(MACHINE, 'Clave del cliente'),
  holder_identification: f(L.identification, 'Identificación del titular'),
  holder_name: f(L.name, 'Nombre del titular'),
  delivered_by: f(MACHINE, 'Quién entregó'),
  third_party_identification: f(L.identification, 'Identificación del tercero'),
  third_party_name: f(L.name, 'Nombre del tercero'),
  observations: f(L.observations, 'Observaciones'),
  office: f(L.shortText, 'Oficina'),
  city: f(L.city, 'Ciudad'),
  clerk_user_id: f(MACHINE, 'Usuario'),
  clerk_name: f(L.name, 'Nombre del asesor'),
  delivered_at: f(MACHINE, 'Fecha de entrega'),
  created_at: f(MACHINE, 'Fecha de registro'),
  content_hash: f(MACHINE, 'Huella del contenido'),
  verification_code: f(MACHINE, 'Código de verificación'),
  signature: f(MACHINE, 'Firma'),
} as const satisfies Record<string, TextLimit>;

export const ITEM_TEXT = {
  id: f(MACHINE, 'Identificador'),
  origin_station: f(MACHINE, 'Estación'),
  handover_id: f(MACHINE, 'Acta'),
  service_number: f(L.serviceNumber, 'Número de servicio'),
  service_key: f(MACHINE, 'Clave del servicio'),
  line_key: f(MACHINE, 'Clave de la línea'),
  equipment_type: f(L.equipmentType, 'Tipo de equipo'),
  brand: f(L.brand, 'Marca'),
  model: f(L.model, 'Modelo'),
  serial: f(L.serial, 'Serie'),
  serial_key: f(L.serial, 'Clave de la serie'),
  condition: f(MACHINE, 'Estado'),
  // A JSON list of the accessories received.
  accessories: f(L.observations, 'Accesorios'),
  note: f(L.itemNote, 'Nota'),
  created_at: f(MACHINE, 'Fecha de registro'),
} as const satisfies Record<string, TextLimit>;

export const VOID_TEXT = {
  id: f(MACHINE, 'Identificador'),
  origin_station: f(MACHINE, 'Estación'),
  handover_id: f(MACHINE, 'Acta'),
  reason: f(L.observations, 'Motivo'),
  user_id: f(MACHINE, 'Usuario'),
  user_name: f(L.name, 'Nombre del usuario'),
  created_at: f(MACHINE, 'Fecha'),
} as const satisfies Record<string, TextLimit>;

export const BACKUP_TEXT = {
  id: f(MACHINE, 'Identificador'),
  origin_station: f(MACHINE, 'Estación'),
  customer_key: f(MACHINE, 'Clave del cliente'),
  status: f(MACHINE, 'Estado'),
  acta_number: f(MACHINE, 'Número de acta'),
  acta_date: f(MACHINE, 'Fecha del acta'),
  office: f(L.shortText, 'Oficina'),
  source: f(MACHINE, 'Origen'),
  note: f(L.observations, 'Nota'),
  review_reason: f(L.observations, 'Motivo de la revisión'),
  reviewed_by: f(L.name, 'Quién revisó'),
  reviewed_at: f(MACHINE, 'Fecha de revisión'),
  created_by: f(L.name, 'Quién registró'),
  created_at: f(MACHINE, 'Fecha de registro'),
} as const satisfies Record<string, TextLimit>;

export const BACKUP_FILE_TEXT = {
  id: f(MACHINE, 'Identificador'),
  backup_id: f(MACHINE, 'Respaldo'),
  sha256: f(MACHINE, 'Huella'),
  file_name: f(L.fileName, 'Nombre del archivo'),
  mime: f(MACHINE, 'Tipo'),
} as const satisfies Record<string, TextLimit>;

export const META_TEXT = { key: f(MACHINE, 'Clave'), value: f(MACHINE, 'Valor') } as const satisfies Record<string, TextLimit>;

/**
 * Every text column of `datos.sqlite` with its limit (shared/fieldLimits.ts for what people write
 * or the base holds; machine values within a short text's limit). A received package whose data
 * holds a longer value is refused whole, naming the record and the field (db/untrustedData.ts).
 */
export const PACKAGE_DATA: UntrustedSpec = {
  schema: PACKAGE_SCHEMA,
  tables: {
    meta: { record: 'del dato', key: 'key', text: META_TEXT },
    handovers: {
      record: 'del acta',
      key: 'acta_number',
      text: {
        ...ACTA_TEXT,
        customer_identification: f(L.identification, 'Identificación del cliente'),
        customer_id_type: f(MACHINE, 'Tipo de identificación'),
        customer_name: f(L.name, 'Nombre del cliente'),
        customer_phone: f(L.phone, 'Teléfono del cliente'),
        pdf_file: f(L.fileName, 'PDF del acta'),
      },
    },
    items: { record: 'del equipo', key: 'id', text: { ...ITEM_TEXT, business_line: f(L.businessLine, 'Línea de negocio') } },
    voids: { record: 'de la anulación', key: 'id', text: { ...VOID_TEXT, acta_number: f(MACHINE, 'Número de acta') } },
    backups: {
      record: 'del respaldo',
      key: 'id',
      text: { ...BACKUP_TEXT, customer_identification: f(L.identification, 'Identificación del cliente'), customer_name: f(L.name, 'Nombre del cliente') },
    },
    backup_services: {
      record: 'del servicio del respaldo',
      key: 'backup_id',
      text: { backup_id: f(MACHINE, 'Respaldo'), service_key: f(MACHINE, 'Clave del servicio'), service_number: f(L.serviceNumber, 'Número de servicio') },
    },
    backup_files: { record: 'del documento', key: 'id', text: { ...BACKUP_FILE_TEXT, package_file: f(L.fileName, 'Nombre en el paquete') } },
  },
};
