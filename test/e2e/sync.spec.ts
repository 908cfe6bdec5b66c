import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { cli, startApp, type RunningApp } from './server';

const shots = join('test-results', 'screens');
let office: RunningApp;
let posventa: RunningApp;

/** The same base at the office and at Posventa, as Posventa sends it to every office. */
async function seedBase(dir: string, dbPath: string, station: string, officeName: string, role: string[] = []): Promise<void> {
  cli('iniciar', '--db', dbPath, '--estacion', station, '--oficina', officeName, '--usuario', 'admin', '--nombre', 'Ana Administradora', '--clave', 'clave-segura-1', ...role);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Base');
  ws.addRow(['IDENTIFICACION', 'APELLIDOS Y NOMBRES', 'LINEA DE NEGOCIO', 'NUMERO DE SERVICIO', 'FECHA DE RETIRO', 'TIPO DE EQUIPO', 'MARCA', 'MODELO', 'SERIE', 'VALOR']);
  ws.addRow(['1712345675', 'PÉREZ LÓPEZ JUAN CARLOS', 'Internet Fijo', '1001', '10/05/2020', 'MODEM', 'HUAWEI', 'HG8245H', 'HW-0001', 45]);
  ws.addRow(['1712345675', 'PÉREZ LÓPEZ JUAN CARLOS', 'Internet Fijo', '1001', '10/05/2020', 'FUENTE DE PODER', 'HUAWEI', '12V', 'PS-0001', 6]);
  ws.addRow(['1712345675', 'PÉREZ LÓPEZ JUAN CARLOS', 'Televisión', '2002', '10/05/2020', 'DECODIFICADOR', 'KAON', 'KSF-SA800', 'KA-0001', 60]);
  ws.addRow(['0102030400', 'ANDRADE VERA ANA', 'Televisión', '3003', '10/05/2020', 'DECODIFICADOR', 'KAON', 'KSF-SA800', 'KA-0009', 60]);
  const base = join(dir, 'base.xlsx');
  await wb.xlsx.writeFile(base);
  cli('importar-base', base, '--db', dbPath, '--json');
}

test.beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  office = await startApp((dir, db) => seedBase(dir, db, 'UIO-INAQUITO-01', 'CAC Iñaquito'));
  posventa = await startApp(async (dir, db) => {
    await seedBase(dir, db, 'UIO-POSVENTA-01', 'Posventa Nacional', ['--central']);
    // Posventa's central enrols the office's key from its identity file: only then are its signed packages accepted.
    const identity = join(dir, 'UIO-INAQUITO-01.identidad');
    cli('identidad', '--db', office.dbPath, '--salida', identity);
    cli('registrar-estacion', identity, '--db', db);
    // …and the office trusts the central's identity: its packages are encrypted to the central's key.
    const centralIdentity = join(dir, 'UIO-POSVENTA-01.identidad');
    cli('identidad', '--db', db, '--salida', centralIdentity);
    cli('confiar-central', centralIdentity, '--db', office.dbPath);
    // Posventa already has the decoder KA-0009 as returned on a paper acta: the office's acta for it will be a conflict.
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Entregas').addRows([
      ['IDENTIFICACION', 'NUMERO DE SERVICIO', 'SERIE', 'FECHA DE ENTREGA', 'OFICINA', 'ACTA'],
      ['0102030400', '3003', 'KA-0009', '01/02/2021', 'CAC Sur', 'PV-2021-0001'],
    ]);
    const list = join(dir, 'entregas.xlsx');
    await wb.xlsx.writeFile(list);
    cli('importar-entregas', list, '--db', db, '--json');
  });
});
test.afterAll(async () => {
  await office?.stop();
  await posventa?.stop();
});

async function signIn(page: Page, username: string): Promise<void> {
  await page.getByLabel('Usuario').fill(username);
  await page.getByLabel('Contraseña').fill('clave-segura-1');
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await expect(page.getByRole('searchbox')).toBeFocused();
}

/** The administrator creates a user with a role, then that user signs in. */
async function signInAs(page: Page, app: RunningApp, username: string, fullName: string, role: string): Promise<void> {
  await page.goto(app.url);
  await signIn(page, 'admin');
  await page.getByRole('navigation').getByRole('button', { name: 'Usuarios' }).click();
  await page.getByLabel('Nombre completo').fill(fullName);
  await page.getByLabel('Usuario').fill(username);
  await page.getByLabel('Perfil').selectOption({ label: role });
  await page.getByLabel('Contraseña inicial').fill('clave-segura-1');
  await page.getByRole('button', { name: 'Crear usuario' }).click();
  await expect(page.getByText(`Usuario ${username} creado.`)).toBeVisible();
  await page.getByRole('button', { name: 'Salir' }).click();
  // Signing out answers after a call: the sign-in form, not the Usuarios form, must be the one filled.
  await expect(page.getByRole('button', { name: 'Ingresar' })).toBeVisible();
  await signIn(page, username);
}

test('an office exports its package; Posventa consolidates it and runs the depuración', async ({ page }) => {
  const year = new Date().getFullYear();
  const nav = page.getByRole('navigation');

  // ── Office: a coordinator records a handover at the desk.
  await signInAs(page, office, 'carla', 'Carla Coordinadora', 'Coordinador regional');
  await expect(nav.getByRole('button', { name: 'Enviar a Posventa' })).toBeVisible();
  await expect(nav.getByRole('button', { name: 'Consolidación' })).toHaveCount(0);
  await page.getByRole('searchbox').fill('0102030400');
  await expect(page.getByRole('article').getByRole('heading', { name: 'ANDRADE VERA ANA' })).toBeVisible();
  await page.keyboard.press('F4');
  const scan = page.getByLabel('Escanee o escriba la serie y pulse Enter');
  await scan.fill('KA-0009');
  await scan.press('Enter');
  await expect(page.getByLabel('Recibido DECODIFICADOR KA-0009')).toBeChecked();
  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('dialog', { name: '¿Guardar el acta?' })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: `Acta UIO-INAQUITO-01-${year}-000001` })).toBeVisible();
  await page.keyboard.press('Escape');

  // ── Office: the list of returns made before Recupera, previewed then recorded; a row that matches nothing is rejected with its row number.
  const listPath = join(office.dir, 'entregas_anteriores.xlsx');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Entregas');
  ws.addRow(['IDENTIFICACION', 'NUMERO DE SERVICIO', 'SERIE', 'FECHA DE ENTREGA', 'OFICINA', 'ACTA']);
  ws.addRow(['1712345675', '1001', 'HW-0001', '15/03/2021', 'CAC Iñaquito', 'AZ-2021-0007']);
  ws.addRow(['0999999999', '9999', '', '16/03/2021', 'CAC Iñaquito', 'AZ-2021-0008']);
  await wb.xlsx.writeFile(listPath);
  await nav.getByRole('button', { name: 'Importar base' }).click();
  await page.screenshot({ path: join(shots, 'import-pick.png'), fullPage: true });
  await page.getByLabel('Lista de entregas anteriores').setInputFiles(listPath);
  await expect(page.getByRole('heading', { name: 'Vista previa de «entregas_anteriores.xlsx»' })).toBeVisible();
  const listCounts = page.getByLabel('Resumen de la lista de entregas');
  await expect(listCounts.locator('.count', { hasText: 'Entregas a registrar' })).toContainText('1');
  await expect(listCounts.locator('.count', { hasText: 'Rechazadas' })).toContainText('1');
  await expect(page.getByRole('row', { name: /^3 .*No se encontró en la base el servicio 9999/ })).toBeVisible();
  await page.screenshot({ path: join(shots, 'entregas-preview.png'), fullPage: true });
  await page.getByRole('button', { name: 'Registrar 1 entrega' }).click();
  await expect(page.getByRole('heading', { name: 'Entregas anteriores registradas' })).toBeVisible();
  await expect(page.getByRole('status')).toContainText('1 entrega registrada');
  await expect(page.getByRole('button', { name: 'Descargar reporte de errores (.xlsx)' })).toBeVisible();
  await page.getByRole('button', { name: 'Listo' }).click();
  await expect(page.getByLabel('Archivo de la base')).toBeAttached();

  // ── Office: export the package with the acta PDF, and keep a copy (the download).
  await nav.getByRole('button', { name: 'Enviar a Posventa' }).click();
  await expect(page.getByText('Esta estación todavía no ha exportado ningún paquete.')).toBeVisible();
  await page.getByLabel('Solo un período').check();
  await page.getByLabel('Desde').fill('10/02/2026');
  await page.getByLabel('Desde').press('Tab');
  await page.getByLabel('Hasta').fill('01/02/2026');
  await page.getByLabel('Hasta').press('Tab');
  await expect(page.getByText('La fecha «Desde» debe ser anterior o igual a «Hasta».')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Exportar paquete' })).toBeDisabled();
  await page.screenshot({ path: join(shots, 'export-range.png'), fullPage: true });
  await page.getByLabel('Todo lo registrado en esta estación').check();
  await page.getByLabel('Incluir PDF de actas y documentos de respaldo').check();
  await page.screenshot({ path: join(shots, 'export-form.png'), fullPage: true });
  await page.getByRole('button', { name: 'Exportar paquete' }).click();
  await expect(page.getByRole('heading', { name: 'Paquete listo' })).toBeVisible();
  const content = page.getByLabel('Contenido del paquete');
  await expect(content.locator('.count', { hasText: 'Actas' })).toContainText('2');
  await expect(content.locator('.count', { hasText: 'Equipos' })).toContainText('2');
  await expect(content.locator('.count', { hasText: 'Documentos' })).toContainText('1');
  await expect(page.getByRole('status')).toContainText(/UIO-INAQUITO-01_.*\.recupera/);
  await expect(page.getByRole('region', { name: 'Paquetes exportados' }).getByRole('row')).toHaveCount(2);
  await page.screenshot({ path: join(shots, 'export-done.png'), fullPage: true });
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Guardar una copia…' }).click();
  const pkg = join(posventa.dir, 'paquete-iñaquito.recupera');
  await (await download).saveAs(pkg);
  await page.getByRole('button', { name: 'Exportar otro paquete' }).click();
  await expect(page.getByText(/^Última exportación: \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/)).toBeVisible();

  // ── Posventa: consolidate the package and a damaged file; the summary says what came in and what was refused.
  await page.getByRole('button', { name: 'Salir' }).click();
  await signInAs(page, posventa, 'pablo', 'Pablo Posventa', 'Posventa');
  await expect(nav.getByRole('button', { name: 'Enviar a Posventa' })).toHaveCount(0);
  await nav.getByRole('button', { name: 'Consolidación' }).click();
  await expect(page.getByRole('tab', { name: 'Consolidar paquetes' })).toHaveAttribute('aria-selected', 'true');
  const damaged = join(posventa.dir, 'dañado.recupera');
  writeFileSync(damaged, 'esto no es un paquete');
  await page.getByLabel('Paquetes de las oficinas (.recupera)').setInputFiles([pkg, damaged]);
  await expect(page.getByRole('list', { name: 'Paquetes elegidos' }).getByRole('listitem')).toHaveCount(2);
  await page.screenshot({ path: join(shots, 'consolidation-picked.png'), fullPage: true });
  await page.getByRole('button', { name: 'Consolidar 2 paquetes' }).click();
  await expect(page.getByRole('heading', { name: 'Resumen de la consolidación' })).toBeVisible();
  const totals = page.getByLabel('Registros consolidados');
  await expect(totals.locator('.count', { hasText: 'Actas nuevas' })).toContainText('2');
  await expect(totals.locator('.count', { hasText: 'Equipos nuevos' })).toContainText('2');
  await expect(totals.locator('.count', { hasText: 'Paquetes rechazados' })).toContainText('1');
  const readRow = page.getByRole('row', { name: /paquete-iñaquito\.recupera/ });
  await expect(readRow).toContainText('UIO-INAQUITO-01');
  await expect(readRow).toContainText('CAC Iñaquito');
  await expect(readRow).toContainText('Leído');
  await expect(page.getByRole('row', { name: /dañado\.recupera/ })).toContainText('Rechazado');
  const serialConflict = /La serie KA-0009 consta como devuelta en 2 actas: PV-2021-0001 \(UIO-POSVENTA-01\), UIO-INAQUITO-01-\d{4}-000001 \(UIO-INAQUITO-01\)/;
  await expect(page.getByRole('region', { name: 'Serie devuelta en dos actas (1)' }).first()).toContainText(serialConflict);
  await expect(page.getByRole('region', { name: /Conflictos abiertos \(1\)/ })).toContainText(serialConflict);
  await page.screenshot({ path: join(shots, 'consolidation-summary.png'), fullPage: true });

  // The same package again is known by its identity before any row is read: "ya aplicado", nothing new.
  await page.getByRole('button', { name: 'Consolidar otros paquetes' }).click();
  await page.getByLabel('Paquetes de las oficinas (.recupera)').setInputFiles(pkg);
  await page.getByRole('button', { name: 'Consolidar', exact: true }).click();
  await expect(totals.locator('.count', { hasText: 'Actas nuevas' })).toContainText('0');
  await expect(page.getByRole('row', { name: /paquete-iñaquito\.recupera/ })).toContainText('Ya aplicado');
  await expect(page.getByText(/1 paquete: 0 leídos, 1 ya aplicado/)).toBeVisible();

  // ── Posventa: depuración, with the batch, the counts and the three files.
  await page.getByRole('button', { name: 'Ir a Depuración' }).click();
  await expect(page.getByRole('tab', { name: 'Depuración' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByText('Todavía no se ha hecho ninguna depuración.')).toBeVisible();
  await page.getByRole('button', { name: 'Depurar y generar archivos' }).click();
  const batch = `DEP-${year}-0001`;
  await expect(page.getByRole('heading', { name: `Lote ${batch}` })).toBeVisible();
  const state = page.getByLabel('Estado de los servicios');
  await expect(state.locator('.count', { hasText: 'Pendientes' })).toContainText('1');
  await expect(state.locator('.count', { hasText: 'Parciales' })).toContainText('1');
  await expect(state.locator('.count', { hasText: 'Entregados' })).toContainText('1');
  await expect(state.locator('.count', { hasText: 'Valor total a cargar' })).toContainText('$');
  await expect(page.getByRole('row', { name: /Base depurada/ }).locator('.hash')).toHaveAttribute('title', /^[0-9a-f]{64}$/);
  await expect(page.getByRole('region', { name: 'Lotes anteriores' })).toContainText(batch);
  await page.screenshot({ path: join(shots, 'depuration-done.png'), fullPage: true });
  const file = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Guardar una copia de la carga de valores', exact: true }).click();
  expect((await file).suggestedFilename()).toBe(`${batch}_carga_valores.xlsx`);
});
