import { auditCodeText } from './auditCodes';
import { CAMPAIGN_LABELS } from './campaign';
import { formatDate, formatDateTime } from './dates';
import { formatUsd, isCents } from './money';

/**
 * An audit entry's detail as a person reads it. The entry stores its detail as JSON, exactly as it
 * was chained (the chain's hashes cover that text, so it is never rewritten); the export shows it as
 * Spanish «etiqueta: valor» pairs, with dates as dd/mm/aaaa and money in dollars.
 */

/** Every field the application writes in an entry's detail. A field not listed keeps its own name (a price list's equipment types are data). */
const LABELS: Record<string, string> = {
  acta: 'acta',
  actaNumber: 'n.º de acta',
  actaPathsRebased: 'rutas de actas corregidas',
  action: 'acción',
  actas: 'actas',
  admin: 'administrador',
  after: 'después',
  afterCents: 'precios después',
  ajuste: 'ajuste',
  anterior: 'anterior',
  archive: 'archivo',
  archiveCopied: 'archivo copiado',
  auditEntries: 'entradas de auditoría',
  backup: 'copia',
  backupCreatedAt: 'copia hecha el',
  backupId: 'respaldo',
  backups: 'respaldos',
  baseDepurada: 'base depurada',
  before: 'antes',
  beforeCents: 'precios antes',
  cargaValores: 'carga de valores',
  changed: 'cambios',
  chargeTotalCents: 'valor total a cargar',
  city: 'ciudad',
  claveReforzada: 'clave reforzada',
  closed: 'campaña cerrada',
  comunicaciones: 'comunicaciones',
  conflicts: 'conflictos',
  copiesRelisted: 'copias que volvieron a la lista',
  counted: 'contados',
  counts: 'cantidades',
  customer: 'cliente',
  customers: 'clientes',
  deadline: 'fecha límite',
  decision: 'decisión',
  delivered: 'entregado en',
  deliveredBy: 'entregó',
  desbloqueo: 'desbloqueo',
  detached: 'quitados',
  differing: 'con diferencias',
  documents: 'documentos',
  duplicates: 'repetidos',
  encrypted: 'cifrado',
  expectedItems: 'equipos esperados',
  file: 'archivo',
  fileName: 'archivo',
  filter: 'filtro',
  fingerprint: 'huella',
  folder: 'carpeta',
  from: 'desde',
  fullName: 'nombre',
  generated: 'clave generada',
  handoverId: 'acta (id)',
  handovers: 'actas',
  identification: 'cédula',
  inReview: 'en revisión',
  inserted: 'nuevos',
  itemId: 'equipo (id)',
  items: 'equipos',
  kind: 'tipo',
  lastDay: 'último día',
  lines: 'líneas',
  mailId: 'correo (id)',
  motivo: 'motivo',
  name: 'nombre',
  new: 'nuevo',
  nuevo: 'nuevo',
  office: 'oficina',
  old: 'anterior',
  opened: 'campaña abierta',
  outOfBase: 'fuera de base',
  partial: 'parcial',
  path: 'ruta',
  pending: 'pendientes',
  previousFingerprint: 'huella anterior',
  reason: 'motivo',
  recipients: 'destinatarios',
  recorded: 'registrados',
  records: 'registros',
  recoveredCents: 'valor recuperado',
  regional: 'regional',
  regularized: 'regularizados',
  rejected: 'rechazadas',
  rejectedRows: 'filas rechazadas',
  removed: 'quitados',
  replaced: 'reemplazada',
  retentionDays: 'días de conservación',
  returnedItems: 'equipos devueltos',
  reversals: 'reversos',
  role: 'perfil',
  row: 'fila',
  rows: 'filas',
  schemaVersion: 'versión del esquema',
  seq: 'n.º',
  serialKey: 'serie',
  services: 'servicios',
  setting: 'ajuste',
  settings: 'ajustes',
  sha256: 'SHA-256',
  sharedFolder: 'carpeta compartida',
  siguiente: 'siguiente',
  sinceSeq: 'desde el n.º',
  sizeBytes: 'tamaño (bytes)',
  source: 'canal',
  station: 'estación',
  stations: 'estaciones',
  stationVerified: 'estación verificada',
  status: 'estado',
  summary: 'resumen',
  to: 'hasta',
  totalCents: 'valor total',
  unchanged: 'sin cambios',
  updated: 'actualizados',
  username: 'usuario',
  usuarioEscrito: 'usuario escrito',
  voided: 'anuladas',
  voids: 'anulaciones',
  warnings: 'advertencias',
  withoutKey: 'sin clave',
  // The tables a new campaign empties, counted in its entry.
  backup_files: 'documentos de respaldos',
  backup_services: 'servicios de respaldos',
  billing_lines: 'líneas de facturación',
  depuration_batches: 'lotes de depuración',
  depuration_recordings: 'lotes a medio grabar',
  expected_items: 'equipos esperados',
  handover_documents: 'documentos de actas',
  handover_items: 'equipos de actas',
  handover_voids: 'anulaciones',
  imports: 'importaciones',
  mail_messages: 'correos',
  staged_applies: 'importaciones por aplicar',
  sync_conflicts: 'conflictos',
  update_applies: 'actualizaciones aplicadas',
};

/** The same name means something else inside a depuración's counts (a count of services, not where a file went). */
const COUNT_LABELS: Record<string, string> = { delivered: 'entregados', partial: 'parciales' };

function labelOf(key: string): string | undefined {
  return Object.hasOwn(LABELS, key) ? LABELS[key] : Object.hasOwn(CAMPAIGN_LABELS, key) ? (CAMPAIGN_LABELS as Record<string, string>)[key] : undefined;
}

/** Whether a detail field has a label of its own (what is not, keeps its name). */
export function isNamedAuditField(key: string): boolean {
  return labelOf(key) !== undefined;
}

export function auditFieldLabel(key: string): string {
  return labelOf(key) ?? key;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** `money`: a field named …Cents holds cents, itself or in each of its fields (a price list by equipment type). */
function valueText(v: unknown, money: boolean, parent = ''): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'boolean') return v ? 'sí' : 'no';
  if (typeof v === 'number') return money && isCents(v) ? formatUsd(v) : v.toLocaleString('es-EC');
  if (typeof v === 'string') return DAY.test(v) ? formatDate(v) : INSTANT.test(v) ? formatDateTime(v) : v;
  if (Array.isArray(v)) return v.length === 0 ? 'ninguno' : v.map((x) => valueText(x, money, parent)).join(', ');
  if (typeof v === 'object') return `(${fields(v as Record<string, unknown>, money, ', ', parent)})`;
  return String(v);
}

function fields(o: Record<string, unknown>, money: boolean, separator: string, parent = ''): string {
  return Object.entries(o)
    .map(([k, v]) => {
      const label = (parent === 'counts' && Object.hasOwn(COUNT_LABELS, k) ? COUNT_LABELS[k] : undefined) ?? auditFieldLabel(k);
      const words = typeof v === 'string' ? auditCodeText(k, v) : undefined;
      return `${label}: ${words ?? valueText(v, money || k.endsWith('Cents'), k)}`;
    })
    .join(separator);
}

/** `archivo: base.xlsx; filas: 1.250; filas rechazadas: 7, 9`; a detail that is not a JSON object is shown as stored. */
export function auditDetailText(detail: string | null): string {
  if (!detail) return '';
  let parsed: unknown;
  try {
    parsed = JSON.parse(detail);
  } catch {
    return detail;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return valueText(parsed, false);
  return fields(parsed as Record<string, unknown>, false, '; ');
}
