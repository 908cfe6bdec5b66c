import { describe, expect, it } from 'vitest';
import type { RawBaseRow } from '../../shared/baseFields';
import { nameSearchKey, normalizeBaseRow, type BaseRow, type NormalizedRow, type RowIssue } from '../../shared/baseRow';
import { cents } from '../../shared/money';

/** Cédula with a correct check digit, computed here from docs/domain.md §5.1. */
function cedula(first9: string): string {
  const sum = [2, 1, 2, 1, 2, 1, 2, 1, 2].reduce((acc, c, i) => {
    const p = Number(first9.charAt(i)) * c;
    return acc + (p > 9 ? p - 9 : p);
  }, 0);
  return first9 + String((10 - (sum % 10)) % 10);
}

function expectOk(result: NormalizedRow): { row: BaseRow; warnings: RowIssue[] } {
  if (!result.ok) throw new Error(`expected ok, got errors ${JSON.stringify(result.errors)}`);
  return result;
}

function expectRejected(result: NormalizedRow): { errors: RowIssue[]; warnings: RowIssue[] } {
  if (result.ok) throw new Error(`expected a rejection, got ${JSON.stringify(result.row)}`);
  return result;
}

const VALID_CEDULA = cedula('010203040'); // 0102030400
const BAD_CEDULA = '0102030405';

/** A minimal usable row; tests override the fields they are about. */
function row(overrides: RawBaseRow = {}): RawBaseRow {
  return { serviceNumber: '0012345678', identification: '1710034065', name: 'PEREZ JUAN', ...overrides };
}

describe('normalizeBaseRow: a complete row', () => {
  const raw: RawBaseRow = {
    regional: ' Regional  Sierra\u00a0Centro ',
    province: 'Pichincha',
    city: 'quito',
    identification: 102030400,
    name: '  pe\u0301rez  lo\u0301pez juan carlos ',
    businessLine: 'internet fijo',
    serviceNumber: '0012345678',
    cancelDate: new Date(Date.UTC(2020, 4, 10)),
    equipmentType: 'modem',
    brand: 'huawei',
    model: 'hg8245h',
    serial: ' 4857-5443abcd ',
    value: '35,50',
    chargesLoaded: 'SI',
    paid: 'no',
    claim: '',
    phone: '+593 99 123 4567',
    email: ' Juan.Perez@Correo.com ',
  };

  it('normalises every field with no warnings', () => {
    const { row: r, warnings } = expectOk(normalizeBaseRow(raw, 12));
    expect(warnings).toEqual([]);
    expect(r).toEqual<BaseRow>({
      identification: VALID_CEDULA,
      idType: 'CEDULA',
      name: 'PÉREZ LÓPEZ JUAN CARLOS',
      serviceNumber: '0012345678',
      serviceKey: '12345678',
      businessLine: 'Internet Fijo',
      businessLineRaw: 'internet fijo',
      cancelDate: '2020-05-10',
      regional: 'REGIONAL SIERRA CENTRO',
      province: 'PICHINCHA',
      city: 'QUITO',
      equipmentType: 'MODEM',
      brand: 'HUAWEI',
      model: 'HG8245H',
      serial: '4857-5443ABCD',
      serialKey: '48575443ABCD',
      valueCents: cents(3550),
      chargesLoaded: true,
      paid: false,
      claim: false,
      phone: '0991234567',
      email: 'juan.perez@correo.com',
    });
  });

  it('composes the name (NFC) so it compares equal to a typed name', () => {
    const { row: r } = expectOk(normalizeBaseRow(raw, 12));
    expect(r.name).toBe('P\u00c9REZ L\u00d3PEZ JUAN CARLOS');
    expect(r.name?.normalize('NFC')).toBe(r.name);
    expect(nameSearchKey(r.name ?? '')).toBe('PEREZ LOPEZ JUAN CARLOS');
  });
});

describe('normalizeBaseRow: identifications and service numbers', () => {
  it('keeps text IDs as text, leading zeros included', () => {
    const { row: r, warnings } = expectOk(normalizeBaseRow(row({ identification: VALID_CEDULA }), 2));
    expect(r.identification).toBe('0102030400');
    expect(r.idType).toBe('CEDULA');
    expect(warnings).toEqual([]);
  });

  it('pads IDs stored as numbers: 9 digits to a cédula, 12 to a RUC', () => {
    expect(expectOk(normalizeBaseRow(row({ identification: 102030400 }), 2)).row.identification).toBe('0102030400');
    const ruc = expectOk(normalizeBaseRow(row({ identification: 102030400001 }), 2)).row;
    expect(ruc.identification).toBe('0102030400001');
    expect(ruc.idType).toBe('RUC');
    const company = expectOk(normalizeBaseRow(row({ identification: 1790016919001 }), 2));
    expect(company.row.identification).toBe('1790016919001');
    expect(company.row.idType).toBe('RUC');
    expect(company.warnings).toEqual([]);
  });

  it('strips separators from IDs and keeps passports', () => {
    expect(expectOk(normalizeBaseRow(row({ identification: '171003406-5' }), 2)).row.identification).toBe('1710034065');
    const passport = expectOk(normalizeBaseRow(row({ identification: 'ab 123456' }), 2));
    expect(passport.row.identification).toBe('AB123456');
    expect(passport.row.idType).toBe('PASAPORTE');
    expect(passport.warnings).toEqual([]);
  });

  it('keeps service numbers as text with their leading zeros, without spaces', () => {
    const r = expectOk(normalizeBaseRow(row({ serviceNumber: ' 0012 3456 ' }), 2)).row;
    expect(r.serviceNumber).toBe('00123456');
    expect(r.serviceKey).toBe('123456');
  });

  it('writes a service number stored as a number without decimals', () => {
    const r = expectOk(normalizeBaseRow(row({ serviceNumber: 22345678 }), 2)).row;
    expect(r.serviceNumber).toBe('22345678');
    expect(r.serviceKey).toBe('22345678');
  });

  it('accepts a row with a name but no identification', () => {
    const r = expectOk(normalizeBaseRow(row({ identification: null }), 2)).row;
    expect(r.identification).toBeNull();
    expect(r.idType).toBeNull();
    expect(r.name).toBe('PEREZ JUAN');
  });

  it('accepts a row with an identification but no name', () => {
    const r = expectOk(normalizeBaseRow(row({ name: '   ' }), 2)).row;
    expect(r.name).toBeNull();
    expect(r.identification).toBe('1710034065');
  });
});

describe('normalizeBaseRow: other values', () => {
  it.each([
    ['text day-first', '10/5/2020'],
    ['text with dashes', '10-05-2020'],
    ['ISO text', '2020-05-10'],
    ['Excel serial', 43961],
    ['UTC-midnight Date', new Date(Date.UTC(2020, 4, 10))],
  ] as const)('reads a cancellation date given as %s', (_label, cell) => {
    const { row: r, warnings } = expectOk(normalizeBaseRow(row({ cancelDate: cell }), 2));
    expect(r.cancelDate).toBe('2020-05-10');
    expect(warnings).toEqual([]);
  });

  it('leaves a blank date empty without a warning', () => {
    for (const cell of [null, undefined, '', '   ']) {
      const { row: r, warnings } = expectOk(normalizeBaseRow(row({ cancelDate: cell }), 2));
      expect(r.cancelDate).toBeNull();
      expect(warnings).toEqual([]);
    }
  });

  it('reads money in cents from text and numbers', () => {
    expect(expectOk(normalizeBaseRow(row({ value: '$ 1.234,50' }), 2)).row.valueCents).toBe(123450);
    expect(expectOk(normalizeBaseRow(row({ value: '35.50' }), 2)).row.valueCents).toBe(3550);
    expect(expectOk(normalizeBaseRow(row({ value: 12.5 }), 2)).row.valueCents).toBe(1250);
    expect(expectOk(normalizeBaseRow(row({ value: 0 }), 2)).row.valueCents).toBe(0);
  });

  it('leaves a blank value empty without a warning', () => {
    for (const cell of [null, undefined, '', '  ']) {
      const { row: r, warnings } = expectOk(normalizeBaseRow(row({ value: cell }), 2));
      expect(r.valueCents).toBeNull();
      expect(warnings).toEqual([]);
    }
  });

  it('reads flags from text, booleans and numbers; blank is NO', () => {
    const r = expectOk(normalizeBaseRow(row({ chargesLoaded: 'Sí', paid: true, claim: 1 }), 2)).row;
    expect([r.chargesLoaded, r.paid, r.claim]).toEqual([true, true, true]);
    const n = expectOk(normalizeBaseRow(row({ chargesLoaded: 'NO', paid: false, claim: null }), 2)).row;
    expect([n.chargesLoaded, n.paid, n.claim]).toEqual([false, false, false]);
    const x = expectOk(normalizeBaseRow(row({ chargesLoaded: 'x', paid: 0, claim: '' }), 2)).row;
    expect([x.chargesLoaded, x.paid, x.claim]).toEqual([true, false, false]);
  });

  it('folds mobile phones to 09XXXXXXXX, also when stored as a number', () => {
    expect(expectOk(normalizeBaseRow(row({ phone: '+593991234567' }), 2)).row.phone).toBe('0991234567');
    expect(expectOk(normalizeBaseRow(row({ phone: 991234567 }), 2)).row.phone).toBe('0991234567');
    expect(expectOk(normalizeBaseRow(row({ phone: '(02) 234-5678' }), 2)).row.phone).toBe('022345678');
    expect(expectOk(normalizeBaseRow(row({ phone: 'no tiene' }), 2)).row.phone).toBeNull();
    expect(expectOk(normalizeBaseRow(row({ phone: null }), 2)).row.phone).toBeNull();
  });

  it('treats serial placeholders as no serial', () => {
    for (const cell of ['S/N', 's/n', 'N/A', '-', 'SIN SERIE', '', null]) {
      const r = expectOk(normalizeBaseRow(row({ serial: cell }), 2)).row;
      expect(r.serial, String(cell)).toBeNull();
      expect(r.serialKey, String(cell)).toBeNull();
    }
  });

  it('keeps real serials upper-cased, numbers without decimals', () => {
    const r = expectOk(normalizeBaseRow(row({ serial: 'zte-123 456' }), 2)).row;
    expect(r.serial).toBe('ZTE-123 456');
    expect(r.serialKey).toBe('ZTE123456');
    expect(expectOk(normalizeBaseRow(row({ serial: 1234567890 }), 2)).row.serial).toBe('1234567890');
  });

  it('upper-cases location and equipment text with accents and Ñ', () => {
    const r = expectOk(normalizeBaseRow(row({ city: 'Cañar', province: 'Santo Domingo de los Tsáchilas', equipmentType: 'decodificador' }), 2)).row;
    expect(r.city).toBe('CAÑAR');
    expect(r.province).toBe('SANTO DOMINGO DE LOS TSÁCHILAS');
    expect(r.equipmentType).toBe('DECODIFICADOR');
  });

  it('leaves absent optional fields null', () => {
    const r = expectOk(normalizeBaseRow({ serviceNumber: '1', name: 'X' }, 2)).row;
    for (const key of ['regional', 'province', 'city', 'equipmentType', 'brand', 'model', 'serial', 'businessLine', 'businessLineRaw', 'cancelDate', 'valueCents', 'phone', 'email'] as const) {
      expect(r[key], key).toBeNull();
    }
    expect([r.chargesLoaded, r.paid, r.claim]).toEqual([false, false, false]);
  });
});

describe('normalizeBaseRow: rejections', () => {
  it('rejects a row without service number, with row, column and a Spanish message', () => {
    const { errors } = expectRejected(normalizeBaseRow(row({ serviceNumber: null }), 7));
    expect(errors).toEqual([{ row: 7, column: 'NUMERO DE SERVICIO', message: 'Falta el número de servicio.' }]);
  });

  it('treats a blank service number as missing', () => {
    for (const cell of ['', '   ', '\u00a0', undefined]) {
      const { errors } = expectRejected(normalizeBaseRow(row({ serviceNumber: cell }), 3));
      expect(errors).toHaveLength(1);
      expect(errors[0]?.column).toBe('NUMERO DE SERVICIO');
      expect(errors[0]?.row).toBe(3);
    }
  });

  it('rejects a row with neither identification nor name', () => {
    const { errors } = expectRejected(normalizeBaseRow(row({ identification: null, name: null }), 15));
    expect(errors).toEqual([
      { row: 15, column: 'IDENTIFICACION / APELLIDOS Y NOMBRES', message: 'Faltan la identificación y el nombre del cliente.' },
    ]);
  });

  it('treats blank and separator-only identification and blank name as missing', () => {
    const { errors } = expectRejected(normalizeBaseRow(row({ identification: ' - ', name: '  ' }), 4));
    expect(errors.map((e) => e.column)).toEqual(['IDENTIFICACION / APELLIDOS Y NOMBRES']);
  });

  it('reports both reasons when both apply', () => {
    const { errors } = expectRejected(normalizeBaseRow({ businessLine: 'TV' }, 9));
    expect(errors).toHaveLength(2);
    expect(errors.every((e) => e.row === 9)).toBe(true);
    expect(errors.map((e) => e.column).sort()).toEqual(['IDENTIFICACION / APELLIDOS Y NOMBRES', 'NUMERO DE SERVICIO']);
  });

  it('still reports the warnings of a rejected row', () => {
    const { warnings } = expectRejected(normalizeBaseRow(row({ serviceNumber: null, businessLine: 'Paquete corporativo' }), 5));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ row: 5, column: 'LINEA DE NEGOCIO' });
  });
});

describe('normalizeBaseRow: warnings (the row is still imported)', () => {
  it('warns about a cédula with a wrong check digit and keeps it', () => {
    const { row: r, warnings } = expectOk(normalizeBaseRow(row({ identification: BAD_CEDULA }), 21));
    expect(r.identification).toBe(BAD_CEDULA);
    expect(r.idType).toBe('CEDULA');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.row).toBe(21);
    expect(warnings[0]?.column).toBe('IDENTIFICACION');
    expect(warnings[0]?.message).toContain(BAD_CEDULA);
  });

  it('warns about a number padded into a bad cédula (102030405)', () => {
    const { row: r, warnings } = expectOk(normalizeBaseRow(row({ identification: 102030405 }), 2));
    expect(r.identification).toBe('0102030405');
    expect(warnings.map((w) => w.column)).toEqual(['IDENTIFICACION']);
  });

  it('warns about a RUC that fails mod 11 and keeps it', () => {
    const { row: r, warnings } = expectOk(normalizeBaseRow(row({ identification: '1790016918001' }), 2));
    expect(r.identification).toBe('1790016918001');
    expect(r.idType).toBe('RUC');
    expect(warnings.map((w) => w.column)).toEqual(['IDENTIFICACION']);
  });

  it('warns about an unknown business line and keeps the original text', () => {
    const { row: r, warnings } = expectOk(normalizeBaseRow(row({ businessLine: 'Paquete corporativo' }), 30));
    expect(r.businessLine).toBeNull();
    expect(r.businessLineRaw).toBe('Paquete corporativo');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ row: 30, column: 'LINEA DE NEGOCIO' });
    expect(warnings[0]?.message).toContain('Paquete corporativo');
  });

  it.each(['31/02/2020', '2020/13/01', 'ayer'])('warns about the invalid date %j and leaves it empty', (cell) => {
    const { row: r, warnings } = expectOk(normalizeBaseRow(row({ cancelDate: cell }), 8));
    expect(r.cancelDate).toBeNull();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ row: 8, column: 'FECHA DE RETIRO' });
    expect(warnings[0]?.message).toContain(cell);
    expect(warnings[0]?.message).toContain('dd/mm/aaaa');
  });

  it('warns about an Excel serial outside the plausible range', () => {
    const { row: r, warnings } = expectOk(normalizeBaseRow(row({ cancelDate: 999999 }), 2));
    expect(r.cancelDate).toBeNull();
    expect(warnings.map((w) => w.column)).toEqual(['FECHA DE RETIRO']);
  });

  it('warns about an invalid Date object', () => {
    const { row: r, warnings } = expectOk(normalizeBaseRow(row({ cancelDate: new Date(Number.NaN) }), 2));
    expect(r.cancelDate).toBeNull();
    expect(warnings.map((w) => w.column)).toEqual(['FECHA DE RETIRO']);
  });

  it('warns about a non-numeric value and leaves it empty', () => {
    const { row: r, warnings } = expectOk(normalizeBaseRow(row({ value: 'treinta' }), 11));
    expect(r.valueCents).toBeNull();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ row: 11, column: 'VALOR' });
    expect(warnings[0]?.message).toContain('treinta');
  });

  it('warns about a boolean in the value column', () => {
    const { row: r, warnings } = expectOk(normalizeBaseRow(row({ value: true }), 2));
    expect(r.valueCents).toBeNull();
    expect(warnings.map((w) => w.column)).toEqual(['VALOR']);
  });

  it('warns about a negative value and leaves it empty (never charged as typed)', () => {
    const { row: r, warnings } = expectOk(normalizeBaseRow(row({ value: '-5' }), 2));
    expect(r.valueCents).toBeNull();
    expect(warnings.map((w) => w.column)).toEqual(['VALOR']);
  });

  it.each([
    ['chargesLoaded', 'VALORES CARGADOS'],
    ['paid', 'PAGADO'],
    ['claim', 'RECLAMO'],
  ] as const)('warns about a %s flag that is not SI/NO and takes it as NO', (key, column) => {
    const { row: r, warnings } = expectOk(normalizeBaseRow(row({ [key]: 'tal vez' }), 6));
    expect(r[key]).toBe(false);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ row: 6, column });
    expect(warnings[0]?.message).toContain('tal vez');
  });

  it.each(['juan@correo', 'juan.correo.com', 'juan perez@correo.com', '@correo.com'])(
    'warns about the bad email %j but keeps it',
    (cell) => {
      const { row: r, warnings } = expectOk(normalizeBaseRow(row({ email: cell }), 4));
      expect(r.email).toBe(cell.toLowerCase());
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatchObject({ row: 4, column: 'CORREO' });
    },
  );

  it('does not warn about a good email', () => {
    const { row: r, warnings } = expectOk(normalizeBaseRow(row({ email: 'ana.lopez@cnt.gob.ec' }), 4));
    expect(r.email).toBe('ana.lopez@cnt.gob.ec');
    expect(warnings).toEqual([]);
  });

  it('collects several warnings on one row, each with the row number', () => {
    const { row: r, warnings } = expectOk(
      normalizeBaseRow(
        row({ identification: BAD_CEDULA, businessLine: 'OTRO', cancelDate: '31/02/2020', value: 'abc', paid: 'quizá', email: 'x@y' }),
        44,
      ),
    );
    expect(r.serviceNumber).toBe('0012345678');
    expect(warnings.map((w) => w.column).sort()).toEqual(['CORREO', 'FECHA DE RETIRO', 'IDENTIFICACION', 'LINEA DE NEGOCIO', 'PAGADO', 'VALOR']);
    expect(warnings.every((w) => w.row === 44 && w.message.length > 10)).toBe(true);
  });
});
