import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { cli, startApp, type RunningApp } from './server';

let app: RunningApp;

test.beforeAll(async () => {
  app = await startApp(async (dir, dbPath) => {
    cli('iniciar', '--db', dbPath, '--estacion', 'UIO-INAQUITO-01', '--oficina', 'CAC Iñaquito', '--ciudad', 'Quito', '--usuario', 'coord', '--nombre', 'Carla Coordinadora', '--clave', 'clave-segura-1');
    cli('usuario-nuevo', 'luis', '--nombre', 'Luis Asesor', '--perfil', 'ASESOR', '--clave', 'clave-segura-2', '--db', dbPath);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Base');
    ws.addRow(['IDENTIFICACION', 'APELLIDOS Y NOMBRES', 'LINEA DE NEGOCIO', 'NUMERO DE SERVICIO', 'FECHA DE RETIRO', 'TIPO DE EQUIPO', 'MARCA', 'MODELO', 'SERIE', 'VALOR']);
    ws.addRow(['1712345675', 'PÉREZ LÓPEZ JUAN CARLOS', 'Internet Fijo', '1001', '10/05/2020', 'MODEM', 'HUAWEI', 'HG8245H', 'HW-0001', 45]);
    const base = join(dir, 'base.xlsx');
    await wb.xlsx.writeFile(base);
    cli('importar-base', base, '--db', dbPath, '--json');
  });
});
test.afterAll(async () => {
  await app?.stop();
});

test('a locked counter hides the handover and gives it back to its clerk; signing out asks, and the next clerk starts clean', async ({ page }) => {
  await page.goto(app.url);
  await page.getByLabel('Usuario').fill('coord');
  await page.getByLabel('Contraseña').fill('clave-segura-1');
  await page.getByRole('button', { name: 'Ingresar' }).click();

  await page.getByRole('searchbox').fill('1712345675');
  await expect(page.getByRole('article').getByRole('heading', { name: 'PÉREZ LÓPEZ JUAN CARLOS' })).toBeVisible();
  await page.keyboard.press('F4');
  const scan = page.getByLabel('Escanee o escriba la serie y pulse Enter');
  await scan.fill('HW-0001');
  await scan.press('Enter');
  await expect(page.getByLabel('Recibido MODEM HW-0001')).toBeChecked();

  // Locked: nothing of the customer is on the page for eyes or a screen reader.
  await page.getByRole('button', { name: 'Bloquear' }).click();
  await expect(page.getByRole('heading', { name: 'Pantalla bloqueada' })).toBeVisible();
  await expect(page.getByText('PÉREZ LÓPEZ JUAN CARLOS')).toBeHidden();
  await expect(page.getByLabel('Recibido MODEM HW-0001')).toBeHidden();
  // The main process refuses the session's calls too, not only the screen.
  const refused = await page.evaluate(async () => {
    const res = await fetch('api/search%3Aquery', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: '1712345675', limit: 5 }), credentials: 'same-origin' });
    return (await res.json()) as { ok: boolean; error?: { message: string } };
  });
  expect(refused).toMatchObject({ ok: false, error: { message: 'La pantalla está bloqueada. Ingrese su contraseña para continuar.' } });

  await page.getByLabel('Contraseña').fill('clave-segura-1');
  await page.getByRole('button', { name: 'Desbloquear' }).click();
  await expect(page.getByLabel('Recibido MODEM HW-0001')).toBeChecked();

  await page.getByRole('button', { name: 'Salir' }).click();
  const ask = page.getByRole('alertdialog', { name: '¿Cerrar sesión?' });
  await expect(ask).toContainText('Hay una entrega sin guardar para PÉREZ LÓPEZ JUAN CARLOS. ¿Cerrar sesión y descartarla?');
  await ask.getByRole('button', { name: 'Sí, cerrar sesión' }).click();

  await page.getByLabel('Usuario').fill('luis');
  await page.getByLabel('Contraseña').fill('clave-segura-2');
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await expect(page.getByText('Luis Asesor')).toBeVisible();
  await expect(page.getByRole('searchbox')).toHaveValue('');
  await expect(page.getByText('PÉREZ LÓPEZ JUAN CARLOS')).toHaveCount(0);
});
