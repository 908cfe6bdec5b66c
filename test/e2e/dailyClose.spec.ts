import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { axeFindings } from './axe';
import { cli, startApp, type RunningApp } from './server';

/** The coordinator records two returns, counts one short at the end of the day, and signs. */
let app: RunningApp;
const PASSWORD = 'clave-segura-1';

test.beforeAll(async () => {
  app = await startApp(async (dir, dbPath) => {
    cli('iniciar', '--db', dbPath, '--estacion', 'UIO-INAQUITO-01', '--oficina', 'CAC Iñaquito', '--usuario', 'coord', '--nombre', 'Carla Coordinadora', '--clave', PASSWORD);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Base');
    ws.addRow(['IDENTIFICACION', 'APELLIDOS Y NOMBRES', 'LINEA DE NEGOCIO', 'NUMERO DE SERVICIO', 'FECHA DE RETIRO', 'TIPO DE EQUIPO', 'MARCA', 'MODELO', 'SERIE', 'VALOR']);
    ws.addRow(['1712345675', 'PÉREZ LÓPEZ JUAN CARLOS', 'Internet Fijo', '1001', '10/05/2020', 'MODEM', 'HUAWEI', 'HG8245H', 'HW-0001', 45]);
    ws.addRow(['0102030400', 'ANDRADE VERA ANA', 'Televisión', '3003', '10/05/2020', 'DECODIFICADOR', 'KAON', 'KSF-SA800', 'KA-0009', 60]);
    const base = join(dir, 'base.xlsx');
    await wb.xlsx.writeFile(base);
    cli('importar-base', base, '--db', dbPath, '--json');
  });
});
test.afterAll(async () => {
  await app?.stop();
});

test('cierre del día: counts against the day’s actas, a discrepancy said in words, signed after confirming', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(app.url);
  await page.getByLabel('Usuario').fill('coord');
  await page.getByLabel('Contraseña').fill(PASSWORD);
  await page.getByRole('button', { name: 'Ingresar' }).click();

  for (const [id, serial] of [
    ['1712345675', 'HW-0001'],
    ['0102030400', 'KA-0009'],
  ] as const) {
    await page.getByRole('navigation').getByRole('button', { name: 'Buscar' }).click();
    await page.getByRole('searchbox').fill(id);
    await expect(page.getByRole('article')).toBeVisible();
    await page.keyboard.press('F4');
    const scan = page.getByLabel('Escanee o escriba la serie y pulse Enter');
    await scan.fill(serial);
    await scan.press('Enter');
    await page.keyboard.press('Control+Enter');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: /^Acta UIO-INAQUITO-01-/ })).toBeVisible();
    await page.keyboard.press('Escape');
  }

  await page.getByRole('navigation').getByRole('button', { name: 'Cierre del día' }).click();
  // Lines run by clerk, then equipment by type: Tab goes from one count to the next.
  const deco = page.getByRole('textbox', { name: 'Contado: DECODIFICADOR de Carla Coordinadora' });
  await deco.fill('1');
  await deco.press('Tab');
  const modem = page.getByRole('textbox', { name: 'Contado: MODEM de Carla Coordinadora' });
  await expect(modem).toBeFocused();
  await page.keyboard.type('0');
  await expect(page.getByRole('row', { name: /MODEM/ })).toContainText('Falta 1');
  await page.getByLabel('Observaciones del cierre').fill('El módem quedó en la bodega del segundo piso.');
  await page.getByRole('button', { name: 'Guardar borrador' }).click();
  await expect(page.getByText('Borrador guardado. Puede continuar el conteo más tarde.')).toBeVisible();
  await page.screenshot({ path: join('test-results', 'screens', 'daily-close.png') });
  const findings = await axeFindings(page, 'Cierre del día');

  await page.getByRole('button', { name: 'Firmar cierre' }).click();
  const dialog = page.getByRole('dialog', { name: /^¿Firmar el cierre del / });
  await expect(dialog).toContainText('2 según actas, 1 contados, 1 línea con diferencia');
  findings.push(...(await axeFindings(page, 'Cierre del día › confirmar')));
  await dialog.getByRole('button', { name: 'Firmar cierre' }).click();
  await expect(page.getByText(/Firmó Carla Coordinadora el /)).toBeVisible();
  await expect(page.getByRole('textbox', { name: /^Contado/ })).toHaveCount(0);

  await page.getByRole('button', { name: 'Vista para imprimir' }).click();
  const doc = page.frameLocator('iframe[title^="Cierre del día"]');
  await expect(doc.getByRole('heading', { name: 'CIERRE DEL DÍA' })).toBeVisible();
  await expect(doc.getByText('≠ Falta 1')).toBeVisible();
  await page.screenshot({ path: join('test-results', 'screens', 'daily-close-signed.png'), fullPage: true });
  findings.push(...(await axeFindings(page, 'Cierre del día › firmado')));
  const report = findings.map((f) => `${f.where}: ${f.rule} (${f.impact})\n    ${f.nodes.join('\n    ')}`).join('\n');
  expect(report, report).toBe('');
});
