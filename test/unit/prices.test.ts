import { describe, expect, it } from 'vitest';
import { normalizeBaseRow } from '../../shared/baseRow';
import type { Cents } from '../../shared/money';
import { effectiveValue, parsePriceList, priceKey, priceOf, readPriceDraft, UNTYPED } from '../../shared/prices';

const prices = { MODEM: 4500 as Cents, 'SIN TIPO': 1000 as Cents };
const row = (value: unknown, equipmentType: string | null = 'Modem') =>
  normalizeBaseRow({ serviceNumber: '1001', identification: '1710034065', name: 'PEREZ JUAN', equipmentType, value: value as never }, 7, prices);

describe('prices per equipment type', () => {
  it('an unusable VALOR keeps the row, stays blank and warns with the row and the price that stands in', () => {
    const abc = row('abc');
    if (!abc.ok) throw new Error('rejected');
    expect(abc.row.valueCents).toBeNull();
    expect(abc.warnings).toEqual([{ row: 7, column: 'VALOR', message: 'VALOR «abc» no es un valor; se usará el precio de MODEM: $45,00.' }]);
    const negative = row('-5');
    expect(negative.ok && negative.row.valueCents).toBeNull();
    expect(negative.warnings[0]?.message).toBe('VALOR -5 es negativo; se usará el precio de MODEM: $45,00.');
    expect(row('').warnings[0]?.message).toBe('VALOR en blanco; se usará el precio de MODEM: $45,00.');
    expect(row('abc', 'ONT').warnings[0]?.message).toBe('VALOR «abc» no es un valor; ONT no tiene precio: fíjelo en Configuración → Precios por tipo de equipo antes de depurar.');
    // Blank with no price for the type: nothing to say (the depuración asks for the price).
    expect(row(null, 'ONT').warnings).toEqual([]);
    expect(row('35,50').warnings).toEqual([]);
  });

  it('takes the base’s usable VALOR first, else the price of the type; untyped items under SIN TIPO', () => {
    expect(effectiveValue(3000, 'MODEM', prices)).toEqual({ cents: 3000, fromPrice: false });
    expect(effectiveValue(0, 'MODEM', prices)).toEqual({ cents: 0, fromPrice: false });
    expect(effectiveValue(null, ' modem ', prices)).toEqual({ cents: 4500, fromPrice: true });
    expect(effectiveValue(-500, 'MODEM', prices)).toEqual({ cents: 4500, fromPrice: true });
    expect(effectiveValue(null, 'ONT', prices)).toEqual({ cents: null, fromPrice: false });
    expect(priceOf(prices, null)).toBe(1000);
    expect(priceKey('')).toBe(UNTYPED);
    // The depuración looks prices up by a quoted JSON path, where neither '"' nor '\\' can go.
    expect(priceKey('deco "hd"\\4k')).toBe("DECO 'HD'/4K");
    expect(priceOf(prices, 'constructor')).toBeNull();
  });

  it('reads a stored list defensively: anything unusable counts as no prices', () => {
    expect(parsePriceList({ MODEM: 4500 })).toEqual({ MODEM: 4500 });
    expect(parsePriceList({ MODEM: 45.5 })).toEqual({});
    expect(parsePriceList({ modem: 4500 })).toEqual({});
    expect(parsePriceList({ MODEM: -1 })).toEqual({});
    expect(parsePriceList('x')).toEqual({});
    expect(parsePriceList(null)).toEqual({});
  });

  it('reads the typed rows: dollars with a comma or a point, every problem by row, a type named twice refused', () => {
    expect(readPriceDraft([{ type: ' Modem ', dollars: '45,00' }, { type: 'ONT', dollars: '60.5' }, { type: '', dollars: '' }])).toEqual({
      ok: true,
      prices: { MODEM: 4500, ONT: 6050 },
    });
    expect(readPriceDraft([{ type: 'MODEM', dollars: 'abc' }, { type: '', dollars: '3' }, { type: 'modem', dollars: '-2' }, { type: 'ONT', dollars: '20000' }])).toEqual({
      ok: false,
      errors: {
        0: { dollars: '«abc» no es un valor en dólares (por ejemplo 45,00).' },
        1: { type: 'Escriba el tipo de equipo.' },
        2: { type: 'MODEM ya tiene precio en la fila 1.', dollars: 'Un precio va de $0,00 a $10.000,00.' },
        3: { dollars: 'Un precio va de $0,00 a $10.000,00.' },
      },
    });
    expect(readPriceDraft([{ type: 'ONT', dollars: '4,555' }])).toMatchObject({ ok: false });
    // Thousands grouped as the screen shows them, with the decimals after the other mark.
    expect(readPriceDraft([{ type: 'ONT', dollars: '$1.234,56' }, { type: 'MODEM', dollars: '1,234.5' }])).toEqual({ ok: true, prices: { ONT: 123456, MODEM: 123450 } });
    for (const odd of ['1.234.56', '1,234,56', '1.234,567', '1.23,45', '1.234,5.6', '1.2345,00']) {
      expect(readPriceDraft([{ type: 'ONT', dollars: odd }]), odd).toMatchObject({ ok: false });
    }
  });
});

describe('demo prices', () => {
  it('price every equipment type the demo base holds, and are a valid list as stored', async () => {
    const { generateBaseRows } = await import('../../electron/demo/generate');
    const { DEMO_PRICES } = await import('../../electron/demo/prices');
    expect(parsePriceList(DEMO_PRICES)).toEqual(DEMO_PRICES);
    const types = new Set([...generateBaseRows({ customers: 400, seed: 5 })].map((r) => priceKey(r.equipmentType as string)));
    expect([...types].filter((t) => !(t in DEMO_PRICES))).toEqual([]);
  });
});
