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
    // A message waiting to be assigned, whose subject is one unbroken word: it must wrap, not widen the page.
    const mail = join(dir, 'correos');
    mkdirSync(mail);
    const subject = `0102030400//${'ANDRADEVERAANA'.repeat(40)}`;
    writeFileSync(join(mail, 'largo.eml'), `From: ana@example.com\r\nTo: respaldos@example.com\r\nSubject: ${subject}\r\nMessage-ID: <largo@example.com>\r\nDate: Tue, 01 Dec 2026 10:00:00 -0500\r\n\r\nSin adjuntos.\r\n`);
    cli('importar-correos', mail, '--db', dbPath);
  });
});
test.afterAll(async () => {
  await app?.stop();
});

test('the respaldo review fits 1366×768: no sideways scroll, the decision visible without scrolling', async ({ page }) => {
  const pdf = join(app.dir, 'acta-anterior.pdf');
  writeFileSync(pdf, validPdf('acta anterior'));
  await page.goto(app.url);
  await page.getByLabel('Usuario').fill('admin');
  await page.getByLabel('Contraseña').fill('clave-segura-1');
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await page.getByRole('searchbox').fill('0102030400');
  const card = page.getByRole('article');
  await card.getByRole('button', { name: 'Registrar respaldo' }).click();
  await page.getByLabel('Número del acta que presenta').fill('AZ-2020-455');
  await page.getByLabel('Documentos del respaldo').setInputFiles(pdf);
  await page.getByRole('button', { name: 'Guardar respaldo' }).click();
  await expect(page.getByText('Respaldo registrado')).toBeVisible();

  await page.getByRole('navigation').getByRole('button', { name: 'Respaldos' }).click();
  await expect(page.getByRole('heading', { name: /Acta presentada: AZ-2020-455/ })).toBeVisible();
  await page.screenshot({ path: join('test-results', 'screens', 'review-1366.png') });
  // The page's own width (the root tsconfig has no DOM types: the expression is evaluated in the page).
  const width = (await page.evaluate('document.documentElement.scrollWidth')) as number;
  expect(width).toBeLessThanOrEqual(1366);
  for (const name of [/^Aceptar/, /^Rechazar/]) await expect(page.getByRole('button', { name })).toBeInViewport();
  // The document itself (here its opening link, for a PDF in browser mode) shows without scrolling:
  // the mailbox panel sits below the review, one button away.
  await expect(page.getByTitle('Documento acta-anterior.pdf')).toBeInViewport();
  expect(await page.evaluate('window.scrollY')).toBe(0);
  await page.getByRole('button', { name: 'Ir a la bandeja de correos' }).click();
  await expect(page.getByRole('region', { name: 'Bandeja de correos' }).getByRole('heading', { name: 'Bandeja de correos' })).toBeInViewport();
});
