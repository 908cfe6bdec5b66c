import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { validPdf } from '../helpers/documents';
import { cli, startApp, type RunningApp } from './server';

let app: RunningApp;

test.beforeAll(async () => {
  app = await startApp(async (dir, dbPath) => {
    cli('iniciar', '--db', dbPath, '--estacion', 'UIO-INAQUITO-01', '--oficina', 'CAC Iñaquito', '--usuario', 'luis', '--nombre', 'Luis Asesor', '--clave', 'clave-segura-1');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Base');
    ws.addRow(['IDENTIFICACION', 'APELLIDOS Y NOMBRES', 'LINEA DE NEGOCIO', 'NUMERO DE SERVICIO', 'TIPO DE EQUIPO', 'MARCA', 'SERIE']);
    ws.addRow(['1712345675', 'PÉREZ LÓPEZ JUAN CARLOS', 'Internet Fijo', '1001', 'MODEM', 'HUAWEI', 'HW-0001']);
    const base = join(dir, 'base.xlsx');
    await wb.xlsx.writeFile(base);
    cli('importar-base', base, '--db', dbPath, '--json');
  });
});
test.afterAll(async () => {
  await app?.stop();
});

test('a tercero brings the letter and the holder ID copy: attached in Spanish controls, saved with the acta, listed on it', async ({ page }) => {
  const letter = join(app.dir, 'carta.pdf');
  writeFileSync(letter, validPdf('carta de autorización'));
  await page.goto(app.url);
  await page.getByLabel('Usuario').fill('luis');
  await page.getByLabel('Contraseña').fill('clave-segura-1');
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await page.getByRole('searchbox').fill('1712345675');
  await page.getByRole('article').getByRole('button', { name: /Registrar entrega/ }).click();
  await page.getByLabel('Escanee o escriba la serie y pulse Enter').fill('HW-0001');
  await page.keyboard.press('Enter');
  await page.getByLabel('Un tercero con autorización').check();
  await page.getByLabel('Identificación de quien entrega').fill('0102030400');
  await page.getByLabel('Nombre de quien entrega').fill('Ana Andrade');
  await page.getByLabel('Recibí la carta de autorización y la copia de cédula del titular').check();
  await expect(page.getByText('Choose File')).toHaveCount(0);
  await expect(page.getByText('Ningún archivo elegido')).toHaveCount(2);
  // A damaged file is refused as soon as it is chosen, beside its chooser, and not kept.
  const damaged = join(app.dir, 'carta-cortada.pdf');
  writeFileSync(damaged, validPdf('carta').subarray(0, 60));
  await page.getByLabel('Carta de autorización', { exact: true }).setInputFiles(damaged);
  await expect(page.getByRole('alert')).toHaveText(/^El archivo «carta-cortada\.pdf» dice ser un PDF pero no tiene la estructura de uno \(.*\)\. Elija otro archivo: /);
  await expect(page.getByText('Ningún archivo elegido')).toHaveCount(2);
  await page.getByLabel('Carta de autorización', { exact: true }).setInputFiles(letter);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByText('carta.pdf')).toBeVisible();
  await page.getByRole('group', { name: '¿Quién entrega?' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: join('test-results', 'screens', 'tercero-documents.png') });

  await page.getByRole('button', { name: /Guardar y generar acta/ }).click();
  await page.getByRole('dialog').getByRole('button', { name: /Sí, guardar/ }).click();
  const docs = page.getByRole('region', { name: 'Documentos del tercero' });
  await expect(docs).toContainText('Carta de autorización: carta.pdf');
  await expect(docs.getByRole('button', { name: 'Ver carta.pdf' })).toBeVisible();
});
