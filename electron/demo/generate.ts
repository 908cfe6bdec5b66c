/**
 * Deterministic synthetic Posventa base (docs/domain.md §4–5) for demos, tests and benchmarks.
 * Nothing here is real data: identifications carry valid check digits but are generated.
 */
import { paceWorkbookSheet, writeExcelJsWorkbook } from '../xlsx/excelJsWorkbook';
import type ExcelJS from 'exceljs';
import { BASE_FIELDS, type RawBaseRow } from '../../shared/baseFields';

export interface DemoOptions {
  customers: number;
  seed?: number;
}

// --- randomness -------------------------------------------------------------------------

type Rng = () => number;

function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A bijection on uint32 (every step is invertible), so distinct counters give distinct outputs. */
function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/**
 * Keyed permutation of [0, a·b): an alternating Feistel network over Z_a × Z_b. Each round is
 * invertible, so unique counters map to unique, random-looking numbers without remembering them.
 */
function permute(x: number, a: number, b: number, key: number): number {
  let l = Math.floor(x / b);
  let r = x % b;
  for (let round = 0; round < 4; round++) {
    l = (l + (mix32(r ^ key ^ (round * 0x9e3779b9)) % a)) % a;
    r = (r + (mix32(l ^ key ^ (round * 0x85ebca6b + 1)) % b)) % b;
  }
  return l * b + r;
}

const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)] as T;
const digits = (rng: Rng, n: number): string => {
  let s = '';
  for (let i = 0; i < n; i++) s += Math.floor(rng() * 10);
  return s;
};

/** Cumulative-weight picker; weights are relative. */
function weighted<T>(items: readonly (readonly [T, number])[]): (rng: Rng) => T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  return (rng) => {
    let u = rng() * total;
    for (const [item, w] of items) if ((u -= w) < 0) return item;
    return items[items.length - 1]![0];
  };
}

// --- geography ------------------------------------------------------------------------

interface Province {
  code: string;
  name: string;
  capital: string;
  regional: string;
}

// Weights roughly follow population so Guayas and Pichincha dominate, as in the real base.
const PROVINCES: readonly (readonly [Province, number])[] = (
  [
    ['01', 'AZUAY', 'CUENCA', 'AUSTRO', 88],
    ['02', 'BOLÍVAR', 'GUARANDA', 'SIERRA CENTRO', 21],
    ['03', 'CAÑAR', 'AZOGUES', 'AUSTRO', 28],
    ['04', 'CARCHI', 'TULCÁN', 'SIERRA NORTE', 17],
    ['05', 'COTOPAXI', 'LATACUNGA', 'SIERRA CENTRO', 47],
    ['06', 'CHIMBORAZO', 'RIOBAMBA', 'SIERRA CENTRO', 51],
    ['07', 'EL ORO', 'MACHALA', 'LITORAL', 71],
    ['08', 'ESMERALDAS', 'ESMERALDAS', 'LITORAL', 55],
    ['09', 'GUAYAS', 'GUAYAQUIL', 'GUAYAS', 440],
    ['10', 'IMBABURA', 'IBARRA', 'SIERRA NORTE', 47],
    ['11', 'LOJA', 'LOJA', 'AUSTRO', 48],
    ['12', 'LOS RÍOS', 'BABAHOYO', 'LITORAL', 90],
    ['13', 'MANABÍ', 'PORTOVIEJO', 'LITORAL', 160],
    ['14', 'MORONA SANTIAGO', 'MACAS', 'ORIENTE', 19],
    ['15', 'NAPO', 'TENA', 'ORIENTE', 13],
    ['16', 'PASTAZA', 'PUYO', 'ORIENTE', 11],
    ['17', 'PICHINCHA', 'QUITO', 'PICHINCHA', 310],
    ['18', 'TUNGURAHUA', 'AMBATO', 'SIERRA CENTRO', 56],
    ['19', 'ZAMORA CHINCHIPE', 'ZAMORA', 'ORIENTE', 11],
    ['20', 'GALÁPAGOS', 'PUERTO BAQUERIZO MORENO', 'LITORAL', 3],
    ['21', 'SUCUMBÍOS', 'NUEVA LOJA', 'ORIENTE', 20],
    ['22', 'ORELLANA', 'FRANCISCO DE ORELLANA', 'ORIENTE', 18],
    ['23', 'SANTO DOMINGO DE LOS TSÁCHILAS', 'SANTO DOMINGO', 'LITORAL', 46],
    ['24', 'SANTA ELENA', 'SANTA ELENA', 'LITORAL', 39],
  ] as const
).map(([code, name, capital, regional, w]) => [{ code, name, capital, regional }, w] as const);

const pickProvince = weighted(PROVINCES);
// Code 30 is for cédulas issued abroad; the others are people registered in another province.
const FOREIGN_CODES = [...PROVINCES.map(([p]) => p.code), '30'];

// --- people and companies -------------------------------------------------------------

const SURNAMES = [
  'PÉREZ', 'GÓMEZ', 'NÚÑEZ', 'RODRÍGUEZ', 'GONZÁLEZ', 'SÁNCHEZ', 'RAMÍREZ', 'MARTÍNEZ', 'LÓPEZ',
  'HERNÁNDEZ', 'GARCÍA', 'JIMÉNEZ', 'DÍAZ', 'VÁSQUEZ', 'SUÁREZ', 'BENÍTEZ', 'MUÑOZ', 'CHÁVEZ',
  'ANDRADE', 'ZAMBRANO', 'MOREIRA', 'CEDEÑO', 'VERA', 'MENDOZA', 'VELÁSQUEZ', 'CEVALLOS', 'CASTILLO',
  'TORRES', 'RUIZ', 'ORTIZ', 'CARRIÓN', 'PAREDES', 'REYES', 'MORALES', 'GUERRERO', 'VILLACÍS',
  'ALVARADO', 'QUISHPE', 'CHIRIBOGA', 'PROAÑO', 'TAPIA', 'SALAZAR', 'ESPINOZA', 'VALENCIA', 'BRAVO',
  'MACÍAS', 'PONCE', 'YÉPEZ', 'AGUIRRE', 'CALDERÓN', 'CUENCA', 'LEÓN', 'ROMERO', 'CASTRO', 'FLORES',
  'TOAPANTA', 'GUAMÁN', 'PILLAJO', 'NARVÁEZ', 'ARIAS', 'ESTRADA', 'JARAMILLO', 'VARGAS', 'MONTALVO',
  'DE LA TORRE', 'DEL POZO', 'DE LOS REYES', 'SAN MARTIN', 'DE LA CRUZ', 'DEL SALTO', 'ESPÍN',
];

const MALE_NAMES = [
  'JUAN', 'CARLOS', 'JOSÉ', 'LUIS', 'JORGE', 'MIGUEL', 'ANDRÉS', 'DIEGO', 'FERNANDO', 'DAVID',
  'PABLO', 'SANTIAGO', 'MARIO', 'EDISON', 'WILSON', 'FRANKLIN', 'PATRICIO', 'MARCO', 'VÍCTOR',
  'RAÚL', 'JAVIER', 'CRISTIAN', 'ÁNGEL', 'SEBASTIÁN', 'GUSTAVO', 'FABIÁN', 'HÉCTOR', 'RAMIRO',
  'ALEXANDER', 'GEOVANNY', 'ROBERTO', 'EDUARDO', 'IVÁN', 'OMAR', 'HUGO', 'BYRON', 'DARWIN', 'ÉDGAR',
];

const FEMALE_NAMES = [
  'MARÍA', 'ANA', 'ROSA', 'CARMEN', 'LUCÍA', 'SOFÍA', 'DIANA', 'GABRIELA', 'VERÓNICA', 'PAOLA',
  'ANDREA', 'DANIELA', 'KARINA', 'NANCY', 'PATRICIA', 'MÓNICA', 'SANDRA', 'LORENA', 'JESSICA',
  'ELIZABETH', 'FERNANDA', 'ALEJANDRA', 'CRISTINA', 'MARTHA', 'BEATRIZ', 'INÉS', 'RAQUEL', 'SILVIA',
  'JOHANNA', 'ISABEL', 'TERESA', 'GLORIA', 'BELÉN', 'XIMENA', 'NATALY', 'MAYRA', 'ROCÍO', 'DOLORES',
];

const COMPANY_PREFIXES = [
  'COMERCIAL', 'DISTRIBUIDORA', 'IMPORTADORA', 'FERRETERÍA', 'CONSTRUCTORA', 'INDUSTRIAS',
  'SERVICIOS', 'TRANSPORTES', 'AGRÍCOLA', 'INVERSIONES', 'FARMACIA',
];
const COMPANY_SUFFIXES = ['CIA. LTDA.', 'CIA. LTDA.', 'S.A.', 'S.A.S.'];
const MAIL_DOMAINS = ['gmail.com', 'gmail.com', 'hotmail.com', 'yahoo.com', 'outlook.com', 'hotmail.es'];

const asciiCache = new Map<string, string>();
function mailPart(s: string): string {
  let v = asciiCache.get(s);
  if (v === undefined) {
    v = s.normalize('NFD').replace(/[^A-Za-z]/g, '').toLowerCase();
    asciiCache.set(s, v);
  }
  return v;
}

// --- catalogue ------------------------------------------------------------------------

type Line = 'Internet Fijo' | 'Telefonía Fija' | 'Televisión';

interface Item {
  type: string;
  brand: string;
  model: string;
  value: number;
  /** Fixed prefix of the serial; the unique 8-hex tail follows it (length 10–16 in total). */
  serialPrefix: string;
}

const item = (type: string, brand: string, model: string, value: number, serialPrefix: string): Item => ({
  type, brand, model, value, serialPrefix,
});

const INTERNET_MAIN = weighted<Item>([
  [item('ONT', 'HUAWEI', 'HG8245H', 45, '48575443'), 30],
  [item('ONT', 'HUAWEI', 'EG8145V5', 52, '48575443'), 10],
  [item('ONT', 'ZTE', 'F660', 45, 'ZTEG'), 20],
  [item('ONT', 'ZTE', 'F670L', 50, 'ZTEG'), 8],
  [item('MODEM', 'TP-LINK', 'TD-W8961N', 35.5, '2175'), 12],
  [item('MODEM', 'HUAWEI', 'HG532E', 30, 'B2K7'), 8],
  [item('MODEM', 'SAGEMCOM', 'F@ST 2704', 35.5, 'LK1'), 5],
  [item('ROUTER', 'TP-LINK', 'TL-WR840N', 25, '2201'), 5],
  [item('ROUTER', 'TP-LINK', 'ARCHER C20', 28, '2206'), 2],
]);
const POWER_SUPPLY = (brand: string): Item => item('FUENTE DE PODER', brand, 'ADAPTADOR 12V 1A', 6, 'PS');
const DECODERS = [
  item('DECODIFICADOR', 'KAON', 'KSF-SA800', 60, 'KA'),
  item('DECODIFICADOR', 'SAGEMCOM', 'DSI74 HD', 60, 'SGM'),
  item('DECODIFICADOR', 'ZTE', 'ZXV10 B700', 55, 'ZTEB'),
];
const SMART_CARDS = [
  item('TARJETA INTELIGENTE', 'NAGRA', 'NAGRAVISION', 8, '0001'),
  item('TARJETA INTELIGENTE', 'CONAX', 'CONAX CAS7', 8, '0043'),
];
const ANTENNA = item('ANTENA', 'CHANNEL MASTER', 'ANTENA 60 CM', 25, 'AN');
const REMOTE = (brand: string): Item => item('CONTROL REMOTO', brand, 'CONTROL UNIVERSAL', 3.5, 'CR');
const PHONE_ITEM = weighted<Item>([
  [item('TELEFONO INALAMBRICO', 'PANASONIC', 'KX-TG1711', 22, '1HA'), 45],
  [item('TELEFONO INALAMBRICO', 'ALCATEL', 'E132', 20, 'ALC'), 20],
  [item('MODEM', 'HUAWEI', 'HG532E', 30, 'B2K7'), 35],
]);

function itemsFor(line: Line, rng: Rng): Item[] {
  if (line === 'Internet Fijo') {
    const main = INTERNET_MAIN(rng);
    return rng() < 0.3 ? [main, POWER_SUPPLY(main.brand)] : [main];
  }
  if (line === 'Televisión') {
    const decoder = pick(rng, DECODERS);
    const items = [decoder, pick(rng, SMART_CARDS)];
    if (rng() < 0.35) items.push(ANTENNA);
    if (rng() < 0.3) items.push(REMOTE(decoder.brand));
    return items;
  }
  return [PHONE_ITEM(rng)];
}

const LINE_WEIGHTS: readonly (readonly [Line, number])[] = [
  ['Internet Fijo', 55],
  ['Televisión', 25],
  ['Telefonía Fija', 20],
];

/** Distinct lines per customer: a triple-play customer has one of each, not three modems. */
function linesFor(n: number, rng: Rng): Line[] {
  const pool = LINE_WEIGHTS.slice();
  const out: Line[] = [];
  while (out.length < n) {
    let u = rng() * pool.reduce((s, [, w]) => s + w, 0);
    const i = pool.findIndex(([, w]) => (u -= w) < 0);
    out.push(pool.splice(i < 0 ? pool.length - 1 : i, 1)[0]![0]);
  }
  return out;
}

// --- generator ------------------------------------------------------------------------

const DAY_MS = 86_400_000;
const FIRST_CANCEL = Date.UTC(2020, 2, 16);
const CANCEL_DAYS = (Date.UTC(2020, 11, 31) - FIRST_CANCEL) / DAY_MS + 1;
/** Room in the 7 free digits of a cédula (digit 3 below 6): the cap on customers. */
const CEDULA_SPACE = 6_000_000;
const SERVICE_LENGTHS = weighted<7 | 8 | 9 | 10>([[7, 15], [8, 30], [9, 35], [10, 20]]);

function cedulaCheck(nine: string): number {
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    let p = (nine.charCodeAt(i) - 48) * (i % 2 === 0 ? 2 : 1);
    if (p > 9) p -= 9;
    sum += p;
  }
  return (10 - (sum % 10)) % 10;
}

const RUC_WEIGHTS = [4, 3, 2, 7, 6, 5, 4, 3, 2];
/** Mod-11 check digit of a private-company RUC, or -1 when the number cannot have one. */
function rucCheck(nine: string): number {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (nine.charCodeAt(i) - 48) * RUC_WEIGHTS[i]!;
  const c = 11 - (sum % 11);
  return c === 11 ? 0 : c === 10 ? -1 : c;
}

const sino = (b: boolean): 'SI' | 'NO' => (b ? 'SI' : 'NO');

export function* generateBaseRows(opts: DemoOptions): Generator<RawBaseRow> {
  const { customers, seed = 1 } = opts;
  if (!Number.isInteger(customers) || customers < 0 || customers > CEDULA_SPACE) {
    throw new RangeError(`customers must be an integer between 0 and ${CEDULA_SPACE}`);
  }
  const rng = mulberry32(seed);
  const key = mix32(seed ^ 0x5bd1e995);
  let cedulaCursor = 0;
  let rucCursor = 0;
  let itemCounter = 0;
  const serviceCounters = { 7: 0, 8: 0, 9: 0, 10: 0 };

  for (let c = 0; c < customers; c++) {
    const province = pickProvince(rng);
    let identification: string;
    let name: string;
    let email: string | null = null;
    const wantsEmail = rng() >= 0.4;

    if (rng() < 0.03) {
      let nine: string;
      let check: number;
      do {
        // Counter-based so RUCs stay unique; the ~1 in 11 numbers without a check digit are skipped.
        if (rucCursor >= 1_000_000) throw new RangeError('company RUC space exhausted');
        nine = `${province.code}9${String(permute(rucCursor++, 1000, 1000, key ^ 0x27d4eb2f)).padStart(6, '0')}`;
        check = rucCheck(nine);
      } while (check < 0);
      identification = `${nine}${check}001`;
      const surname = pick(rng, SURNAMES);
      name = `${pick(rng, COMPANY_PREFIXES)} ${surname} ${pick(rng, COMPANY_SUFFIXES)}`;
      if (wantsEmail) email = `${pick(rng, ['info', 'ventas', 'contabilidad'])}@${mailPart(surname)}.com.ec`;
    } else {
      const code = rng() < 0.88 ? province.code : pick(rng, FOREIGN_CODES);
      const nine = `${code}${String(permute(cedulaCursor++, 2000, 3000, key)).padStart(7, '0')}`;
      identification = `${nine}${cedulaCheck(nine)}`;
      const given = rng() < 0.5 ? MALE_NAMES : FEMALE_NAMES;
      const surname1 = pick(rng, SURNAMES);
      const first1 = pick(rng, given);
      let second = pick(rng, given);
      if (second === first1) second = given[(given.indexOf(first1) + 1) % given.length]!;
      name = `${surname1} ${pick(rng, SURNAMES)} ${first1}${rng() < 0.92 ? ` ${second}` : ''}`;
      if (wantsEmail) {
        const n = rng() < 0.6 ? String(Math.floor(rng() * 100)) : '';
        email = `${mailPart(first1)}${pick(rng, ['.', '_', ''])}${mailPart(surname1)}${n}@${pick(rng, MAIL_DOMAINS)}`;
      }
    }
    const phone = rng() < 0.1 ? null : `09${digits(rng, 8)}`;

    const u = rng();
    const lines = linesFor(u < 0.65 ? 1 : u < 0.9 ? 2 : 3, rng);
    for (const line of lines) {
      const len = SERVICE_LENGTHS(rng);
      const serviceNumber = String(
        permute(serviceCounters[len]++, 10 ** Math.floor(len / 2), 10 ** Math.ceil(len / 2), key ^ len),
      ).padStart(len, '0');
      const cancelMs = FIRST_CANCEL + Math.floor(rng() * CANCEL_DAYS) * DAY_MS;
      const loaded = rng() < 0.3;
      const paid = loaded && rng() < 0.2;
      const claim = loaded && rng() < 0.1;

      for (const it of itemsFor(line, rng)) {
        // Every serial ends in the same-width hex of a bijection of a global counter, so no two
        // serials can be equal whatever their prefix.
        const tail = mix32((itemCounter++ ^ key) >>> 0).toString(16).toUpperCase().padStart(8, '0');
        yield {
          regional: province.regional,
          province: province.name,
          city: province.capital,
          identification,
          name,
          businessLine: line,
          serviceNumber,
          cancelDate: new Date(cancelMs),
          equipmentType: it.type,
          brand: it.brand,
          model: it.model,
          serial: rng() < 0.03 ? null : it.serialPrefix + tail,
          value: it.value,
          chargesLoaded: sino(loaded),
          paid: sino(paid),
          claim: sino(claim),
          phone,
          email,
        };
      }
    }
  }
}

// --- workbook -------------------------------------------------------------------------

/** Excel's sheet limit minus the header row. */
const MAX_DATA_ROWS = 1_048_575;

const COLUMN_STYLE: Partial<Record<string, Partial<ExcelJS.Style>>> = {
  identification: { numFmt: '@' },
  serviceNumber: { numFmt: '@' },
  cancelDate: { numFmt: 'dd/mm/yyyy' },
  value: { numFmt: '0.00' },
};

export interface WorkbookShape {
  /** Stop after this many data rows (the benchmark wants a round number). */
  maxRows?: number;
  /** Columns to leave out (the benchmark's base has 17 columns). */
  omit?: readonly string[];
}

export async function writeDemoWorkbook(path: string, opts: DemoOptions, shape: WorkbookShape = {}): Promise<{ rows: number }> {
  return writeExcelJsWorkbook(
    path,
    async (workbook) => {
      const sheet = workbook.addWorksheet('BASE');
      const fields = BASE_FIELDS.filter((f) => !shape.omit?.includes(f.key));
      sheet.columns = fields.map((f) => ({
        key: f.key,
        width: f.key === 'name' ? 36 : f.key === 'email' ? 30 : 16,
        style: COLUMN_STYLE[f.key] ?? {},
      }));
      sheet.addRow(fields.map((f) => f.header)).commit();
      let rows = 0;
      for (const row of generateBaseRows(opts)) {
        if (shape.maxRows !== undefined && rows >= shape.maxRows) break;
        if (++rows > MAX_DATA_ROWS) throw new RangeError(`more than ${MAX_DATA_ROWS} rows do not fit in one sheet`);
        sheet.addRow(row).commit();
        if (rows % 1000 === 0) await paceWorkbookSheet(workbook, sheet);
      }
      sheet.commit();
      return { rows };
    },
    { sharedStrings: true },
  );
}
