import { describe, expect, it } from 'vitest';
import type { BaseRow, NormalizedRow } from '../../shared/baseRow';
import { cents } from '../../shared/money';
import { toWire, WireSheetRow } from '../../electron/import/wireRows';
import type { BaseSheetRow } from '../../electron/import/preparedRow';

/** Every field with a value no other field has, so a field sent to the wrong place is seen. */
const ROW: BaseRow = {
  identification: '1712345675', idType: 'CEDULA', name: 'PÉREZ JUAN', serviceNumber: '223456789', serviceKey: 'K223456789',
  businessLine: 'Internet Fijo' as BaseRow['businessLine'], businessLineRaw: 'internet', cancelDate: '2020-05-10', regional: 'SIERRA',
  province: 'PICHINCHA', city: 'QUITO', equipmentType: 'MODEM', brand: 'HUAWEI', model: 'HG8245H', serial: 'hwt-1', serialKey: 'HWT1',
  valueCents: cents(4500), chargesLoaded: true, paid: false, claim: true, phone: '0991234567', email: 'juan@example.com',
};

const sheetRow = (cells: BaseSheetRow['cells']): BaseSheetRow => ({ sheet: 'BASE', rowNumber: 7, cells });

describe('rows crossing from the reader thread', () => {
  it('arrive with every field of the normalised row in its place, and the cells as they were read, dates included', () => {
    const normalized: NormalizedRow = { ok: true, row: ROW, warnings: [{ row: 7, column: 'VALOR', message: 'aviso' }] };
    const notes = [{ row: 7, column: 'SERIE', message: 'fórmula sin resultado' }];
    const cells = ['A', 17.5, true, null, new Date(Date.UTC(2020, 4, 10)), '{"d":1}'];
    const back = new WireSheetRow(structuredClone(toWire(sheetRow(cells), { normalized, notes })));
    expect(back.prepared).toEqual({ normalized, notes });
    expect(Object.keys(back.prepared.normalized.ok ? back.prepared.normalized.row : {}).sort()).toEqual(Object.keys(ROW).sort());
    expect({ sheet: back.sheet, rowNumber: back.rowNumber, cells: back.cells }).toEqual({ sheet: 'BASE', rowNumber: 7, cells });
    expect(back.cells[4]).toBeInstanceOf(Date);
  });

  it('keep a rejected row’s reasons', () => {
    const normalized: NormalizedRow = { ok: false, errors: [{ row: 7, column: 'NUMERO DE SERVICIO', message: 'Falta el número de servicio.' }], warnings: [] };
    const back = new WireSheetRow(structuredClone(toWire(sheetRow(['x']), { normalized, notes: [] })));
    expect(back.prepared.normalized).toEqual(normalized);
    expect(back.cells).toEqual(['x']);
  });
});
