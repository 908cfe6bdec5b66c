import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { startApp, type RunningApp } from './server';

let app: RunningApp;

test.beforeAll(async () => {
  app = await startApp();
});
test.afterAll(async () => {
  await app?.stop();
});

/** A base as a regional office would send it: notes sheet first, title rows, one header Recupera cannot place. */
async function writeBase(path: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Instrucciones').addRow(['Base enviada por Posventa']);
  const ws = wb.addWorksheet('Clientes');
  ws.addRow(['CNT EP — Recuperación de equipos']);
  ws.addRow([]);
  ws.addRow(['Cédula', 'Apellidos y Nombres', 'Línea de Negocio', 'Código', 'Fecha de retiro', 'Tipo de equipo', 'Marca', 'Modelo', 'Serie', 'Valor', 'Valores cargados']);
  ws.addRow([1712345675, 'PÉREZ LÓPEZ JUAN CARLOS', 'Internet', '0223456789', new Date(Date.UTC(2020, 4, 10)), 'MODEM', 'HUAWEI', 'HG8245H', 'HWT0001', 45, 'NO']);
  ws.addRow([1712345675, 'PÉREZ LÓPEZ JUAN CARLOS', 'Internet', '0223456789', '10/05/2020', 'FUENTE DE PODER', 'HUAWEI', '', 'PS0001', '6,00', 'NO']);
  ws.addRow([102030400, 'DE LA TORRE ANDRADE MARÍA JOSÉ', 'Televisión', '5550001', '3-6-2020', 'DECODIFICADOR', 'KAON', 'KSF-SA800', 'KA0001', 60, 'SI']);
  ws.addRow(['', '', 'Televisión', '5550002', '3-6-2020', 'DECODIFICADOR', 'KAON', 'KSF-SA800', 'KA0002', 60, 'SI']);
  await wb.xlsx.writeFile(path);
}

test('first run, sign in, import with mapping, search and customer card', async ({ page }) => {
  const shots = join('test-results', 'screens');
  mkdirSync(shots, { recursive: true });
  const basePath = join(app.dir, 'base_posventa.xlsx');
  await writeBase(basePath);

  await page.goto(app.url);
  await expect(page.getByRole('heading', { name: 'Configuración inicial de Recupera' })).toBeVisible();
  await page.getByLabel('Código de estación').fill('uio-iñaquito-01');
  await expect(page.getByText('Se guardará como UIO-INAQUITO-01')).toBeVisible();
  await page.getByLabel('Oficina', { exact: true }).fill('CAC Iñaquito');
  await page.getByLabel('Nombre completo').fill('María Fernanda López');
  await page.getByLabel('Usuario').fill('mlopez');
  await page.getByLabel('Contraseña', { exact: true }).fill('clave-segura-1');
  await page.getByLabel('Repita la contraseña').fill('clave-segura-1');
  await page.getByRole('button', { name: 'Comenzar' }).click();
  // The recovery key is shown once, and the app opens only once the person says they kept it.
  await expect(page.getByRole('heading', { name: 'Clave de recuperación' })).toBeVisible();
  await expect(page.getByRole('status', { name: 'Clave de recuperación' })).toHaveText(/^([0-9A-Z]{4}-){13}[0-9A-Z]{4}$/);
  await expect(page.getByRole('button', { name: 'Continuar' })).toBeDisabled();
  await page.getByLabel('La guardé en un lugar seguro').check();
  await page.getByRole('button', { name: 'Continuar' }).click();
  await expect(page.getByText('UIO-INAQUITO-01')).toBeVisible();

  // Sign out and back in: a wrong password is refused in Spanish.
  await page.getByRole('button', { name: 'Salir' }).click();
  await page.getByLabel('Usuario').fill('mlopez');
  await page.getByLabel('Contraseña').fill('equivocada');
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await expect(page.getByRole('alert')).toContainText('Usuario o contraseña incorrectos');
  await page.getByLabel('Contraseña').fill('clave-segura-1');
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await expect(page.getByRole('searchbox')).toBeFocused();

  // The empty base says so and offers the import; the column "Código" must then be mapped by hand.
  await expect(page.getByRole('status')).toContainText('La base de clientes está vacía.');
  await page.getByRole('status').getByRole('button', { name: 'Importar base' }).click();
  await page.getByLabel('Archivo de la base').setInputFiles(basePath);
  await expect(page.getByRole('heading', { name: /Columnas de/ })).toBeVisible();
  await expect(page.getByText('Hoja «Clientes», encabezados en la fila 3')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Ver vista previa' })).toBeDisabled();
  await page.getByLabel('Dato para la columna Código').selectOption('serviceNumber');
  await page.screenshot({ path: join(shots, 'import-mapping.png'), fullPage: true });
  await page.getByRole('button', { name: 'Ver vista previa' }).click();
  await expect(page.getByRole('heading', { name: /Vista previa/ })).toBeVisible();
  const counts = page.locator('.counts');
  await expect(counts.locator('.count', { hasText: 'Nuevas' })).toContainText('3');
  await expect(counts.locator('.count', { hasText: 'Rechazadas' })).toContainText('1');
  await expect(page.getByText('Faltan la identificación y el nombre del cliente.')).toBeVisible();
  await page.getByRole('button', { name: /^Importar 3 filas/ }).click();
  await expect(page.getByRole('heading', { name: 'Importación terminada' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Descargar reporte de errores (.xlsx)' })).toBeVisible();
  await page.getByRole('button', { name: 'Ir a buscar clientes' }).click();

  // Search without accents, in lower case.
  const box = page.getByRole('searchbox');
  await expect(box).toBeFocused();
  await box.fill('perez');
  await expect(page.getByRole('option').first()).toContainText('PÉREZ LÓPEZ JUAN CARLOS');
  const card = page.getByRole('article');
  await expect(card.getByRole('heading', { name: 'PÉREZ LÓPEZ JUAN CARLOS' })).toBeVisible();
  await expect(card).toContainText('0223456789');
  await expect(card).toContainText('Pendiente');
  await expect(card).toContainText('HWT0001');
  await expect(card).toContainText('10/05/2020');
  await expect(card).toContainText('$51,00');

  // A cédula typed without its leading zero, as spreadsheets store it.
  await page.keyboard.press('F2');
  await box.fill('102030400');
  await expect(card.getByRole('heading', { name: 'DE LA TORRE ANDRADE MARÍA JOSÉ' })).toBeVisible();
  await expect(page.getByRole('option').first()).toContainText('Coincide por identificación');
  await expect(card).toContainText('Valores cargados');

  // A serial finds its customer.
  await box.fill('ka0001');
  await expect(page.getByRole('option').first()).toContainText('Coincide por serie de equipo');
  await box.fill('de la torre');
  await expect(page.getByRole('option').first()).toContainText('Coincide por nombre');
  await page.screenshot({ path: join(shots, 'search-card.png'), fullPage: true });

  // Campaign settings: the deadline shows in the message preview as the seed writes it, live.
  await page.getByRole('navigation').getByRole('button', { name: 'Configuración' }).click();
  const preview = page.getByLabel('Vista previa: WhatsApp · no se cargaron valores');
  await expect(preview).toContainText('hasta el miércoles 31 de marzo de 2021');
  await page.getByLabel('Fecha límite de entrega').fill('15/12/2026');
  await page.getByLabel('Fecha límite de entrega').press('Tab');
  await expect(preview).toContainText('hasta el martes 15 de diciembre de 2026');
  await page.getByRole('button', { name: 'Guardar', exact: true }).click();
  await expect(page.getByText('Cambios guardados.')).toBeVisible();
  await page.screenshot({ path: join(shots, 'settings.png'), fullPage: true });
});
