import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { validPdf } from '../helpers/documents';
import { axeFindings, type Finding } from './axe';
import { cli, startApp, type RunningApp } from './server';

/**
 * axe-core on every screen of the top bar as each role that sees it, plus the customer card, the
 * handover form and its confirmation, the acta, the respaldo form and review, the help, and the
 * sign-in and lock screens. Every rule is on, colour contrast included.
 */
let office: RunningApp;
let central: RunningApp;
const PASSWORD = 'clave-segura-1';

async function seed(dir: string, dbPath: string, station: string, officeName: string, users: [string, string, string][], extra: string[] = []): Promise<void> {
  cli('iniciar', '--db', dbPath, '--estacion', station, '--oficina', officeName, '--usuario', 'admin', '--nombre', 'Ana Administradora', '--clave', PASSWORD, ...extra);
  for (const [user, name, role] of users) cli('usuario-nuevo', user, '--nombre', name, '--perfil', role, '--clave', PASSWORD, '--db', dbPath);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Base');
  ws.addRow(['IDENTIFICACION', 'APELLIDOS Y NOMBRES', 'LINEA DE NEGOCIO', 'NUMERO DE SERVICIO', 'FECHA DE RETIRO', 'TIPO DE EQUIPO', 'MARCA', 'MODELO', 'SERIE', 'VALOR']);
  ws.addRow(['1712345675', 'PÉREZ LÓPEZ JUAN CARLOS', 'Internet Fijo', '1001', '10/05/2020', 'MODEM', 'HUAWEI', 'HG8245H', 'HW-0001', 45]);
  ws.addRow(['1712345675', 'PÉREZ LÓPEZ JUAN CARLOS', 'Televisión', '2002', '10/05/2020', 'DECODIFICADOR', 'KAON', 'KSF-SA800', 'KA-0001', 60]);
  ws.addRow(['0102030400', 'ANDRADE VERA ANA', 'Televisión', '3003', '10/05/2020', 'DECODIFICADOR', 'KAON', 'KSF-SA800', 'KA-0009', 60]);
  const base = join(dir, 'base.xlsx');
  await wb.xlsx.writeFile(base);
  cli('importar-base', base, '--db', dbPath, '--json');
}

test.beforeAll(async () => {
  office = await startApp((dir, db) =>
    seed(dir, db, 'UIO-INAQUITO-01', 'CAC Iñaquito', [
      ['luis', 'Luis Asesor', 'ASESOR'],
      ['coord', 'Carla Coordinadora', 'COORDINADOR'],
    ]),
  );
  central = await startApp((dir, db) => seed(dir, db, 'UIO-POSVENTA-01', 'Posventa Nacional', [['pablo', 'Pablo Posventa', 'POSVENTA']], ['--central']));
});
test.afterAll(async () => {
  await office?.stop();
  await central?.stop();
});

const findings: Finding[] = [];
async function check(page: Page, where: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  findings.push(...(await axeFindings(page, where)));
}

async function signIn(page: Page, username: string): Promise<void> {
  await page.getByLabel('Usuario').fill(username);
  await page.getByLabel('Contraseña').fill(PASSWORD);
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await expect(page.getByRole('searchbox')).toBeFocused();
}

/** Every entry of the top bar this user sees, each checked once it has loaded. */
async function everyScreen(page: Page, who: string): Promise<string[]> {
  const nav = page.getByRole('navigation', { name: 'Principal' });
  const labels = (await nav.getByRole('button').allInnerTexts()).map((t) => t.replace(/\s*F2$/, '').trim());
  for (const label of labels) {
    const button = nav.getByRole('button', { name: label });
    await button.click();
    await expect(button).toHaveAttribute('aria-current', 'page');
    // Screens loaded on first use (Avance) show a loading line until their code arrives.
    await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
    await check(page, `${who} › ${label}`);
  }
  return labels;
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Salir' }).click();
  await expect(page.getByRole('button', { name: 'Ingresar' })).toBeVisible();
}

test('axe finds nothing on any screen, for any role', async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto(office.url);
  await expect(page.getByRole('button', { name: 'Ingresar' })).toBeVisible();
  await check(page, 'Ingreso');

  // The clerk: the desk, from the search to the acta.
  await signIn(page, 'luis');
  expect(await everyScreen(page, 'ASESOR')).toEqual(['Buscar', 'Actas', 'Configuración']);
  await page.getByRole('navigation').getByRole('button', { name: 'Buscar' }).click();
  await page.getByRole('searchbox').fill('1712345675');
  await expect(page.getByRole('article').getByRole('heading', { name: 'PÉREZ LÓPEZ JUAN CARLOS' })).toBeVisible();
  await check(page, 'ASESOR › ficha del cliente');
  await page.keyboard.press('F1');
  await expect(page.getByRole('dialog', { name: 'Ayuda · Buscar' })).toBeVisible();
  await check(page, 'ASESOR › ayuda');
  await page.keyboard.press('Escape');
  await page.keyboard.press('F4');
  const scan = page.getByLabel('Escanee o escriba la serie y pulse Enter');
  await expect(scan).toBeFocused();
  await scan.fill('HW-0001');
  await scan.press('Enter');
  await expect(page.getByLabel('Recibido MODEM HW-0001')).toBeChecked();
  await page.getByRole('button', { name: 'Accesorios y nota de MODEM HW-0001' }).click();
  await check(page, 'ASESOR › registrar entrega');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('dialog', { name: '¿Guardar el acta?' })).toBeVisible();
  await check(page, 'ASESOR › confirmar el acta');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: /^Acta UIO-INAQUITO-01-/ })).toBeVisible();
  await expect(page.frameLocator('iframe').getByText('ORIGINAL: CLIENTE')).toBeVisible();
  await check(page, 'ASESOR › acta');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Bloquear' }).click();
  await expect(page.getByRole('heading', { name: 'Pantalla bloqueada' })).toBeVisible();
  await check(page, 'Pantalla bloqueada');
  await page.getByLabel('Contraseña').fill(PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('searchbox')).toBeVisible();
  await signOut(page);

  await signIn(page, 'coord');
  expect(await everyScreen(page, 'COORDINADOR')).toContain('Cierre del día');
  await signOut(page);
  await signIn(page, 'admin');
  await everyScreen(page, 'ADMIN');
  await signOut(page);

  // Posventa at the central: a respaldo registered at the card, then reviewed.
  await page.goto(central.url);
  await signIn(page, 'pablo');
  await page.getByRole('searchbox').fill('0102030400');
  const card = page.getByRole('article');
  await card.getByRole('button', { name: 'Registrar respaldo' }).click();
  await check(page, 'POSVENTA › registrar respaldo');
  const pdf = join(central.dir, 'acta-anterior.pdf');
  writeFileSync(pdf, validPdf('acta anterior'));
  await page.getByLabel('Número del acta que presenta').fill('AZ-2020-455');
  await page.getByLabel('Oficina donde entregó').fill('CAC Sur');
  await page.getByLabel('Documentos del respaldo').setInputFiles(pdf);
  await page.getByRole('button', { name: 'Guardar respaldo' }).click();
  await expect(card.getByRole('region', { name: 'Servicio 3003' })).toContainText('Respaldo en revisión');
  expect(await everyScreen(page, 'POSVENTA')).toContain('Respaldos');
  await page.getByRole('navigation').getByRole('button', { name: 'Respaldos' }).click();
  await expect(page.getByRole('heading', { name: /Acta presentada: AZ-2020-455/ })).toBeVisible();
  await check(page, 'POSVENTA › revisión del respaldo');

  const report = findings.map((f) => `${f.where}: ${f.rule} (${f.impact})\n    ${f.nodes.join('\n    ')}`).join('\n');
  expect(report, report).toBe('');
});
