import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { cli, startApp, type RunningApp } from './server';

/**
 * The national loop with three stations, as the campaign runs it: Posventa's central P, offices A
 * and B. Only P imports the Excel base; B gets it from P's first update, records a return and sends
 * its package; P consolidates and publishes; A — which never saw the base — applies the updates on
 * its screen, then finds B's return on the customer's card and verifies B's acta from its QR text.
 */

const shots = join('test-results', 'screens');
const PASSWORD = 'clave-segura-1';
const A = 'UIO-INAQUITO-01';
const B = 'GYE-CENTRO-01';
const P = 'PV-NACIONAL-01';
const running: RunningApp[] = [];
let root: string;
/** Update 1 as `publicar` wrote it. */
let firstUpdate: string;
const db = (code: string) => join(root, code, 'recupera.sqlite');

async function writeBase(path: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Base');
  ws.addRow(['IDENTIFICACION', 'APELLIDOS Y NOMBRES', 'LINEA DE NEGOCIO', 'NUMERO DE SERVICIO', 'FECHA DE RETIRO', 'TIPO DE EQUIPO', 'MARCA', 'MODELO', 'SERIE', 'VALOR']);
  ws.addRow(['1712345675', 'PÉREZ LÓPEZ JUAN CARLOS', 'Internet Fijo', '1001', '10/05/2020', 'MODEM', 'HUAWEI', 'HG8245H', 'HW-0001', 45]);
  ws.addRow(['1712345675', 'PÉREZ LÓPEZ JUAN CARLOS', 'Internet Fijo', '1001', '10/05/2020', 'FUENTE DE PODER', 'HUAWEI', '12V', 'PS-0001', 6]);
  ws.addRow(['1712345675', 'PÉREZ LÓPEZ JUAN CARLOS', 'Televisión', '2002', '10/05/2020', 'DECODIFICADOR', 'KAON', 'KSF-SA800', 'KA-0001', 60]);
  ws.addRow(['0102030400', 'ANDRADE VERA ANA', 'Televisión', '3003', '10/05/2020', 'DECODIFICADOR', 'KAON', 'KSF-SA800', 'KA-0009', 60]);
  await wb.xlsx.writeFile(path);
}

const station = (code: string, office: string, ...trust: string[]) =>
  cli('iniciar', '--db', db(code), '--estacion', code, '--oficina', office, '--usuario', 'admin', '--nombre', 'Ana Administradora', '--clave', PASSWORD, ...trust);

test.beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  root = mkdtempSync(join(tmpdir(), 'recupera-lazo-'));
  for (const code of [A, B, P]) mkdirSync(join(root, code));
  // P is the central; A and B trust it from its identity file, and P enrols theirs.
  station(P, 'Posventa Nacional', '--central');
  const pIdentity = join(root, 'identidad_P.json');
  cli('identidad', '--db', db(P), '--salida', pIdentity);
  station(A, 'CAC Iñaquito', '--central-identidad', pIdentity);
  station(B, 'CAC Centro Guayaquil', '--central-identidad', pIdentity);
  for (const code of [A, B]) {
    const identity = join(root, `identidad_${code}.json`);
    cli('identidad', '--db', db(code), '--salida', identity);
    cli('registrar-estacion', identity, '--db', db(P));
  }
  // Only Posventa imports the Excel base; B receives it in the first national update.
  const base = join(root, 'base.xlsx');
  await writeBase(base);
  cli('importar-base', base, '--db', db(P), '--json');
  mkdirSync(join(root, 'salida'));
  const first = JSON.parse(cli('publicar', '--db', db(P), '--salida', join(root, 'salida'), '--json')) as { seq: number; path: string };
  expect(first.seq).toBe(1);
  firstUpdate = first.path;
  cli('actualizar', firstUpdate, '--db', db(B));
});
test.afterAll(async () => {
  for (const app of running.splice(0)) await app.stop();
});

async function open(code: string): Promise<RunningApp> {
  const app = await startApp(undefined, db(code));
  running.push(app);
  return app;
}

async function close(app: RunningApp): Promise<void> {
  running.splice(running.indexOf(app), 1);
  await app.stop();
}

async function signIn(page: Page, app: RunningApp): Promise<void> {
  await page.goto(app.url);
  await page.getByLabel('Usuario').fill('admin');
  await page.getByLabel('Contraseña').fill(PASSWORD);
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await expect(page.getByRole('searchbox')).toBeFocused();
}

test('B’s return reaches A through Posventa’s signed update, and A verifies B’s acta', async ({ page }) => {
  test.setTimeout(240_000);
  const nav = page.getByRole('navigation');
  const year = new Date().getFullYear();

  // ── B: the customer returns both items of service 1001 (B's base came from update 1).
  const b = await open(B);
  await signIn(page, b);
  await page.getByRole('searchbox').fill('1712345675');
  await expect(page.getByRole('article').getByRole('heading', { name: 'PÉREZ LÓPEZ JUAN CARLOS' })).toBeVisible();
  await page.keyboard.press('F4');
  const scan = page.getByLabel('Escanee o escriba la serie y pulse Enter');
  for (const serial of ['HW-0001', 'PS-0001']) {
    await scan.fill(serial);
    await scan.press('Enter');
  }
  await expect(page.getByLabel('Recibido FUENTE DE PODER PS-0001')).toBeChecked();
  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('dialog', { name: '¿Guardar el acta?' })).toBeVisible();
  const saved = page.waitForResponse((r) => r.url().includes(`api/${encodeURIComponent('handovers:save')}`));
  await page.keyboard.press('Enter');
  const acta = ((await (await saved).json()) as { value: { number: string; qrText: string } }).value;
  expect(acta.number).toBe(`${B}-${year}-000001`);
  // What B's printed QR says: a scanner at A types exactly this.
  expect(acta.qrText).toMatch(/^RECUPERA\|2\|/);
  await expect(page.getByRole('heading', { name: `Acta ${acta.number}` })).toBeVisible();
  await page.getByRole('button', { name: 'Salir' }).click();
  await close(b);

  // ── B sends its signed package; it reaches the folder P shares with the offices.
  const out = join(root, 'salida');
  const pkg = JSON.parse(cli('exportar', '--db', db(B), '--salida', out, '--json')) as { package: string; handovers: number };
  expect(pkg.handovers).toBe(1);
  const share = join(root, 'compartida');
  mkdirSync(share);

  // ── P sets the shared folder, consolidates what waits there, and publishes update 2 on its screen.
  const p = await open(P);
  await signIn(page, p);
  await nav.getByRole('button', { name: 'Configuración' }).click();
  const shareForm = page.getByRole('form', { name: 'Carpeta compartida con Posventa' });
  await shareForm.getByLabel('Carpeta compartida').fill('compartida');
  await shareForm.getByRole('button', { name: 'Guardar carpeta' }).click();
  await expect(shareForm.getByRole('alert')).toContainText('Escriba la ruta completa');
  await shareForm.getByLabel('Carpeta compartida').fill(share);
  await shareForm.getByRole('button', { name: 'Guardar carpeta' }).click();
  await expect(shareForm.getByRole('status')).toContainText('Carpeta compartida guardada');
  await shareForm.screenshot({ path: join(shots, 'shared-folder-setting.png') });
  copyFileSync(pkg.package, join(share, 'paquetes', basename(pkg.package)));
  await nav.getByRole('button', { name: 'Consolidación' }).click();
  const waiting = page.getByRole('region', { name: 'Paquetes en la carpeta compartida' });
  await expect(waiting.getByRole('listitem')).toHaveCount(1);
  await expect(waiting).toContainText(basename(pkg.package));
  await page.screenshot({ path: join(shots, 'shared-packages.png'), fullPage: true });
  await waiting.getByRole('button', { name: 'Consolidar los paquetes de la carpeta compartida (1)' }).click();
  await expect(page.getByRole('heading', { name: 'Resumen de la consolidación' })).toBeVisible();
  await expect(page.getByLabel('Registros consolidados').locator('.count', { hasText: 'Actas nuevas' })).toContainText('1');
  await nav.getByRole('button', { name: 'Actualizaciones' }).click();
  await expect(page.getByRole('heading', { name: 'Actualizaciones nacionales' })).toBeVisible();
  const published = page.getByRole('region', { name: 'Actualizaciones publicadas' });
  await expect(published.getByRole('row')).toHaveCount(2);
  await page.getByLabel('Incremental: solo lo cambiado desde una actualización publicada').check();
  await expect(page.getByLabel('Desde la actualización')).toHaveValue('1');
  await page.screenshot({ path: join(shots, 'updates-publish-form.png'), fullPage: true });
  await page.getByRole('button', { name: 'Publicar actualización' }).click();
  await expect(page.getByRole('heading', { name: 'Actualización N.º 2 publicada' })).toBeVisible();
  await expect(page.getByRole('status')).toContainText('incremental desde la N.º 1');
  await expect(page.getByText('También quedó en la carpeta compartida:')).toContainText(join(share, 'actualizaciones', 'NACIONAL_0002_'));
  await expect(page.getByLabel('Contenido de la actualización').locator('.count', { hasText: /^Actas/ })).toContainText('1');
  await expect(published.getByRole('row')).toHaveCount(3);
  await page.screenshot({ path: join(shots, 'updates-published.png'), fullPage: true });
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Guardar una copia…' }).click();
  const second = join(out, (await download).suggestedFilename());
  await (await download).saveAs(second);
  expect(second).toMatch(/NACIONAL_0002_\d{8}-\d{4}\.recupera-nacional$/);
  await page.getByRole('button', { name: 'Salir' }).click();
  await close(p);

  // ── A never imported the base. Update 2 alone is refused: it continues update 1.
  const a = await open(A);
  await signIn(page, a);
  await page.getByRole('searchbox').fill('1712345675');
  await expect(page.getByText('No hay clientes que coincidan con «1712345675».')).toBeVisible();
  await nav.getByRole('button', { name: 'Actualizaciones' }).click();
  await expect(page.getByRole('status', { name: 'Estado de las actualizaciones' })).toContainText('Esta estación todavía no aplicó ninguna actualización de Posventa.');
  const picker = page.getByLabel('Archivo de actualización nacional (.recupera-nacional)');
  await picker.setInputFiles(second);
  await page.getByRole('button', { name: 'Aplicar la actualización' }).click();
  await expect(page.getByRole('alert')).toContainText('Falta la actualización N.º 1');
  await page.screenshot({ path: join(shots, 'updates-apply-refused.png'), fullPage: true });

  // Update 1, then 2: the base arrives, then B's acta.
  await picker.setInputFiles(firstUpdate);
  await page.getByRole('button', { name: 'Aplicar la actualización' }).click();
  await expect(page.getByRole('heading', { name: 'Actualización N.º 1 aplicada' })).toBeVisible();
  await expect(page.getByLabel('Cambios en esta estación').locator('.count', { hasText: 'Filas de la base' })).toContainText('9');
  await page.getByRole('button', { name: 'Listo' }).click();
  await picker.setInputFiles(second);
  await page.getByRole('button', { name: 'Aplicar la actualización' }).click();
  await expect(page.getByRole('heading', { name: 'Actualización N.º 2 aplicada' })).toBeVisible();
  const changes = page.getByLabel('Cambios en esta estación');
  await expect(changes.locator('.count', { hasText: 'Actas nuevas' })).toContainText('1');
  await expect(changes.locator('.count', { hasText: 'Equipos entregados' })).toContainText('2');
  await page.screenshot({ path: join(shots, 'updates-applied.png'), fullPage: true });
  await page.getByRole('button', { name: 'Listo' }).click();
  await expect(page.getByRole('status', { name: 'Estado de las actualizaciones' })).toContainText(/Al día con la actualización N\.º 2 del \d{2}\/\d{2}\/\d{4}/);
  await expect(page.getByRole('region', { name: 'Actualizaciones aplicadas' }).getByRole('row')).toHaveCount(3);
  await page.screenshot({ path: join(shots, 'updates-up-to-date.png'), fullPage: true });

  // ── A's desk: the customer's service 1001 reads ENTREGADO, with B's acta on each item.
  await nav.getByRole('button', { name: 'Buscar' }).click();
  await page.getByRole('searchbox').fill('1712345675');
  const service1001 = page.getByRole('region', { name: 'Servicio 1001' });
  await expect(service1001).toContainText('Entregado');
  await expect(service1001.getByText(`Entregado · acta ${acta.number}`)).toHaveCount(2);
  await expect(page.getByRole('region', { name: 'Servicio 2002' })).not.toContainText('Entregado · acta');
  await page.screenshot({ path: join(shots, 'updates-card-at-a.png'), fullPage: true });

  // ── A verifies B's printed acta from its QR: authentic, signed by B's key.
  await nav.getByRole('button', { name: 'Actas' }).click();
  const verify = page.getByRole('form', { name: 'Verificar acta' });
  await verify.getByLabel('Código del acta').fill(acta.qrText);
  await verify.getByRole('button', { name: 'Verificar' }).click();
  const verdict = page.getByRole('status', { name: 'Verificación del acta: Auténtica' });
  await expect(verdict).toContainText(acta.number);
  await expect(verdict).toContainText(B);
  await page.screenshot({ path: join(shots, 'updates-verify-at-a.png'), fullPage: true });
});
