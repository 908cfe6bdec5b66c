import { describe, expect, it } from 'vitest';
import {
  dateToIso,
  excelSerialToIso,
  formatDate,
  formatDateTime,
  formatLongDate,
  parseDayFirstDate,
} from '../../shared/dates';

/** Excel 1900 system, valid from serial 61 (1900-03-01) on: day 0 is 1899-12-30. */
function excelSerialReference(serial: number): string {
  return new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000).toISOString().slice(0, 10);
}

describe('dates', () => {
  describe('parseDayFirstDate', () => {
    it.each([
      ['10/5/2020', '2020-05-10'],
      ['10/05/2020', '2020-05-10'],
      ['10-05-2020', '2020-05-10'],
      ['10.05.2020', '2020-05-10'],
      ['10.05.20', '2020-05-10'],
      ['1/2/2021', '2021-02-01'],
      ['31/12/99', '1999-12-31'],
      ['01/01/69', '2069-01-01'],
      ['01/01/70', '1970-01-01'],
      ['29/02/2020', '2020-02-29'],
      ['  10/5/2020  ', '2020-05-10'],
      ['10/5/2020 14:30', '2020-05-10'],
      ['10/5/2020 8:05:59', '2020-05-10'],
      ['2020-05-10', '2020-05-10'],
      ['2020-5-9', '2020-05-09'],
      ['2020-05-10T15:00:00Z', '2020-05-10'],
      ['2020-05-10 00:00:00', '2020-05-10'],
    ])('%j → %s (day first)', (text, iso) => {
      expect(parseDayFirstDate(text)).toBe(iso);
    });

    it.each([
      '31/02/2020',
      '29/02/2021',
      '31/04/2020',
      '0/5/2020',
      '10/0/2020',
      '10/13/2020',
      '2020/13/01',
      '2020-13-01',
      '2020-02-30',
      '10/5/1850',
      '10/5/2150',
      '10/5/202',
      '10/5',
      '',
      '   ',
      'abc',
      'mañana',
      '43961',
      '10/5/2020 tarde',
    ])('rejects %j', (text) => {
      expect(parseDayFirstDate(text)).toBeNull();
    });

    it('reads day first, not month first', () => {
      expect(parseDayFirstDate('05/10/2020')).toBe('2020-10-05');
      expect(parseDayFirstDate('12/01/2021')).toBe('2021-01-12');
    });
  });

  describe('excelSerialToIso', () => {
    it('converts serials as Excel does (1900 system)', () => {
      expect(excelSerialReference(43961)).toBe('2020-05-10');
      expect(excelSerialToIso(43961)).toBe('2020-05-10');
      expect(excelSerialToIso(43831)).toBe('2020-01-01');
      expect(excelSerialToIso(44286)).toBe('2021-03-31');
      expect(excelSerialToIso(25569)).toBe('1970-01-01');
      expect(excelSerialToIso(61)).toBe('1900-03-01');
      for (let s = 40000; s < 47000; s += 97) expect(excelSerialToIso(s), String(s)).toBe(excelSerialReference(s));
    });

    it('ignores the time fraction', () => {
      expect(excelSerialToIso(43961.0001)).toBe('2020-05-10');
      expect(excelSerialToIso(43961.75)).toBe('2020-05-10');
      expect(excelSerialToIso(43961.99999)).toBe('2020-05-10');
    });

    it('returns null outside the plausible range or for non-finite numbers', () => {
      expect(excelSerialToIso(0)).toBeNull();
      expect(excelSerialToIso(-1)).toBeNull();
      expect(excelSerialToIso(80001)).toBeNull();
      expect(excelSerialToIso(Number.NaN)).toBeNull();
      expect(excelSerialToIso(Number.POSITIVE_INFINITY)).toBeNull();
    });
  });

  describe('dateToIso', () => {
    it('reads a UTC-midnight Date as the calendar day typed', () => {
      expect(dateToIso(new Date(Date.UTC(2020, 4, 10)))).toBe('2020-05-10');
      expect(dateToIso(new Date(Date.UTC(2020, 0, 1)))).toBe('2020-01-01');
      expect(dateToIso(new Date(Date.UTC(2020, 11, 31)))).toBe('2020-12-31');
      expect(dateToIso(new Date(Date.UTC(2020, 1, 29)))).toBe('2020-02-29');
    });

    it('keeps local midnight in Ecuador (UTC−5) on the same day', () => {
      expect(dateToIso(new Date('2020-05-10T05:00:00Z'))).toBe('2020-05-10');
    });

    it('keeps a date-time cell on its own day whatever the time of day', () => {
      expect(dateToIso(new Date('2020-05-10T14:30:00Z'))).toBe('2020-05-10');
      expect(dateToIso(new Date('2020-05-09T22:00:00Z'))).toBe('2020-05-09');
      // A serial with a time part read back a hair short of midnight belongs to the next day.
      expect(dateToIso(new Date(Date.UTC(2020, 4, 11) - 0.4))).toBe('2020-05-11');
    });

    it('returns null for an invalid Date', () => {
      expect(dateToIso(new Date('not a date'))).toBeNull();
    });
  });

  describe('formatting', () => {
    it('formatDate writes dd/mm/aaaa', () => {
      expect(formatDate('2020-05-10')).toBe('10/05/2020');
      expect(formatDate('2021-12-01')).toBe('01/12/2021');
      expect(formatDate('2021-12-01T10:00:00Z')).toBe('01/12/2021');
    });

    it('formatDate gives an empty string for missing dates and passes other text through', () => {
      expect(formatDate(null)).toBe('');
      expect(formatDate(undefined)).toBe('');
      expect(formatDate('')).toBe('');
      expect(formatDate('sin fecha')).toBe('sin fecha');
    });

    it('formatDateTime writes local dd/mm/aaaa hh:mm', () => {
      const local = new Date(2021, 2, 31, 9, 5, 0);
      expect(formatDateTime(local.toISOString())).toBe('31/03/2021 09:05');
      expect(formatDateTime('garbage')).toBe('garbage');
    });

    it('formatLongDate writes the deadline as the seed does', () => {
      expect(formatLongDate('2021-03-31')).toBe('miércoles 31 de marzo de 2021');
      expect(formatLongDate('2020-05-10')).toBe('domingo 10 de mayo de 2020');
      expect(formatLongDate('2021-01-02')).toBe('sábado 2 de enero de 2021');
      expect(formatLongDate('2021-09-06')).toBe('lunes 6 de septiembre de 2021');
      expect(formatLongDate('oops')).toBe('oops');
    });

    it('formatDate writes every date users read as dd/mm/aaaa, the cancellation date in scripts and messages too', () => {
      expect(formatDate('2020-05-10')).toBe('10/05/2020');
      expect(formatDate('2020-03-27')).toBe('27/03/2020');
      expect(formatDate('oops')).toBe('oops');
    });
  });
});
