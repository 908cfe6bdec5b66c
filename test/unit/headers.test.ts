import { describe, expect, it } from 'vitest';
import { BASE_FIELDS } from '../../shared/baseFields';
import { headerScore, mapHeaderRow, matchHeader, MIN_HEADER_SCORE } from '../../shared/headers';
import { cleanText, foldKey, headerKey, isFormulaLike, printedText, titleCase } from '../../shared/text';

describe('matchHeader', () => {
  it('recognises every canonical header and every synonym as its own field', () => {
    for (const f of BASE_FIELDS) {
      expect(matchHeader(f.header), f.header).toBe(f.key);
      for (const s of f.synonyms) expect(matchHeader(s), s).toBe(f.key);
    }
  });

  it('recognises canonical headers in lower case and with accents', () => {
    expect(matchHeader('identificación')).toBe('identification');
    expect(matchHeader('Apellidos y Nombres')).toBe('name');
    expect(matchHeader('Línea de negocio')).toBe('businessLine');
    expect(matchHeader('Número de servicio')).toBe('serviceNumber');
    expect(matchHeader('fecha de retiro')).toBe('cancelDate');
    expect(matchHeader('Teléfono')).toBe('phone');
    expect(matchHeader('valores cargados')).toBe('chargesLoaded');
  });

  it.each([
    ['Nro. Servicio:', 'serviceNumber'],
    ['N° SERVICIO', 'serviceNumber'],
    ['Nº de servicio', 'serviceNumber'],
    ['NUMERO_DE_SERVICIO', 'serviceNumber'],
    ['CÉDULA', 'identification'],
    ['CE\u0301DULA', 'identification'],
    ['c.i.', 'identification'],
    ['C.I', 'identification'],
    ['RUC', 'identification'],
    ['Número de cédula del cliente', 'identification'],
    ['  apellidos   y nombres ', 'name'],
    ['CLIENTE', 'name'],
    ['Nombre', 'name'],
    ['Razón social', 'name'],
    ['SERIAL', 'serial'],
    ['S/N', 'serial'],
    ['Serie del equipo', 'serial'],
    ['Teléfono celular', 'phone'],
    ['Celular del cliente', 'phone'],
    ['E-mail', 'email'],
    ['Correo electrónico del cliente', 'email'],
    ['Fecha de retiro del servicio', 'cancelDate'],
    ['VALORES CARGADOS (SI/NO)', 'chargesLoaded'],
    ['¿Pagado?', 'paid'],
    ['Tiene reclamo', 'claim'],
    ['Tipo de equipo', 'equipmentType'],
    ['Cantón', 'city'],
    ['valor usd', 'value'],
  ] as const)('%j → %s', (header, key) => {
    expect(matchHeader(header)).toBe(key);
  });

  it.each(['Observaciones', 'Código', 'Fecha', 'Estado', 'Agencia', 'Item', '', '   ', '---', '#'])(
    'returns null for %j',
    (header) => {
      expect(matchHeader(header)).toBeNull();
    },
  );
});

describe('mapHeaderRow', () => {
  it('maps each column in order and leaves unknown columns unmapped', () => {
    expect(mapHeaderRow(['Nro. Servicio', 'Observaciones', 'CÉDULA', 'Cliente'])).toEqual([
      'serviceNumber',
      null,
      'identification',
      'name',
    ]);
  });

  it('keeps the first column when a field appears twice', () => {
    expect(mapHeaderRow(['CEDULA', 'NOMBRE', 'IDENTIFICACION', 'CLIENTE', 'RUC'])).toEqual([
      'identification',
      'name',
      null,
      null,
      null,
    ]);
    expect(mapHeaderRow(['Teléfono', 'Celular'])).toEqual(['phone', null]);
  });

  it('returns an empty mapping for an empty row', () => {
    expect(mapHeaderRow([])).toEqual([]);
  });

  it('maps the canonical header row one to one', () => {
    expect(mapHeaderRow(BASE_FIELDS.map((f) => f.header))).toEqual(BASE_FIELDS.map((f) => f.key));
  });
});

describe('headerScore', () => {
  it('scores a title row below the threshold', () => {
    expect(headerScore(['BASE DE CLIENTES MARZO 2021'])).toBeLessThan(MIN_HEADER_SCORE);
    expect(headerScore(['BASE DE CLIENTES MARZO 2021', '', '', ''])).toBeLessThan(MIN_HEADER_SCORE);
    expect(headerScore(['', '', ''])).toBe(0);
  });

  it('scores a real header row at or above the threshold', () => {
    expect(headerScore(BASE_FIELDS.map((f) => f.header))).toBe(BASE_FIELDS.length);
    expect(headerScore(BASE_FIELDS.map((f) => f.header))).toBeGreaterThanOrEqual(MIN_HEADER_SCORE);
    const messy = ['Nro. Servicio:', 'C.I.', 'Apellidos y nombres', 'Serial', 'Observaciones'];
    expect(headerScore(messy)).toBe(4);
    expect(headerScore(messy)).toBeGreaterThanOrEqual(MIN_HEADER_SCORE);
  });

  it('needs more than one recognised column', () => {
    expect(headerScore(['NUMERO DE SERVICIO'])).toBe(1);
    expect(headerScore(['NUMERO DE SERVICIO'])).toBeLessThan(MIN_HEADER_SCORE);
  });

  it('scores 0 when no key column (service number, identification, name) is present', () => {
    expect(headerScore(['TELEFONO', 'CORREO', 'VALOR', 'SERIE', 'MARCA', 'MODELO'])).toBe(0);
    expect(headerScore(['REGIONAL', 'PROVINCIA', 'CIUDAD', 'FECHA DE RETIRO'])).toBe(0);
  });

  it('counts a single key column as enough', () => {
    expect(headerScore(['CLIENTE', 'TELEFONO'])).toBe(2);
    expect(headerScore(['RUC', 'MARCA', 'MODELO'])).toBe(3);
    expect(headerScore(['N° SERVICIO', 'VALOR'])).toBe(2);
  });

  it('counts a repeated field once', () => {
    expect(headerScore(['CEDULA', 'RUC', 'IDENTIFICACION'])).toBe(1);
  });
});

describe('text helpers', () => {
  describe('printedText', () => {
    it('is a name as the acta prints it: clean, in capitals, accents and ñ kept', () => {
      expect(printedText('  maría josé\u00a0 muñoz ')).toBe('MARÍA JOSÉ MUÑOZ');
    });
  });

  describe('cleanText', () => {
    it('trims and collapses whitespace, including non-breaking spaces', () => {
      expect(cleanText('  JUAN\u00a0\u00a0CARLOS  ')).toBe('JUAN CARLOS');
      expect(cleanText('\tA\n  B\r\n')).toBe('A B');
      expect(cleanText('a\u2007b\u202fc')).toBe('a b c');
      // Invisible direction marks and overrides are dropped: no Spanish name needs them.
      expect(cleanText('\u200fPÉREZ\u200e LÓPEZ\u061c \u202eacta.pdf')).toBe('PÉREZ LÓPEZ acta.pdf');
      expect(cleanText('\u00a0')).toBe('');
    });

    it('composes decomposed Unicode (NFD → NFC)', () => {
      const out = cleanText('JOSE\u0301 PEN\u0303A');
      expect(out).toBe('JOS\u00c9 PE\u00d1A');
      expect(out).toHaveLength(9);
    });

    it('leaves clean text unchanged', () => {
      expect(cleanText('PÉREZ LÓPEZ')).toBe('PÉREZ LÓPEZ');
    });
  });

  describe('foldKey', () => {
    it('removes accents and upper-cases', () => {
      expect(foldKey('Pérez')).toBe('PEREZ');
      expect(foldKey('josé maría')).toBe('JOSE MARIA');
      expect(foldKey('Ñandú')).toBe('NANDU');
      expect(foldKey('CE\u0301DULA')).toBe('CEDULA');
    });

    it('collapses and trims whitespace', () => {
      expect(foldKey('  de   la\u00a0torre ')).toBe('DE LA TORRE');
    });

    it('keeps punctuation', () => {
      expect(foldKey('s/n')).toBe('S/N');
    });
  });

  describe('headerKey', () => {
    it('turns punctuation into single spaces and trims it', () => {
      expect(headerKey('Nro. Servicio:')).toBe('NRO SERVICIO');
      expect(headerKey('  c.i. ')).toBe('C I');
      expect(headerKey('¿Pagado?')).toBe('PAGADO');
      expect(headerKey('NUMERO_DE__SERVICIO')).toBe('NUMERO DE SERVICIO');
    });

    it('folds accents and Ñ', () => {
      expect(headerKey('Año de retiro')).toBe('ANO DE RETIRO');
      expect(headerKey('Línea de negocio')).toBe('LINEA DE NEGOCIO');
    });

    it('keeps digits', () => {
      expect(headerKey('Teléfono 2')).toBe('TELEFONO 2');
    });

    it('gives an empty key for punctuation only', () => {
      expect(headerKey(' .-: ')).toBe('');
    });
  });

  describe('titleCase', () => {
    it('capitalises each word', () => {
      expect(titleCase('JUAN CARLOS')).toBe('Juan Carlos');
      expect(titleCase('juan')).toBe('Juan');
      expect(titleCase('  PEREZ   LOPEZ ')).toBe('Perez Lopez');
    });

    it('keeps accents and Ñ', () => {
      expect(titleCase('MARÍA JOSÉ')).toBe('María José');
      expect(titleCase('ÑUSTA IBÁÑEZ')).toBe('Ñusta Ibáñez');
      expect(titleCase('JOSE\u0301')).toBe('Jos\u00e9');
    });

    it('capitalises after apostrophes and hyphens', () => {
      expect(titleCase("O'BRIEN")).toBe("O'Brien");
      expect(titleCase('ANA-LUCÍA')).toBe('Ana-Lucía');
    });

    it('returns an empty string for blank input', () => {
      expect(titleCase('   ')).toBe('');
    });
  });

  describe('isFormulaLike', () => {
    it.each(['=SUM(A1)', '+593991234567', '-5', '@usuario', '\tX', '\rX'])('is true for %j', (v) => {
      expect(isFormulaLike(v)).toBe(true);
    });

    it.each(['JUAN', '0991234567', 'A=B', 'x+1', ' =1', ''])('is false for %j', (v) => {
      expect(isFormulaLike(v)).toBe(false);
    });
  });
});

describe('exact headers take their columns before loose matches', () => {
  it('does not let "CEDULA ASESOR" take the cédula column', async () => {
    const { mapHeaderRow } = await import('../../shared/headers');
    expect(mapHeaderRow(['CEDULA ASESOR', 'NOMBRE', 'CEDULA', 'NUMERO DE SERVICIO'])).toEqual([null, 'name', 'identification', 'serviceNumber']);
  });
});
