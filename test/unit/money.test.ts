import { describe, expect, it } from 'vitest';
import { CentsSchema } from '../../shared/contracts/contract';
import { DepurationCounts } from '../../shared/contracts/sync';
import { cents, centsToDollars, formatUsd, isCents, parseMoneyToCents, sumCents, type Cents } from '../../shared/money';

describe('Cents', () => {
  it('brands whole numbers of cents', () => {
    const c: Cents = cents(3550);
    expect(c).toBe(3550);
    expect(cents(0)).toBe(0);
    expect(cents(-500)).toBe(-500);
  });

  it('refuses fractions, non-finite and unsafe numbers', () => {
    expect(() => cents(35.5)).toThrow(RangeError);
    expect(() => cents(0.1 + 0.2)).toThrow(RangeError);
    expect(() => cents(Number.NaN)).toThrow(RangeError);
    expect(() => cents(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => cents(2 ** 53)).toThrow(RangeError);
  });

  it('tells cents from anything else', () => {
    expect(isCents(4500)).toBe(true);
    expect(isCents(45.5)).toBe(false);
    expect(isCents('4500')).toBe(false);
    expect(isCents(null)).toBe(false);
  });

  it('adds amounts without leaving cents, skipping missing ones', () => {
    expect(sumCents([cents(4500), null, cents(600), cents(1)])).toBe(5101);
    expect(sumCents([])).toBe(0);
  });

  it('gives dollars only for written files', () => {
    expect(centsToDollars(cents(5100))).toBe(51);
    expect(centsToDollars(cents(4550))).toBe(45.5);
    expect(centsToDollars(cents(7))).toBe(0.07);
  });

  it('parses to branded cents, and formats only branded cents', () => {
    const parsed = parseMoneyToCents('$ 1.234,50');
    expect(parsed).toBe(123450);
    expect(formatUsd(parsed)).toMatch(/^\$\s?1\.234,50$/);
    expect(parseMoneyToCents('99999999999999999')).toBeNull();
    // @ts-expect-error: a plain number (dollars or not) is not Cents.
    expect(formatUsd(35.5)).toMatch(/^\$\s?0,36$/);
  });
});

describe('CentsSchema', () => {
  it('carries whole cents through a contract', () => {
    expect(CentsSchema.parse(4500)).toBe(4500);
    const counts = DepurationCounts.parse({ pending: 1, partial: 0, delivered: 0, regularized: 0, inReview: 0, chargeTotalCents: 5100 });
    const total: Cents = counts.chargeTotalCents;
    expect(total).toBe(5100);
  });

  it('refuses dollars and anything that is not a whole number, in Spanish', () => {
    for (const bad of [45.5, '4500', null, Number.NaN]) {
      const r = CentsSchema.safeParse(bad);
      expect(r.success).toBe(false);
      expect(r.error?.issues[0]?.message).toBe('Se esperaba un valor en centavos (número entero).');
    }
  });
});
