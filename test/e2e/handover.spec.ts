import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { keptBytes } from '../helpers/kept';
import { cli, startApp, type RunningApp } from './server';

let app: RunningApp;

function findPdfs(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) if (e.isFile() && e.name.endsWith('.pdf')) out.push(join(e.parentPath, e.name));
  return out.sort();
}
const clearDir = mkdtempSync(join(tmpdir(), 'recupera-e2e-pdf-'));
/** The archived acta is sealed on disk (no PDF in clear there); its clear bytes are a PDF with the acta. */
async function clearPdf(path: string): Promise<string> {
  expect(readFileSync(path).subarray(0, 5).toString('latin1')).not.toBe('%PDF-');
  const bytes = await keptBytes(path);
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const out = join(clearDir, basename(path));
  writeFileSync(out, bytes);
  return out;
}
const pdfText = (path: string) => execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });

test.beforeAll(async () => {
  app = await startApp(async (dir, dbPath) => {
    cli('iniciar', '--db', dbPath, '--estacion', 'UIO-INAQUITO-01', '--oficina', 'CAC Iñaquito', '--ciudad', 'Quito', '--usuario', 'coord', '--nombre', 'Carla Coordinadora', '--clave', 'clave-segura-1');
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
  });
});
test.afterAll(async () => {
  await app?.stop();
});

test('a partial handover with a scanned serial and an unexpected item, printed, voided and reprinted', async ({ page }) => {
  const shots = join('test-results', 'screens');
  await page.goto(app.url);
  await page.getByLabel('Usuario').fill('coord');
  await page.getByLabel('Contraseña').fill('clave-segura-1');
  await page.getByRole('button', { name: 'Ingresar' }).click();

  const box = page.getByRole('searchbox');
  await box.fill('1712345675');
  await expect(page.getByRole('article').getByRole('heading', { name: 'PÉREZ LÓPEZ JUAN CARLOS' })).toBeVisible();
  // The attention script for a pending service, with the e-mail subject built for this customer.
  const script = page.getByLabel('Guion de atención del servicio 1001');
  await expect(script).toContainText('Sr(a). Juan');
  await expect(script).toContainText('1712345675//PÉREZ LÓPEZ JUAN CARLOS//INTERNET FIJO');
  await page.screenshot({ path: join(shots, 'card-script.png'), fullPage: true });
  await page.keyboard.press('F4');

  // The scanner types the serial and presses Enter.
  const scan = page.getByLabel('Escanee o escriba la serie y pulse Enter');
  await expect(scan).toBeFocused();
  await scan.fill('hw0001');
  await scan.press('Enter');
  await expect(page.getByRole('status')).toContainText('Marcado: MODEM HUAWEI serie HW-0001');
  await expect(page.getByLabel('Recibido MODEM HW-0001')).toBeChecked();
  // A serial of another customer is named, not ticked.
  await scan.fill('KA-0009');
  await scan.press('Enter');
  await expect(page.getByRole('status')).toContainText('pertenece a otro cliente: ANDRADE VERA ANA');
  // A serial nobody has becomes an item the base did not list.
  await scan.fill('RT-777');
  await scan.press('Enter');
  await expect(page.getByRole('status')).toContainText('no está en la base de este cliente');
  await page.getByLabel('Tipo de equipo').fill('Router');
  await page.getByLabel('Marca').fill('TP-Link');
  await page.getByLabel('Nota (obligatoria)').fill('Entregado junto al módem');
  await page.getByRole('button', { name: 'Agregar equipo no listado' }).click();
  await expect(page.getByLabel('Recibido ROUTER RT-777')).toBeChecked();
  await page.getByLabel('Estado de MODEM HW-0001').selectOption('DANADO');
  await page.getByRole('button', { name: 'Accesorios y nota de MODEM HW-0001' }).click();
  await page.getByRole('row', { name: /MODEM HUAWEI HG8245H/ }).getByLabel('Fuente de poder').check();
  await page.getByLabel('Observaciones').fill('Cliente entrega el módem con la carcasa rota.');
  await page.screenshot({ path: join(shots, 'handover-form.png'), fullPage: true });

  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('dialog', { name: '¿Guardar el acta?' })).toBeVisible();
  await page.keyboard.press('Enter');
  const year = new Date().getFullYear();
  const number = `UIO-INAQUITO-01-${year}-000001`;
  await expect(page.getByRole('heading', { name: `Acta ${number}` })).toBeVisible();
  await expect(page.frameLocator('iframe').getByText('ORIGINAL: CLIENTE')).toBeVisible();
  // The preview shows the acta in its own typeface (inline, allowed by the page's CSP), as the PDF prints it.
  const faces = await page.frameLocator('iframe').locator('body').evaluate(async () => {
    // This runs in the frame; the tests' own compilation knows no DOM, hence its globals by name.
    const { fonts } = (globalThis as unknown as { document: { fonts: { ready: Promise<unknown> } & Iterable<{ family: string; weight: string; status: string }> } }).document;
    await fonts.ready;
    return [...fonts].filter((f) => f.status === 'loaded').map((f) => `${f.family} ${f.weight}`);
  });
  expect(faces.sort()).toEqual(['Arimo 400', 'Arimo 700']);
  await page.screenshot({ path: join(shots, 'acta-screen.png'), fullPage: true });

  const [archived] = findPdfs(join(app.dir, 'actas'));
  const pdf = await clearPdf(archived!);
  const text = pdfText(pdf);
  for (const expected of [number, 'PÉREZ LÓPEZ JUAN CARLOS', '1712345675', 'HW-0001', 'RT-777', 'ORIGINAL: CLIENTE', 'COPIA: CNT', 'ENTREGUÉ CONFORME', 'RECIBÍ CONFORME']) {
    expect(text).toContain(expected);
  }
  expect(text.match(/ACTA DE ENTREGA-RECEPCIÓN/g)).toHaveLength(2);
  // The power supply was not returned: it is listed only among the items still owed, once per copy.
  for (const copy of text.split('ACTA DE ENTREGA-RECEPCIÓN').slice(1)) {
    const [received, owed] = copy.split('Equipos pendientes de entrega después de esta acta');
    expect(received).not.toContain('PS-0001');
    expect(owed).toContain('PS-0001');
  }
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdf, join(shots, 'acta-pdf')]);

  // Back at the desk: the card shows the partial return.
  await page.keyboard.press('Escape');
  await box.fill('1712345675');
  const card = page.getByRole('article');
  await expect(card.getByRole('region', { name: 'Servicio 1001' })).toContainText('Entrega parcial');
  await expect(card).toContainText(`Entregado · acta ${number}`);

  // Void from the history: the archive keeps the acta as it now stands, marked ANULADA with its reason.
  await card.getByRole('button', { name: number }).click();
  await page.getByRole('button', { name: 'Anular acta' }).click();
  await page.getByLabel('Motivo de la anulación').fill('Se registró en el servicio equivocado');
  await page.getByRole('button', { name: 'Confirmar anulación' }).click();
  await expect(page.getByText('Anulada', { exact: true }).first()).toBeVisible();
  // The record shows first, then the voided copy; nobody asked for a reprint, so none is archived.
  await expect(page.getByText('Generando el PDF del acta…')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Imprimir', exact: true })).toBeEnabled();
  const pdfs = findPdfs(join(app.dir, 'actas'));
  expect(pdfs.filter((p) => p.includes('reimpresion'))).toEqual([]);
  const voided = pdfs.find((p) => p.endsWith('_anulada.pdf'));
  expect(voided).toBeTruthy();
  const voidedText = pdfText(await clearPdf(voided!));
  expect(voidedText).toContain('ANULADA');
  expect(voidedText.replace(/\s+/g, ' ')).toContain('Motivo: Se registró en el servicio equivocado');
  // A reprint asked for carries both marks, in a file of its own.
  await page.getByRole('button', { name: 'Reimprimir' }).click();
  await expect.poll(() => findPdfs(join(app.dir, 'actas')).filter((p) => p.includes('reimpresion')).length).toBe(1);
  const reprinted = pdfText(await clearPdf(findPdfs(join(app.dir, 'actas')).find((p) => p.includes('reimpresion'))!));
  expect(reprinted).toContain('REIMPRESIÓN');
  expect(reprinted).toContain('ANULADA');

  await page.keyboard.press('Escape');
  await box.fill('1712345675');
  await expect(card.getByRole('region', { name: 'Servicio 1001' })).toContainText('Pendiente');

  // A handover in progress is not thrown away without asking: Esc or Enter keeps it, «Sí, descartar» discards it.
  await page.keyboard.press('F4');
  await expect(scan).toBeFocused();
  await scan.fill('HW-0001');
  await scan.press('Enter');
  await expect(page.getByLabel('Recibido MODEM HW-0001')).toBeChecked();
  await page.keyboard.press('F2');
  const discard = page.getByRole('alertdialog', { name: '¿Descartar la entrega que está registrando?' });
  await expect(discard).toBeVisible();
  await expect(discard.getByRole('button', { name: 'Seguir registrando (Enter o Esc)' })).toBeFocused();
  await page.screenshot({ path: join(shots, 'handover-discard.png'), fullPage: true });
  await page.keyboard.press('Escape');
  await expect(discard).toBeHidden();
  await expect(page.getByLabel('Recibido MODEM HW-0001')).toBeChecked();
  await expect(scan).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(discard).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(discard).toBeHidden();
  await expect(page.getByLabel('Recibido MODEM HW-0001')).toBeChecked();
  await page.keyboard.press('Escape');
  await expect(discard).toBeVisible();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(discard).toBeHidden();
  await expect(box).toBeFocused();
  await expect(page.getByRole('heading', { name: /Registrar entrega/ })).toBeHidden();
});
