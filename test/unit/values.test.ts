import { describe, expect, it } from 'vitest';
import { cents, formatUsd, parseMoneyToCents } from '../../shared/money';
import { normalizeStationCode, stationCodeProblem } from '../../shared/station';
import { isOwing, SERVICE_STATUSES, statusLabel, statusTone, type ServiceStatus } from '../../shared/status';
import { handoverListTooLong } from '../../shared/handoverListFields';
import {
  isPlaceholder,
  lengthOver,
  normalizeBusinessLine,
  normalizePhone,
  numberAsCode,
  oneSlipApart,
  parseFlag,
  serialKey,
  serviceKey,
} from '../../shared/values';

describe('money', () => {
  describe('parseMoneyToCents', () => {
    it.each([
      ['35,50', 3550],
      ['35.50', 3550],
      ['35,5', 3550],
      ['35.5', 3550],
      ['35', 3500],
      ['0,99', 99],
      ['$ 1.234,50', 123450],
      ['$1.234,50', 123450],
      ['1,234.50', 123450],
      ['1.234.567,89', 123456789],
      ['1,234,567.89', 123456789],
      ['1,234', 123400],
      ['1,234,567', 123456700],
      ['USD 35,50', 3550],
      ['35.50 usd', 3550],
      [' 35,50 ', 3550],
      ['-5', -500],
      ['-5,25', -525],
      ['0', 0],
    ])('%j → %i cents', (raw, cents) => {
      expect(parseMoneyToCents(raw)).toBe(cents);
    });

    it('takes numbers as dollars', () => {
      expect(parseMoneyToCents(12.5)).toBe(1250);
      expect(parseMoneyToCents(35)).toBe(3500);
      expect(parseMoneyToCents(0.1 + 0.2)).toBe(30);
      expect(parseMoneyToCents(19.99)).toBe(1999);
      expect(parseMoneyToCents(-3.5)).toBe(-350);
      expect(parseMoneyToCents(0)).toBe(0);
    });

    it.each(['', '   ', '$', 'USD', 'abc', 'treinta', '12a', '1,2,3.4.5', '--5', '5-', '.', ','])(
      'returns null for %j',
      (raw) => {
        expect(parseMoneyToCents(raw)).toBeNull();
      },
    );

    it('returns null for non-finite numbers', () => {
      expect(parseMoneyToCents(Number.NaN)).toBeNull();
      expect(parseMoneyToCents(Number.POSITIVE_INFINITY)).toBeNull();
    });
  });

  describe('formatUsd', () => {
    it('shows dollars with two decimals, decimal comma (es-EC)', () => {
      expect(formatUsd(cents(3550))).toMatch(/^\$\s?35,50$/);
      expect(formatUsd(cents(500))).toMatch(/^\$\s?5,00$/);
      expect(formatUsd(cents(7))).toMatch(/^\$\s?0,07$/);
      expect(formatUsd(cents(0))).toMatch(/^\$\s?0,00$/);
      expect(formatUsd(cents(123450))).toMatch(/^\$\s?1\.234,50$/);
    });

    it('gives an empty string for a missing value', () => {
      expect(formatUsd(null)).toBe('');
      expect(formatUsd(undefined)).toBe('');
    });
  });
});

describe('values', () => {
  describe('normalizeBusinessLine', () => {
    it.each([
      ['INTERNET', 'Internet Fijo'],
      ['Internet Fijo', 'Internet Fijo'],
      ['internet', 'Internet Fijo'],
      ['Banda ancha', 'Internet Fijo'],
      ['FIBRA ÓPTICA', 'Internet Fijo'],
      ['GPON', 'Internet Fijo'],
      ['TV', 'Televisión'],
      ['Televisión', 'Televisión'],
      ['TELEVISION', 'Televisión'],
      ['Televisio\u0301n', 'Televisión'],
      ['TV-DTH', 'Televisión'],
      ['IPTV', 'Televisión'],
      ['TELEFONIA FIJA', 'Telefonía Fija'],
      ['Telefonía Fija', 'Telefonía Fija'],
      ['voz', 'Telefonía Fija'],
      ['Línea fija', 'Telefonía Fija'],
      ['  telefonia  ', 'Telefonía Fija'],
    ] as const)('%j → %s', (raw, line) => {
      expect(normalizeBusinessLine(raw)).toBe(line);
    });

    it.each(['', 'Paquete corporativo', 'OTROS', 'TVX', 'INTERNETS', '123'])('returns null for %j', (raw) => {
      expect(normalizeBusinessLine(raw)).toBeNull();
    });
  });

  describe('parseFlag', () => {
    it.each(['SI', 'si', 'Sí', 'SÍ', 'S', 'x', ' X ', '1', 'TRUE', 'true', 'VERDADERO', 'yes'])('%j is true', (raw) => {
      expect(parseFlag(raw)).toBe(true);
    });

    it.each(['NO', 'no', 'N', '0', 'FALSE', 'FALSO', '', '   '])('%j is false', (raw) => {
      expect(parseFlag(raw)).toBe(false);
    });

    it('treats missing cells as false, booleans as themselves and numbers as non-zero', () => {
      expect(parseFlag(null)).toBe(false);
      expect(parseFlag(undefined)).toBe(false);
      expect(parseFlag(true)).toBe(true);
      expect(parseFlag(false)).toBe(false);
      expect(parseFlag(1)).toBe(true);
      expect(parseFlag(0)).toBe(false);
    });

    it.each(['tal vez', 'SIN', 'NOP', 'pendiente', '2'])('returns null for %j', (raw) => {
      expect(parseFlag(raw)).toBeNull();
    });
  });

  describe('normalizePhone', () => {
    it.each([
      ['+593991234567', '0991234567'],
      ['593991234567', '0991234567'],
      ['+593 99 123 4567', '0991234567'],
      ['991234567', '0991234567'],
      ['0991234567', '0991234567'],
      ['099-123-4567', '0991234567'],
      ['(02) 234-5678', '022345678'],
      ['022345678', '022345678'],
      ['072345678', '072345678'],
      ['2345678', '2345678'],
    ])('%j → %s', (raw, phone) => {
      expect(normalizePhone(raw)).toBe(phone);
    });

    it('returns an empty string when there are no digits', () => {
      expect(normalizePhone('')).toBe('');
      expect(normalizePhone('sin teléfono')).toBe('');
    });

    it('does not fold a 9-digit number that is not a mobile', () => {
      expect(normalizePhone('812345678')).toBe('812345678');
    });
  });

  describe('oneSlipApart', () => {
    it('finds a character changed, added, dropped, or two neighbours swapped', () => {
      expect(oneSlipApart('PSB9880427', 'PSB9880428')).toBe(true);
      expect(oneSlipApart('PSB9880427', 'PSB98804270')).toBe(true);
      expect(oneSlipApart('PSB9880427', 'PSB988027')).toBe(true);
      expect(oneSlipApart('PSB9880427', 'PSB9880472')).toBe(true);
      expect(oneSlipApart('PSB9880427', 'SPB9880427')).toBe(true);
      expect(oneSlipApart('XPSB9880427', 'PSB9880427')).toBe(true);
    });

    it('does not find the same serial, two slips, or short serials', () => {
      expect(oneSlipApart('PSB9880427', 'PSB9880427')).toBe(false);
      expect(oneSlipApart('PSB9880427', 'PSB9880438')).toBe(false);
      expect(oneSlipApart('PSB9880427', 'PSB98804')).toBe(false);
      expect(oneSlipApart('PSB9880427', 'PSB9884270')).toBe(false);
      expect(oneSlipApart('AB123', 'AB124')).toBe(false);
    });
  });

  describe('serialKey', () => {
    it('ignores case, spaces, dashes and other punctuation', () => {
      expect(serialKey('zte-123 456')).toBe('ZTE123456');
      expect(serialKey(' ZTE.123:456 ')).toBe('ZTE123456');
      expect(serialKey('48:57:54:43')).toBe('48575443');
      expect(serialKey('Ñ1')).toBe('N1');
      expect(serialKey('zte123456')).toBe(serialKey('ZTE-123-456'));
    });

    it('keeps distinct serials distinct', () => {
      expect(serialKey('ZTE123456')).not.toBe(serialKey('ZTE123457'));
      expect(serialKey('0123')).not.toBe(serialKey('123'));
    });
  });

  describe('serviceKey', () => {
    it('drops leading zeros of numeric service numbers', () => {
      expect(serviceKey('0012345')).toBe('12345');
      expect(serviceKey('12345')).toBe('12345');
      expect(serviceKey(' 0012 345 ')).toBe('12345');
      expect(serviceKey('000')).toBe('0');
      expect(serviceKey('0')).toBe('0');
      expect(serviceKey('1000')).toBe('1000');
    });

    it('keeps alphanumeric service numbers, upper-cased, with their zeros', () => {
      expect(serviceKey('ab-0012')).toBe('AB-0012');
      expect(serviceKey('0012A')).toBe('0012A');
    });
  });

  describe('numberAsCode', () => {
    it('writes integers without decimals or exponent', () => {
      expect(numberAsCode(1234567)).toBe('1234567');
      expect(numberAsCode(1790016919001)).toBe('1790016919001');
      expect(numberAsCode(1e21)).toBe('1000000000000000000000');
      expect(numberAsCode(12.5)).toBe('12.5');
    });
  });

  describe('isPlaceholder', () => {
    it.each(['', '  ', 'S/N', 's/n', 'SN', 'N/A', 'na', '-', 'null', 'Ninguno', 'sin serie', 'Desconocido'])(
      '%j is a placeholder',
      (v) => {
        expect(isPlaceholder(v)).toBe(true);
      },
    );

    it.each(['ZTE123', 'SN123', '0', 'NADA MAS'])('%j is not a placeholder', (v) => {
      expect(isPlaceholder(v)).toBe(false);
    });
  });
});

describe('station codes', () => {
  it('normalises to upper-case ASCII, dash-separated', () => {
    expect(normalizeStationCode('uio-iñaquito-01')).toBe('UIO-INAQUITO-01');
    expect(normalizeStationCode('UIO-IN\u0303AQUITO-01')).toBe('UIO-INAQUITO-01');
    expect(normalizeStationCode('  Quito   Norte ')).toBe('QUITO-NORTE');
    expect(normalizeStationCode('gye / centro__02')).toBe('GYE-CENTRO-02');
    expect(normalizeStationCode('--cue--')).toBe('CUE');
    expect(normalizeStationCode('Ambato (Matriz)')).toBe('AMBATO-MATRIZ');
  });

  it('accepts well-formed codes', () => {
    expect(stationCodeProblem('UIO-INAQUITO-01')).toBeNull();
    expect(stationCodeProblem('GYE')).toBeNull();
    expect(stationCodeProblem('A'.repeat(40))).toBeNull();
    expect(stationCodeProblem(normalizeStationCode('uio-iñaquito-01'))).toBeNull();
  });

  it('explains what is wrong with a bad code', () => {
    expect(stationCodeProblem('')).toMatch(/al menos 3/);
    expect(stationCodeProblem('AB')).toMatch(/al menos 3/);
    expect(stationCodeProblem('A'.repeat(41))).toMatch(/40/);
    for (const bad of ['uio-01', 'UIO_01', 'UIO--01', '-UIO', 'UIO-', 'UIO 01', 'IÑAQUITO']) {
      expect(stationCodeProblem(bad), bad).toMatch(/letras, números y guiones/);
    }
  });
});

describe('service status', () => {
  const expected: Record<ServiceStatus, { label: string; tone: string; owing: boolean }> = {
    PENDIENTE: { label: 'Pendiente', tone: 'owed', owing: true },
    ENTREGA_PARCIAL: { label: 'Entrega parcial', tone: 'partial', owing: true },
    ENTREGADO: { label: 'Entregado', tone: 'done', owing: false },
    RESPALDO_EN_REVISION: { label: 'Respaldo en revisión', tone: 'review', owing: false },
    REGULARIZADO: { label: 'Regularizado', tone: 'done', owing: false },
    RESPALDO_RECHAZADO: { label: 'Respaldo rechazado', tone: 'rejected', owing: true },
  };

  it('lists the six lifecycle statuses of docs/domain.md §6.1', () => {
    expect([...SERVICE_STATUSES].sort()).toEqual(Object.keys(expected).sort());
  });

  it.each(Object.entries(expected))('%s has its label, tone and owing flag', (status, e) => {
    const s = status as ServiceStatus;
    expect(statusLabel(s)).toBe(e.label);
    expect(statusTone(s)).toBe(e.tone);
    expect(isOwing(s)).toBe(e.owing);
  });

  it('throws on an unknown status rather than returning something', () => {
    expect(() => statusLabel('OTRO' as ServiceStatus)).toThrow();
    expect(() => statusTone('OTRO' as ServiceStatus)).toThrow();
  });
});

describe('fixes found by review', () => {
  it('reads thousands grouped with dots', async () => {
    const { parseMoneyToCents } = await import('../../shared/money');
    expect(parseMoneyToCents('1.234')).toBe(123400);
    expect(parseMoneyToCents('1.234.567')).toBe(123456700);
    expect(parseMoneyToCents('35.50')).toBe(3550);
  });

  it('handles the fictitious 29/02/1900 of Excel serials', async () => {
    const { excelSerialToIso } = await import('../../shared/dates');
    expect(excelSerialToIso(1)).toBe('1900-01-01');
    expect(excelSerialToIso(59)).toBe('1900-02-28');
    expect(excelSerialToIso(60)).toBeNull();
    expect(excelSerialToIso(61)).toBe('1900-03-01');
  });

  it('does not take type-of-ID or agency columns for the ID or the name', async () => {
    const { mapHeaderRow } = await import('../../shared/headers');
    expect(mapHeaderRow(['TIPO DE IDENTIFICACION', 'IDENTIFICACION', 'NOMBRE DE LA AGENCIA', 'CLIENTE'])).toEqual([null, 'identification', null, 'name']);
  });

  it('leaves mobile lines unknown and placeholder IDs blank', async () => {
    const { normalizeBusinessLine } = await import('../../shared/values');
    const { normalizeBaseRow } = await import('../../shared/baseRow');
    expect(normalizeBusinessLine('Telefonía móvil')).toBeNull();
    const r = normalizeBaseRow({ serviceNumber: '123', identification: 'N/A' }, 9);
    expect(r.ok).toBe(false);
  });
});

describe('lengthOver', () => {
  it('measures a number cell by the digits it is read as, so a list cell of 1e300 is over its limit too', () => {
    expect(lengthOver(1e300, 20)).toBe(301);
    expect(lengthOver(123456789012345, 20)).toBeNull();
    expect(lengthOver(0.1 + 0.2, 100)).toBeNull();
    expect(lengthOver(`  ${'x'.repeat(20)}  `, 20)).toBeNull();
    expect(lengthOver('x'.repeat(21), 20)).toBe(21);
    expect(handoverListTooLong([1e300, 'S1'], ['identification', 'serial'])).toEqual([
      { column: 'IDENTIFICACION', message: 'IDENTIFICACION tiene 301 caracteres; el máximo es 20.' },
    ]);
  });
});

describe('parseMoneyToCents on a number cell', () => {
  it('answers null for a number no count of cents holds exactly, instead of throwing', () => {
    expect(parseMoneyToCents(1e95)).toBeNull();
    expect(parseMoneyToCents(Number.POSITIVE_INFINITY)).toBeNull();
    expect(parseMoneyToCents(35.5)).toBe(3550);
  });
});
