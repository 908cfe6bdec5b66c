import ExcelJS from 'exceljs';

export type Cell = string | number | boolean | Date | null;

/** Writes a workbook the way a spreadsheet program would: sheets in order, rows as given. */
export async function writeWorkbook(path: string, sheets: Array<{ name: string; rows: Cell[][] }>): Promise<void> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    for (const r of s.rows) ws.addRow(r);
    ws.getColumn(6).numFmt = 'dd/mm/yyyy';
  }
  await wb.xlsx.writeFile(path);
}

export const HEADER: Cell[] = [
  'REGIONAL', 'IDENTIFICACION', 'APELLIDOS Y NOMBRES', 'LINEA DE NEGOCIO', 'NUMERO DE SERVICIO', 'FECHA DE RETIRO',
  'TIPO DE EQUIPO', 'MARCA', 'MODELO', 'SERIE', 'VALOR', 'VALORES CARGADOS', 'PAGADO', 'RECLAMO', 'TELEFONO', 'CORREO',
];

export const d = (y: number, m: number, day: number): Date => new Date(Date.UTC(y, m - 1, day));
