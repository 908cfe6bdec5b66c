import type { ColumnSpec } from './tableWriter';

/** Columns several workbooks share, written the same way everywhere (IDs and codes as text). */
export const COLUMNS = {
  identification: { header: 'IDENTIFICACION', type: 'text', width: 16 },
  name: { header: 'APELLIDOS Y NOMBRES', width: 34 },
  serviceNumber: { header: 'NUMERO DE SERVICIO', type: 'text', width: 18 },
  businessLine: { header: 'LINEA DE NEGOCIO' },
  cancelDate: { header: 'FECHA DE RETIRO', type: 'date' },
  serial: { header: 'SERIE', type: 'text', width: 20 },
  acta: { header: 'ACTA', type: 'text', width: 26 },
  id: { header: 'ID', type: 'text', width: 38 },
} as const satisfies Record<string, ColumnSpec>;
