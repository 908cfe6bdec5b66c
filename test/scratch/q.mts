import ExcelJS from 'exceljs';
import { openDatabase } from '/work/main/electron/db/open';
import { runBaseImport } from '/work/main/electron/import/baseImport';
const wb = new ExcelJS.Workbook();
wb.addWorksheet('Notas').addRow(['Nada aquí']);
const ws = wb.addWorksheet('Base');
ws.addRow(['BASE DE CLIENTES MARZO 2021']);
ws.addRow([]);
ws.addRow(['Regional', 'Cédula', 'Apellidos y Nombres ', 'Línea de negocio', 'Nro. Servicio', 'Fecha de retiro', 'Tipo equipo', 'Marca', 'Modelo', 'Serie', 'Valor', 'Valores cargados', 'Pagado', 'Reclamo', 'Teléfono', 'Otra']);
ws.addRow(['R1', 102030405, 'PÉREZ LÓPEZ JUAN CARLOS', 'INTERNET', 1234567, new Date(Date.UTC(2020,4,10)), 'MODEM', 'HUAWEI', 'HG8245', 'ABC123', 35.5, 'SI', 'NO', 'NO', '+593991234567', 'x']);
ws.addRow(['R1', 102030405, 'PÉREZ LÓPEZ JUAN CARLOS', 'INTERNET', 1234567, '10/5/2020', 'FUENTE', 'HUAWEI', '', '', '12,50', 'SI', 'NO', 'NO', '0991234567', 'x']);
ws.addRow(['R1', 102030405, 'PÉREZ LÓPEZ JUAN CARLOS', 'INTERNET', 1234567, '10/5/2020', 'FUENTE', 'HUAWEI', '', '', '12,50', 'SI', 'NO', 'NO', '0991234567', 'x']);
ws.addRow(['R1', '', '', 'TV', 999, '10/5/2020', 'DECO', 'KAON', '', 'S1', '1', 'NO', 'NO', 'NO', '', '']);
ws.addRow(['R1', '1712345678', 'DE LA TORRE ANA', 'Televisión', '', '10/5/2020', 'DECO', 'KAON', '', 'S1', '1', 'NO', 'NO', 'NO', '', '']);
await wb.xlsx.writeFile('/tmp/t/base.xlsx');
const db = openDatabase('/tmp/t/db.sqlite');
for (const mode of ['inspect', 'preview', 'commit', 'commit'] as const) {
  const s = await runBaseImport({ db, path: '/tmp/t/base.xlsx', mode, stationCode: 'UIO-01', reportDir: '/tmp/t/rep' });
  console.log(mode, JSON.stringify({ ...s, columns: s.columns.map(c => [c.header, c.field, c.samples[0]]) }));
}
console.log(db.prepare('select * from customers').all(), db.prepare('select * from expected_items').all().length);
