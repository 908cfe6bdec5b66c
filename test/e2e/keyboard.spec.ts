import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { cli, startApp, type RunningApp } from './server';

let app: RunningApp;

test.beforeAll(async () => {
  app = await startApp(async (dir, dbPath) => {
    cli('iniciar', '--db', dbPath, '--estacion', 'UIO-INAQUITO-01', '--oficina', 'CAC Iñaquito', '--usuario', 'luis', '--nombre', 'Luis Asesor', '--clave', 'clave-segura-1');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Base');
    ws.addRow(['IDENTIFICACION', 'APELLIDOS Y NOMBRES', 'LINEA DE NEGOCIO', 'NUMERO DE SERVICIO', 'FECHA DE RETIRO', 'TIPO DE EQUIPO', 'MARCA', 'MODELO', 'SERIE', 'VALOR']);
    ws.addRow(['1712345675', 'PÉREZ LÓPEZ JUAN CARLOS', 'Internet Fijo', '1001', '10/05/2020', 'MODEM', 'HUAWEI', 'HG8245H', 'HW-0001', 45]);
    ws.addRow(['1712345675', 'PÉREZ LÓPEZ JUAN CARLOS', 'Televisión', '2002', '10/05/2020', 'DECODIFICADOR', 'KAON', 'KSF-SA800', 'KA-0001', 60]);
    const base = join(dir, 'base.xlsx');
    await wb.xlsx.writeFile(base);
    cli('importar-base', base, '--db', dbPath, '--json');
  });
});
test.afterAll(async () => {
  await app?.stop();
});

/** Every key the clerk presses goes through here and is counted; each typed character is one key. */
function keyboard(page: Page) {
  let count = 0;
  return {
    get count() {
      return count;
    },
    async press(key: string) {
      count += 1;
      await page.keyboard.press(key);
    },
    async type(text: string) {
      count += text.length;
      await page.keyboard.type(text);
    },
  };
}

test('a two-item return by keyboard alone takes at most 20 keystrokes, from the search box to the saved acta', async ({ page }) => {
  await page.goto(app.url);
  await page.getByLabel('Usuario').fill('luis');
  await page.getByLabel('Contraseña').fill('clave-segura-1');
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await expect(page.getByRole('searchbox')).toBeFocused();

  const keys = keyboard(page);
  await keys.type('1712345675');
  await expect(page.getByRole('article').getByRole('heading', { name: 'PÉREZ LÓPEZ JUAN CARLOS' })).toBeVisible();
  await keys.press('F4');
  await expect(page.getByLabel('Escanee o escriba la serie y pulse Enter')).toBeFocused();
  // From the scanner's box to the first item's tick, then three stops per row to the next one.
  const focused = () => page.locator(':focus').getAttribute('aria-label');
  const first = page.getByLabel('Recibido MODEM HW-0001');
  const second = page.getByLabel('Recibido DECODIFICADOR KA-0001');
  while ((await focused()) !== 'Recibido MODEM HW-0001' && keys.count < 20) await keys.press('Tab');
  await keys.press('Space');
  await expect(first).toBeChecked();
  while ((await focused()) !== 'Recibido DECODIFICADOR KA-0001' && keys.count < 20) await keys.press('Tab');
  await keys.press('Space');
  await expect(second).toBeChecked();
  await keys.press('Control+Enter');
  await expect(page.getByRole('dialog', { name: '¿Guardar el acta?' })).toBeVisible();
  await keys.press('Enter');
  await expect(page.getByRole('heading', { name: `Acta UIO-INAQUITO-01-${new Date().getFullYear()}-000001` })).toBeVisible();

  test.info().annotations.push({ type: 'teclas', description: String(keys.count) });
  expect(keys.count).toBeLessThanOrEqual(20);
});
