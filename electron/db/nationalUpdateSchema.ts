import { FIELD_LIMITS } from '../../shared/fieldLimits';
import { ACTA_TEXT, BACKUP_FILE_TEXT, BACKUP_TEXT, ITEM_TEXT, META_TEXT, VOID_TEXT } from './packageSchema';
import type { TextLimit, UntrustedSpec } from './untrustedData';

/**
 * Tables of a national update's `datos.sqlite`. Records refer to customers, services and expected
 * items by their keys in the base (customer_key, service_key, line_key), never by a database's
 * internal ids, so every office matches them to its own rows. Their columns restate the main
 * schema's; they change only with a new update format version.
 */
export const UPDATE_SCHEMA = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
CREATE TABLE customers (
  customer_key TEXT PRIMARY KEY,
  identification TEXT,
  id_type TEXT,
  name TEXT,
  phone TEXT,
  email TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE TABLE services (
  service_key TEXT PRIMARY KEY,
  customer_key TEXT NOT NULL,
  service_number TEXT NOT NULL,
  business_line TEXT,
  business_line_raw TEXT,
  cancel_date TEXT,
  regional TEXT,
  province TEXT,
  city TEXT,
  charges_loaded INTEGER NOT NULL,
  paid INTEGER NOT NULL,
  claim INTEGER NOT NULL,
  in_base INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE TABLE expected_items (
  service_key TEXT NOT NULL,
  line_key TEXT NOT NULL,
  equipment_type TEXT,
  brand TEXT,
  model TEXT,
  serial TEXT,
  serial_key TEXT,
  value_cents INTEGER,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (service_key, line_key)
) STRICT;
CREATE TABLE handovers (
  id TEXT PRIMARY KEY,
  origin_station TEXT NOT NULL,
  acta_number TEXT NOT NULL,
  acta_year INTEGER,
  acta_seq INTEGER,
  historical INTEGER NOT NULL,
  out_of_base INTEGER NOT NULL,
  customer_key TEXT,
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
  signature TEXT,
  original_number TEXT
) STRICT;
CREATE TABLE items (
  id TEXT PRIMARY KEY,
  origin_station TEXT NOT NULL,
  handover_id TEXT NOT NULL,
  service_number TEXT,
  service_key TEXT,
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
CREATE TABLE voids (
  id TEXT PRIMARY KEY,
  origin_station TEXT NOT NULL,
  handover_id TEXT NOT NULL,
  reason TEXT NOT NULL,
  user_id TEXT,
  user_name TEXT,
  created_at TEXT NOT NULL
) STRICT;
CREATE TABLE backups (
  id TEXT PRIMARY KEY,
  origin_station TEXT NOT NULL,
  customer_key TEXT,
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
  PRIMARY KEY (backup_id, service_key)
) STRICT;
CREATE TABLE backup_files (
  id TEXT PRIMARY KEY,
  backup_id TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  file_name TEXT NOT NULL,
  mime TEXT NOT NULL,
  size INTEGER NOT NULL
) STRICT;
CREATE TABLE conflicts (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  conflict_key TEXT NOT NULL,
  detail TEXT NOT NULL,
  payload TEXT,
  package_sha256 TEXT,
  created_at TEXT NOT NULL,
  resolution TEXT,
  resolution_reason TEXT,
  resolution_detail TEXT,
  resolved_by TEXT,
  resolved_at TEXT
) STRICT;
-- The apply matches the office's conflicts with these by kind and key (one row per pair at the central).
CREATE INDEX conflicts_key ON conflicts(kind, conflict_key);
CREATE TABLE stations (
  id TEXT PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  office TEXT NOT NULL,
  regional TEXT,
  city TEXT,
  role TEXT NOT NULL,
  public_key TEXT NOT NULL,
  fingerprint TEXT NOT NULL
) STRICT;
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
`;

/** Settings Posventa owns for the whole campaign (dates, texts, prices); every other setting stays local. */
export const NATIONAL_SETTINGS = ['campaign', 'prices'] as const;

const L = FIELD_LIMITS;
/** Ids, keys, codes, states, dates, hashes and keys' text: values machines write, never long. */
const MACHINE = L.shortText;
const f = (max: number, label: string): TextLimit => ({ max, label });
/**
 * A conflict's description and records (an acta with its items, two stations, as JSON): written
 * by the central itself, and a serial found in many actas lists every one of them.
 */
const CONFLICT_TEXT = 1024 * 1024;
/** Posventa's campaign settings (dates, texts, prices), as JSON. */
const SETTING_VALUE = 64 * 1024;

/**
 * Every text column of an update's `datos.sqlite` with its limit (shared/fieldLimits.ts for what
 * people write or the base holds; machine values within a short text's limit). An update whose
 * data holds a longer value is refused whole, naming the record and the field (db/untrustedData.ts).
 */
export const UPDATE_DATA: UntrustedSpec = {
  schema: UPDATE_SCHEMA,
  tables: {
    meta: { record: 'del dato', key: 'key', text: META_TEXT },
    customers: {
      record: 'del cliente',
      key: 'customer_key',
      text: {
        customer_key: f(MACHINE, 'Clave'),
        identification: f(L.identification, 'Identificación'),
        id_type: f(MACHINE, 'Tipo de identificación'),
        name: f(L.name, 'Nombre'),
        phone: f(L.phone, 'Teléfono'),
        email: f(L.email, 'Correo'),
        created_at: f(MACHINE, 'Fecha de registro'),
        updated_at: f(MACHINE, 'Fecha de cambio'),
      },
    },
    services: {
      record: 'del servicio',
      key: 'service_key',
      text: {
        service_key: f(MACHINE, 'Clave'),
        customer_key: f(MACHINE, 'Clave del cliente'),
        service_number: f(L.serviceNumber, 'Número de servicio'),
        business_line: f(L.businessLine, 'Línea de negocio'),
        business_line_raw: f(L.rawCell, 'Línea de negocio (como vino en la base)'),
        cancel_date: f(MACHINE, 'Fecha de retiro'),
        regional: f(L.regional, 'Regional'),
        province: f(L.province, 'Provincia'),
        city: f(L.city, 'Ciudad'),
        created_at: f(MACHINE, 'Fecha de registro'),
        updated_at: f(MACHINE, 'Fecha de cambio'),
      },
    },
    expected_items: {
      record: 'del equipo esperado del servicio',
      key: 'service_key',
      text: {
        service_key: f(MACHINE, 'Clave del servicio'),
        line_key: f(MACHINE, 'Clave de la línea'),
        equipment_type: f(L.equipmentType, 'Tipo de equipo'),
        brand: f(L.brand, 'Marca'),
        model: f(L.model, 'Modelo'),
        serial: f(L.serial, 'Serie'),
        serial_key: f(L.serial, 'Clave de la serie'),
        created_at: f(MACHINE, 'Fecha de registro'),
        updated_at: f(MACHINE, 'Fecha de cambio'),
      },
    },
    handovers: { record: 'del acta', key: 'acta_number', text: { ...ACTA_TEXT, original_number: f(MACHINE, 'Número original') } },
    items: { record: 'del equipo', key: 'id', text: ITEM_TEXT },
    voids: { record: 'de la anulación', key: 'id', text: VOID_TEXT },
    backups: { record: 'del respaldo', key: 'id', text: BACKUP_TEXT },
    backup_services: { record: 'del servicio del respaldo', key: 'backup_id', text: { backup_id: f(MACHINE, 'Respaldo'), service_key: f(MACHINE, 'Clave del servicio') } },
    backup_files: { record: 'del documento', key: 'id', text: BACKUP_FILE_TEXT },
    conflicts: {
      record: 'del conflicto',
      key: 'id',
      text: {
        id: f(MACHINE, 'Identificador'),
        kind: f(MACHINE, 'Tipo'),
        conflict_key: f(MACHINE, 'Clave'),
        detail: f(CONFLICT_TEXT, 'Descripción'),
        payload: f(CONFLICT_TEXT, 'Registros'),
        package_sha256: f(MACHINE, 'Paquete'),
        created_at: f(MACHINE, 'Fecha de registro'),
        resolution: f(MACHINE, 'Resolución'),
        resolution_reason: f(L.observations, 'Motivo de la resolución'),
        resolution_detail: f(CONFLICT_TEXT, 'Detalle de la resolución'),
        resolved_by: f(L.name, 'Quién resolvió'),
        resolved_at: f(MACHINE, 'Fecha de resolución'),
      },
    },
    stations: {
      record: 'de la estación',
      key: 'code',
      text: {
        id: f(MACHINE, 'Identificador'),
        code: f(MACHINE, 'Código'),
        office: f(L.shortText, 'Oficina'),
        regional: f(L.regional, 'Regional'),
        city: f(L.city, 'Ciudad'),
        role: f(MACHINE, 'Rol'),
        public_key: f(MACHINE, 'Clave pública'),
        fingerprint: f(MACHINE, 'Huella de la clave'),
      },
    },
    settings: { record: 'del ajuste', key: 'key', text: { key: f(MACHINE, 'Clave'), value: f(SETTING_VALUE, 'Valor') } },
  },
};
