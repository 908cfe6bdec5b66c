import { formatDateTime, localDay } from '../../shared/dates';
import { packagedBackups, packagedHandovers, packagedItems, packagedVoids, type PackageData } from '../db/packageExport';
import { COLUMNS } from '../xlsx/columns';
import { TableSheet, writeWorkbook, type Workbook } from '../xlsx/tableWriter';
import type { Manifest } from './packageFormat';

const yesNo = (v: number | null) => (v ? 'SI' : 'NO');

/**
 * The package's records for people: the same rows as `datos.sqlite`, one sheet per kind of
 * record, plus a summary.
 */
export async function writePackageWorkbook(p: PackageData, path: string, m: Omit<Manifest, 'files'>): Promise<void> {
  await writeWorkbook(path, (wb) => fillPackageWorkbook(wb, p, m));
}

function fillPackageWorkbook(wb: Workbook, p: PackageData, m: Omit<Manifest, 'files'>): void {
  const entregas = new TableSheet(wb, 'Entregas', [
    COLUMNS.acta,
    { header: 'FECHA DE ENTREGA', type: 'date' },
    { header: 'HISTORICA', width: 11 },
    COLUMNS.identification,
    COLUMNS.name,
    { header: 'ENTREGADO POR', width: 14 },
    { header: 'IDENTIFICACION TERCERO', type: 'text', width: 16 },
    { header: 'NOMBRE TERCERO', width: 28 },
    { header: 'OFICINA', width: 22 },
    { header: 'CIUDAD', width: 14 },
    { header: 'ASESOR', width: 24 },
    { header: 'EQUIPOS', type: 'number', width: 9 },
    { header: 'ANULADA', width: 9 },
    { header: 'CODIGO DE VERIFICACION', type: 'text', width: 14 },
    { header: 'OBSERVACIONES', width: 40 },
    COLUMNS.id,
  ]);
  for (const h of packagedHandovers(p)) {
    entregas.add([
      h.acta_number as string, localDay(h.delivered_at as string), yesNo(h.historical as number), h.customer_identification ?? h.holder_identification,
      h.holder_name, h.delivered_by, h.third_party_identification, h.third_party_name, h.office, h.city, h.clerk_name, h.items as number,
      yesNo(h.voided as number), h.verification_code, h.observations, h.id,
    ]);
  }
  entregas.commit();

  const equipos = new TableSheet(wb, 'Equipos', [
    COLUMNS.acta,
    COLUMNS.serviceNumber,
    { header: 'TIPO DE EQUIPO', width: 22 },
    { header: 'MARCA', width: 14 },
    { header: 'MODELO', width: 16 },
    COLUMNS.serial,
    { header: 'ESTADO', width: 12 },
    { header: 'ACCESORIOS', width: 30 },
    { header: 'NO LISTADO EN LA BASE', width: 12 },
    { header: 'NOTA', width: 30 },
    COLUMNS.id,
  ]);
  for (const i of packagedItems(p)) {
    const accessories = (JSON.parse((i.accessories as string) || '[]') as string[]).join(', ');
    equipos.add([i.acta_number, i.service_number, i.equipment_type, i.brand, i.model, i.serial, i.condition, accessories || null, yesNo(i.unexpected as number), i.note, i.id]);
  }
  equipos.commit();

  const respaldos = new TableSheet(wb, 'Respaldos', [
    { header: 'ESTADO', width: 13 },
    COLUMNS.identification,
    COLUMNS.name,
    { header: 'SERVICIOS', type: 'text', width: 24 },
    { header: 'ACTA', type: 'text', width: 18 },
    { header: 'FECHA DEL ACTA', type: 'date' },
    { header: 'OFICINA', width: 20 },
    { header: 'ORIGEN', width: 10 },
    { header: 'NOTA', width: 30 },
    { header: 'MOTIVO DE LA REVISION', width: 30 },
    { header: 'REGISTRADO', width: 17 },
    COLUMNS.id,
  ]);
  for (const b of packagedBackups(p)) {
    respaldos.add([b.status, b.customer_identification, b.customer_name, b.services, b.acta_number, b.acta_date, b.office, b.source, b.note, b.review_reason,
      formatDateTime(b.created_at!), b.id]);
  }
  respaldos.commit();

  const anuladas = new TableSheet(wb, 'Anuladas', [
    COLUMNS.acta,
    { header: 'FECHA DE ANULACION', type: 'date' },
    { header: 'MOTIVO', width: 40 },
    { header: 'USUARIO', width: 24 },
    { header: 'ID DEL ACTA', type: 'text', width: 38 },
  ]);
  for (const v of packagedVoids(p)) {
    anuladas.add([v.acta_number, localDay(v.created_at!), v.reason, v.user_name, v.handover_id]);
  }
  anuladas.commit();

  const resumen = new TableSheet(wb, 'Resumen', [
    { header: 'CONCEPTO', width: 28 },
    { header: 'VALOR', type: 'text', width: 40 },
  ]);
  const rows: Array<[string, string]> = [
    ['Estación', m.station.code],
    ['Oficina', m.station.office],
    ['Regional', m.station.regional ?? ''],
    ['Registros creados desde', m.range.from ? formatDateTime(m.range.from) : 'El inicio'],
    ['Registros creados hasta', formatDateTime(m.range.to)],
    ['Paquete generado', formatDateTime(m.createdAt)],
    ['Entregas (actas)', String(m.counts.handovers)],
    ['Equipos', String(m.counts.items)],
    ['Respaldos', String(m.counts.backups)],
    ['Anulaciones', String(m.counts.voids)],
    ['Documentos incluidos', String(m.counts.documents)],
    ['Versión del formato', String(m.formatVersion)],
    ['Versión de Recupera', m.appVersion],
  ];
  for (const r of rows) resumen.add(r);
  resumen.commit();
}
