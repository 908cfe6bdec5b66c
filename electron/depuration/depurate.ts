import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { AuditActor } from '../../shared/audit';
import { countOf } from '../../shared/auditText';
import { BASE_FIELDS } from '../../shared/baseFields';
import type { DepurationCounts, DepurationFiles, DepurationResult } from '../../shared/contracts/sync';
import { messagesRefusal } from '../../shared/campaign';
import { messageScenario, renderMessages, type Scenario } from '../../shared/messages';
import { firstName } from '../../shared/placeholders';
import { cents, centsToDollars } from '../../shared/money';
import { AppFailure } from '../../shared/result';
import { statusLabel, type ServiceStatus } from '../../shared/status';
import {
  baseServiceCount,
  baseStatusCounts,
  comunicacionesRows,
  DEPURATION_COLUMN,
  depurationRows,
  reversalRows,
  unpricedTypes,
} from '../db/depuration';
import { recordAudit } from '../db/audit';
import { newId, nowIso } from '../db/ids';
import type { Db } from '../db/open';
import { readSnapshot } from '../db/readSnapshot';
import { campaignOf } from '../db/settings';
import { getLocalStation } from '../db/stations';
import { deliverFile, withRoom } from '../files/destination';
import { sha256Kept } from '../files/sealedFile';
import { JobCancelled } from '../platform/cancellation';
import type { StageReporter } from '../platform/progress';
import { COLUMNS } from '../xlsx/columns';
import { TableSheet, writeWorkbook, type ColumnSpec, type Workbook } from '../xlsx/tableWriter';
import { BillingLines, REVERSAL_COLUMNS, reversalSheetRows } from './billing';
import { withdrawBatchFiles, type BatchFiles } from './batchFiles';
import { recordBatch } from './batchRecording';
import { ServiceTotals } from './serviceTotals';
import { assertBatchStillFree, nextBatch, planDepuration } from './depurationPlan';

export interface DepurateOptions {
  db: Db;
  /** Folder the batch's folder is created in. */
  outDir: string;
  /** The user's folder the three files are also delivered to (`--salida`); the batch is recorded only once they are there. */
  destination?: string;
  /** The data key: the files kept in `outDir` are sealed with it; the copies delivered to `destination` are in clear. */
  dataKey?: Buffer;
  userId?: string | null;
  /** Who asked for it: the batch's audit entry is recorded with the batch. */
  actor?: AuditActor | null;
  now?: Date;
  onStage?: StageReporter;
  isCancelled?: () => boolean;
  /** Test seam: runs after the files are in place and before the batch is recorded (a crash there). */
  beforeRecord?: () => void;
  /** Between the write sessions that record the batch: the job worker steps aside for the desk there. */
  between?: () => Promise<void> | void;
  /** Test seam: lines recorded per write session (batchRecording.ts). */
  linesPerSession?: number;
}

type Row = unknown[];
const SI_NO = (v: unknown) => (v ? 'SI' : 'NO');
/** Workbook cells hold dollars, so billing's spreadsheets sum and format them as money. */
const money = (amount: unknown) => (typeof amount === 'number' ? centsToDollars(cents(amount)) : null);

/**
 * Called after each row with the rows done so far: every thousand rows it stops on a cancel, reports
 * progress now and then, and waits for the sheets' compressors (on libuv's threads) to catch up, so
 * memory stays flat while rows are pulled from SQLite.
 */
async function paced(n: number, sheets: TableSheet[], o: DepurateOptions, progress: () => void): Promise<void> {
  if ((n & 1023) !== 0) return;
  if (o.isCancelled?.()) throw new JobCancelled();
  if ((n & 8191) === 0) progress();
  await Promise.all(sheets.map((sheet) => sheet.settle()));
}

/** Pushes rows pulled from SQLite into a sheet, paced, and commits it. */
async function pump(rows: Iterable<Row>, sheet: TableSheet, map: (r: Row) => unknown[], o: DepurateOptions, progress: () => void): Promise<number> {
  let n = 0;
  for (const r of rows) {
    sheet.add(map(r) as never);
    await paced(++n, [sheet], o, progress);
  }
  sheet.commit();
  return n;
}

const BASE_COLUMNS: ColumnSpec[] = [
  ...BASE_FIELDS.map((f): ColumnSpec => {
    switch (f.key) {
      case 'identification':
      case 'serviceNumber':
      case 'serial':
      case 'phone':
        return { header: f.header, type: 'text', width: f.key === 'serial' ? 20 : 16 };
      case 'cancelDate':
        return { header: f.header, type: 'date' };
      case 'value':
        return { header: f.header, type: 'money', width: 10 };
      case 'name':
        return { header: f.header, width: 34 };
      default:
        return { header: f.header };
    }
  }),
  { header: 'ESTADO RECUPERA', width: 20 },
];

/**
 * The carga de valores never lists an item without a value: when an item to charge has no usable
 * VALOR and its type no price, nothing is written and the refusal names the types to price.
 */
function refuseUnpriced(db: Db): void {
  const missing = unpricedTypes(db);
  if (missing.length === 0) return;
  const named = missing.map((m) => `${m.type} (${countOf(m.n, 'equipo', 'equipos')})`).join(', ');
  throw new AppFailure(
    'refused',
    `No se generó la depuración: hay equipos por cobrar sin valor en la base y sin precio para su tipo: ${named}. Fije el precio de ${missing.length === 1 ? 'ese tipo' : 'esos tipos'} en Configuración → Precios por tipo de equipo y vuelva a depurar.`,
  );
}

/**
 * Writes the three depuración files from the consolidated data and records the batch (number,
 * time, counts, SHA-256 of each file) so what went to billing can be traced later. The batch is
 * recorded last, once its files are whole in `DEP-…/` and delivered to the destination: a run
 * that fails or dies before that records nothing, and the next run takes the same number and
 * rewrites that folder (see nextBatch). A run whose recording fails once the number was its own
 * removes its files, delivered copies included (batchFiles.ts); so does the next open for a batch a
 * dead process left half-recorded.
 */
export async function depurate(o: DepurateOptions): Promise<DepurationResult> {
  const started = Date.now();
  const { db } = o;
  const station = getLocalStation(db);
  if (!station) throw new AppFailure('refused', 'Configure la estación antes de depurar.');
  refuseUnpriced(db);
  const now = o.now ?? new Date();
  const numbered = nextBatch(db, now);
  const { batch } = numbered;
  const bytes = await planDepuration(db, o.outDir, o.destination);
  const dir = join(o.outDir, batch);
  await withRoom(dir, bytes, () => mkdir(dir, { recursive: true }));
  const files: DepurationFiles = {
    baseDepurada: join(dir, `${batch}_base_depurada.xlsx`),
    cargaValores: join(dir, `${batch}_carga_valores.xlsx`),
    comunicaciones: join(dir, `${batch}_comunicaciones.xlsx`),
  };
  const total = baseServiceCount(db) || 1;
  const counts: DepurationCounts = { pending: 0, partial: 0, delivered: 0, regularized: 0, inReview: 0, chargeTotalCents: cents(0) };
  const rows = { baseDepurada: 0, cargaValores: 0, reversals: 0, comunicaciones: 0 };
  const campaign = campaignOf(db);
  // A past deadline would be told to every customer: the comunicaciones keep their header and no
  // message until the deadline is changed; the base depurada and the carga de valores go on (billing
  // comes after the deadline by design).
  const withheld = messagesRefusal(campaign, now);
  const billing = new BillingLines();
  // Kept sealed in the data folder: the three files name every customer.
  const writeKept = <T>(target: string, fill: (wb: Workbook) => T | Promise<T>) => writeWorkbook(target, fill, { seal: o.dataKey });

  // One read snapshot: the three files describe the same moment; the batch is recorded after it.
  await withRoom(dir, bytes, () => readSnapshot(db, async () => {
    for (const r of baseStatusCounts(db)) {
      if (r.status === 'PENDIENTE' || r.status === 'RESPALDO_RECHAZADO') counts.pending += r.n;
      else if (r.status === 'ENTREGA_PARCIAL') counts.partial += r.n;
      else if (r.status === 'ENTREGADO') counts.delivered += r.n;
      else if (r.status === 'REGULARIZADO') counts.regularized += r.n;
      else if (r.status === 'RESPALDO_EN_REVISION') counts.inReview += r.n;
    }

    let done = 0;
    const stage = (label: string, step: number) => () => o.onStage?.(label, Math.min(done, total) + step * total, 3 * total);

    // (a) Base depurada, the base's own columns so it can be imported again, and (b) the carga de
    // valores, item by item with totals by service, written together from one read of the base.
    const both = 'Escribiendo la base depurada y la carga de valores';
    o.onStage?.(both, 0, 3 * total);
    await writeKept(files.baseDepurada, (baseWb) => writeKept(files.cargaValores, async (wb) => {
      const base = new TableSheet(baseWb, 'Base depurada', BASE_COLUMNS);
      const items = new TableSheet(wb, 'Carga de valores', [
        COLUMNS.identification,
        COLUMNS.name,
        COLUMNS.serviceNumber,
        COLUMNS.businessLine,
        COLUMNS.cancelDate,
        { header: 'ESTADO', width: 18 },
        { header: 'TIPO DE EQUIPO', width: 20 },
        { header: 'MARCA' },
        { header: 'MODELO' },
        COLUMNS.serial,
        { header: 'VALOR', type: 'money', width: 10 },
      ]);
      const totals = new TableSheet(
        wb,
        'Totales por servicio',
        [COLUMNS.identification, COLUMNS.name, COLUMNS.serviceNumber, { header: 'EQUIPOS PENDIENTES', type: 'number', width: 12 }, { header: 'VALOR TOTAL', type: 'money', width: 12 }],
        { alongside: true },
      );
      const owed = new ServiceTotals((line) => totals.add([line.identification, line.name, line.serviceNumber, line.items, money(line.cents)]));
      const C = DEPURATION_COLUMN;
      let n = 0;
      for (const r of depurationRows(db)) {
        if (r[C.toCharge]) {
          const value = r[C.chargeCents] as number | null;
          billing.charge(r[C.itemRow] as number, value);
          owed.add(r[C.serviceRow] as number, r[3] as string, r[4] as string | null, r[6] as string, value);
          items.add([r[3], r[4], r[6], r[C.chargeBusinessLine], r[7], statusLabel(r[18] as ServiceStatus), r[8], r[9], r[10], r[11], money(value)] as never);
          rows.cargaValores++;
        }
        // Already in the base's column order (the carga's columns after them are done with): only
        // value, flags and status need writing out.
        r.length = BASE_COLUMNS.length;
        r[12] = money(r[12]);
        for (let i = 13; i <= 15; i++) r[i] = SI_NO(r[i]);
        r[18] = statusLabel(r[18] as ServiceStatus);
        base.add(r as never);
        await paced(++n, [base, items, totals], o, () => o.onStage?.(both, 2 * Math.min(n, total), 3 * total));
      }
      owed.end();
      rows.baseDepurada = n;
      base.commit();
      items.commit();
      totals.commit();
      counts.chargeTotalCents = cents(billing.chargeCents);
      // Charges that stand (sent in an earlier batch, or loaded by the base) on equipment that came back.
      const reversals = new TableSheet(wb, 'Valores a reversar', REVERSAL_COLUMNS);
      rows.reversals = await pump(reversalSheetRows(reversalRows(db), billing), reversals, (r) => r, o, () => undefined);
      // Counts and dollars in columns of their own: billing sums the money as money (#,##0.00), as on the other sheets.
      const summary = new TableSheet(wb, 'Resumen', [
        { header: 'CONCEPTO', width: 34 },
        { header: 'CANTIDAD', width: 18 },
        { header: 'VALOR (USD)', type: 'money', width: 16 },
      ]);
      summary.add(['Lote', batch, null]);
      summary.add(['Equipos a cargar', rows.cargaValores, centsToDollars(counts.chargeTotalCents)]);
      summary.add(['Cargos a reversar (servicio y origen)', rows.reversals, null]);
      summary.add(['Equipos a reversar', billing.reversals.length, centsToDollars(cents(billing.reversalCents))]);
      summary.commit();
    }));

    // (c) Comunicaciones: the scenario decides the texts; no message for whoever paid or claimed.
    done = 0;
    o.onStage?.('Escribiendo las comunicaciones', 2 * total, 3 * total);
    await writeKept(files.comunicaciones, async (wb) => {
      // Only what the IVR and WhatsApp platforms need (docs/domain.md, minimisation): the number to
      // call, the name to greet, the service the texts speak of, and the texts. No cédula, full name or e-mail.
      const sheet = new TableSheet(wb, 'Comunicaciones', [
        { header: 'TELEFONO', type: 'text', width: 13 },
        { header: 'NOMBRE PARA SALUDO', width: 18 },
        COLUMNS.serviceNumber,
        { header: 'ESCENARIO', width: 38 },
        { header: 'MENSAJE IVR', width: 80 },
        { header: 'MENSAJE WHATSAPP', width: 80 },
      ]);
      const owing = withheld ? [] : comunicacionesRows(db);
      rows.comunicaciones = await pump(
        (function* () {
          for (const r of owing) {
            done++;
            // The scenario rides along at the end of the row, so it is decided once.
            const scenario = messageScenario({ chargesLoaded: !!r[7], paid: !!r[8], claim: !!r[9] });
            if (scenario) {
              r.push(scenario);
              yield r;
            }
          }
        })(),
        sheet,
        (r) => {
          const scenario = r[10] as Scenario;
          const text = renderMessages(
            scenario,
            { name: r[1] as string | null, businessLine: r[5] as string | null, serviceNumber: r[4] as string, cancelDate: r[6] as string | null },
            campaign,
          );
          return [r[2], firstName(r[1] as string | null), r[4], scenario, text.ivr, text.whatsapp];
        },
        o,
        stage('Escribiendo las comunicaciones', 2),
      );
    });
  }));

  const sha256: DepurationFiles = {
    baseDepurada: await sha256Kept(files.baseDepurada, o.dataKey),
    cargaValores: await sha256Kept(files.cargaValores, o.dataKey),
    comunicaciones: await sha256Kept(files.comunicaciones, o.dataKey),
  };
  let delivered: DepurationFiles | undefined;
  if (o.destination) {
    const destination = o.destination;
    o.onStage?.('Copiando los archivos a la carpeta elegida', 3 * total, 3 * total);
    delivered = await withRoom(destination, bytes, async () => ({
      baseDepurada: await deliverFile(files.baseDepurada, destination, sha256.baseDepurada, o.dataKey),
      cargaValores: await deliverFile(files.cargaValores, destination, sha256.cargaValores, o.dataKey),
      comunicaciones: await deliverFile(files.comunicaciones, destination, sha256.comunicaciones, o.dataKey),
    }));
  }
  o.beforeRecord?.();
  const createdAt = nowIso(now);
  o.onStage?.('Registrando el lote', 3 * total, 3 * total);
  // The batch is recorded with every line its carga de valores lists, or not at all (batchRecording.ts).
  const batchFiles: BatchFiles = { files, sha256, ...(delivered ? { delivered } : {}) };
  let claimed = false;
  try {
    await recordBatch(
      db,
      {
        id: newId(),
        batch,
        originStation: station.code,
        userId: o.userId ?? null,
        createdAt,
        counts: JSON.stringify({ ...counts, rows, billing: billing.totals() }),
        files: JSON.stringify(batchFiles),
      },
      billing,
      {
        between: o.between,
        claim: (tx) => {
          assertBatchStillFree(tx, numbered);
          claimed = true;
        },
        audit: (tx) =>
          recordAudit(tx, o.actor ?? null, {
            action: 'DEPURACION_GENERADA',
            description: `Generó la depuración ${batch}: ${countOf(rows.baseDepurada, 'servicio', 'servicios')} en la base depurada, ${countOf(rows.cargaValores, 'cargo', 'cargos')}, ${countOf(rows.reversals, 'reverso', 'reversos')}, ${countOf(rows.comunicaciones, 'comunicación', 'comunicaciones')}${withheld ? ` (${withheld})` : ''}`,
            targetKind: 'lote',
            targetId: batch,
            detail: { counts: { ...counts, chargeTotalCents: Number(counts.chargeTotalCents) }, rows, sha256, delivered: o.destination ?? null },
          }),
        linesPerSession: o.linesPerSession,
      },
    );
  } catch (e) {
    // Once the number was this run's, its files describe a batch that is not recorded. Before that,
    // another run holds the number, and files of that name may be its own.
    if (!claimed) throw e;
    withdrawBatchFiles(batchFiles);
    // The files may have been seen in the chosen folder before they went.
    const gone = `Sus archivos se quitaron${delivered ? ', también de la carpeta elegida' : ''}.`;
    throw e instanceof AppFailure ? new AppFailure(e.kind, `${e.message} ${gone}`, e.fields) : e;
  }
  o.onStage?.('Listo', 3 * total, 3 * total);
  return { batch, createdAt, files, sha256, counts, rows, ...(delivered ? { delivered } : {}), ...(withheld ? { messagesWithheld: withheld } : {}), seconds: (Date.now() - started) / 1000 };
}
