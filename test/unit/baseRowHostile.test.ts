import { describe, expect, it } from 'vitest';
import type { RawBaseRow } from '../../shared/baseFields';
import { normalizeBaseRow, type BaseRow, type NormalizedRow, type RowIssue } from '../../shared/baseRow';

// Cells as hostile files and careless exports bring them: numbers past their column, Excel's
// scientific notation, values no item is worth.

function expectOk(result: NormalizedRow): { row: BaseRow; warnings: RowIssue[] } {
  if (!result.ok) throw new Error(`expected ok, got errors ${JSON.stringify(result.errors)}`);
  return result;
}

function expectRejected(result: NormalizedRow): { errors: RowIssue[]; warnings: RowIssue[] } {
  if (result.ok) throw new Error(`expected a rejection, got ${JSON.stringify(result.row)}`);
  return result;
}

function row(overrides: RawBaseRow = {}): RawBaseRow {
  return { serviceNumber: '0012345678', identification: '1710034065', name: 'PEREZ JUAN', ...overrides };
}

describe('normalizeBaseRow: hostile cells', () => {
  it('rejects a service number that lost its digits to scientific notation, and keeps a row whose identification did without it', () => {
    for (const cell of ['9.0001E+5', '4,40012E+11', '1E+12']) {
      const { errors } = expectRejected(normalizeBaseRow(row({ serviceNumber: cell }), 4));
      expect(errors).toEqual([{ row: 4, column: 'NUMERO DE SERVICIO', message: expect.stringMatching(/^El número de servicio «.+» perdió sus últimos dígitos al guardarse en notación científica\. Dé a la columna formato de texto/) }]);
    }
    // Two customers whose cédulas both read 1.712E+9 must not become one: the identification is left blank.
    const { row: r, warnings } = expectOk(normalizeBaseRow(row({ identification: '1.712E+9' }), 5));
    expect(r.identification).toBeNull();
    expect(warnings).toEqual([{ row: 5, column: 'IDENTIFICACION', message: expect.stringMatching(/^La identificación «1\.712E\+9» perdió sus últimos dígitos.*La fila se guarda sin identificación\.$/) }]);
    const { errors } = expectRejected(normalizeBaseRow(row({ identification: '1,79012E+12', name: null }), 6));
    expect(errors).toEqual([{ row: 6, column: 'IDENTIFICACION / APELLIDOS Y NOMBRES', message: expect.stringMatching(/^La identificación «1,79012E\+12» perdió .* Falta también el nombre del cliente\.$/) }]);
    // Passports and service codes with letters are not numbers in that notation.
    expect(expectOk(normalizeBaseRow(row({ identification: 'AE1234567', serviceNumber: 'E+100' }), 7)).row).toMatchObject({ identification: 'AE1234567', serviceNumber: 'E+100' });
  });

  it('warns about a value no item is worth, or no count of cents holds, and leaves it empty instead of failing the import', () => {
    for (const value of [1e95, 1e20, 10_000.01, '$ 25.000,00']) {
      const { row: r, warnings } = expectOk(normalizeBaseRow(row({ value, equipmentType: 'ONT' }), 9));
      expect(r.valueCents).toBeNull();
      expect(warnings).toEqual([{ row: 9, column: 'VALOR', message: expect.stringMatching(/^VALOR .* (pasa de \$10\.000,00, lo más que vale un equipo|no es un valor); ONT no tiene precio/) }]);
    }
    expect(expectOk(normalizeBaseRow(row({ value: 10_000 }), 9)).row.valueCents).toBe(1_000_000);
  });

  it('rejects a number cell whose digits pass its column limit, as it does a long text', () => {
    expect(expectRejected(normalizeBaseRow(row({ identification: 1e300 }), 3)).errors).toEqual([
      { row: 3, column: 'IDENTIFICACION', message: 'IDENTIFICACION tiene 301 caracteres; el máximo es 20.' },
    ]);
    expect(expectRejected(normalizeBaseRow(row({ serviceNumber: 1e41 }), 3)).errors).toEqual([
      { row: 3, column: 'NUMERO DE SERVICIO', message: 'NUMERO DE SERVICIO tiene 42 caracteres; el máximo es 40.' },
    ]);
    // Ordinary numbers, whole or not, pass untouched.
    expect(expectOk(normalizeBaseRow(row({ identification: 1712345678, serviceNumber: 4400123, value: 35.5 }), 3)).row.valueCents).toBe(3550);
  });

  it('leaves a filler identification blank, so unrelated customers do not become one under its number', () => {
    for (const identification of ['9999999999999', '0000000000', 9999999999, '999.999.999-9']) {
      const { row: r, warnings } = expectOk(normalizeBaseRow(row({ identification }), 2));
      expect(r.identification).toBeNull();
      expect(warnings).toEqual([{ row: 2, column: 'IDENTIFICACION', message: expect.stringMatching(/^La identificación «.+» es de relleno \(todos sus dígitos iguales\) y no distingue a un cliente de otro\. La fila se guarda sin identificación\.$/) }]);
    }
    expect(expectRejected(normalizeBaseRow(row({ identification: '0000000000', name: null }), 3)).errors).toEqual([
      { row: 3, column: 'IDENTIFICACION / APELLIDOS Y NOMBRES', message: 'La identificación «0000000000» es de relleno (todos sus dígitos iguales) y no distingue a un cliente de otro. Falta también el nombre del cliente.' },
    ]);
    // Real numbers with repeated digits, and short codes, are kept.
    expect(expectOk(normalizeBaseRow(row({ identification: '1711111111' }), 4)).row.identification).toBe('1711111111');
    expect(expectOk(normalizeBaseRow(row({ identification: 'P1111' }), 4)).row.identification).toBe('P1111');
  });

  it('rejects a service number, and leaves blank an identification, read from a cell formatted as a date', () => {
    const asDate = new Date(Date.UTC(5280, 2, 15));
    expect(expectRejected(normalizeBaseRow(row({ serviceNumber: asDate }), 2)).errors).toEqual([
      { row: 2, column: 'NUMERO DE SERVICIO', message: expect.stringMatching(/^El número de servicio está en una celda con formato de fecha, así que no se lee como número\. Dé a esa columna formato General o Texto/) },
    ]);
    const { row: r, warnings } = expectOk(normalizeBaseRow(row({ identification: asDate }), 3));
    expect(r.identification).toBeNull();
    expect(warnings).toEqual([{ row: 3, column: 'IDENTIFICACION', message: expect.stringMatching(/^La identificación está en una celda con formato de fecha.* La fila se guarda sin identificación\.$/) }]);
  });
});
