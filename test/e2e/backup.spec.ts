import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { validPdf } from '../helpers/documents';
import { cli, startApp, type RunningApp } from './server';

let app: RunningApp;

test.beforeAll(async () => {
  app = await startApp(async (dir, dbPath) => {
    cli('iniciar', '--db', dbPath, '--estacion', 'CUE-CENTRO-01', '--oficina', 'CAC Cuenca', '--usuario', 'admin', '--nombre', 'Pablo Posventa', '--clave', 'clave-segura-1');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Base');
    ws.addRow(['CEDULA', 'CLIENTE', 'LINEA DE NEGOCIO', 'NUMERO DE SERVICIO', 'TIPO DE EQUIPO', 'SERIE']);
    ws.addRow(['0102030400', 'ANDRADE VERA ANA', 'Televisión', '3003', 'DECODIFICADOR', 'KA-0009']);
    const base = join(dir, 'base.xlsx');
    await wb.xlsx.writeFile(base);
    cli('importar-base', base, '--db', dbPath);
  });
});
test.afterAll(async () => {
  await app?.stop();
});

test('register a backup with a document, review it beside the record, accept it', async ({ page }) => {
  const pdf = join(app.dir, 'acta-anterior.pdf');
  writeFileSync(pdf, validPdf('acta anterior'));
  await page.goto(app.url);
  await page.getByLabel('Usuario').fill('admin');
  await page.getByLabel('Contraseña').fill('clave-segura-1');
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await page.getByRole('searchbox').fill('0102030400');
  const card = page.getByRole('article');
  await expect(card.getByRole('heading', { name: 'ANDRADE VERA ANA' })).toBeVisible();

  await card.getByRole('button', { name: 'Registrar respaldo' }).click();
  await page.getByLabel('Número del acta que presenta').fill('AZ-2020-455');
  await page.getByLabel('Oficina donde entregó').fill('CAC Sur');
  await page.getByLabel('Documentos del respaldo').setInputFiles(pdf);
  await page.getByRole('button', { name: 'Guardar respaldo' }).click();
  await expect(page.getByText('Respaldo registrado')).toBeVisible();
  await expect(card.getByRole('region', { name: 'Servicio 3003' })).toContainText('Respaldo en revisión');

  await page.getByRole('navigation').getByRole('button', { name: 'Respaldos' }).click();
  await expect(page.getByRole('heading', { name: /Acta presentada: AZ-2020-455/ })).toBeVisible();
  // The mailbox: one message whose subject cannot be matched waits with its reason.
  const inbox = join(app.dir, 'bandeja');
  mkdirSync(inbox);
  writeFileSync(
    join(inbox, 'sin-formato.eml'),
    ['From: cliente@example.com', 'Subject: =?UTF-8?Q?Devoluci=C3=B3n_de_equipos?=', 'Message-ID: <x1@example.com>', 'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="B"', '', '--B', 'Content-Type: text/plain', '', 'Adjunto acta', '--B',
      'Content-Type: application/pdf; name="acta.pdf"', 'Content-Disposition: attachment; filename="acta.pdf"', 'Content-Transfer-Encoding: base64', '',
      validPdf('correo').toString('base64'), '--B--', ''].join('\r\n'),
  );
  await page.getByLabel('Correos guardados (.eml)').setInputFiles(join(inbox, 'sin-formato.eml'));
  await page.getByRole('button', { name: 'Importar correos' }).click();
  await expect(page.getByText('1 correo: 1 importado,')).toBeVisible();
  await expect(page.getByText(/sin-formato\.eml · «Devolución de equipos»/)).toBeVisible();
  await expect(page.getByTitle('Documento acta-anterior.pdf')).toBeVisible();
  await page.screenshot({ path: join('test-results', 'screens', 'review-backups.png'), fullPage: true });
  await page.getByRole('button', { name: /^Aceptar/ }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Respaldo de ANDRADE VERA ANA aceptado: el servicio quedó regularizado.' })).toBeVisible();
  // The last one decided, focus waits on the empty queue's message, not on a button.
  await expect(page.getByText('No hay respaldos pendientes de revisión.')).toBeFocused();

  await page.getByRole('navigation').getByRole('button', { name: 'Buscar' }).click();
  await page.getByRole('searchbox').fill('0102030400');
  await expect(page.getByRole('article').getByRole('region', { name: 'Servicio 3003' })).toContainText('Regularizado');
});
