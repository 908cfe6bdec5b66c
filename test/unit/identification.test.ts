import { describe, expect, it } from 'vitest';
import {
  checkRuc,
  identificationCandidates,
  isValidCedula,
  normalizeIdentification,
} from '../../shared/identification';

// ---------------------------------------------------------------------------------------------
// Reference implementation of docs/domain.md §5, written independently of shared/identification.ts.
// ---------------------------------------------------------------------------------------------

/** Cédula check digit: digits 1–9 × 2,1,2,1,…; products above 9 minus 9; (10 − sum mod 10) mod 10. */
function cedulaCheckDigit(first9: string): number {
  const coefficients = [2, 1, 2, 1, 2, 1, 2, 1, 2];
  const sum = coefficients.reduce((acc, c, i) => {
    const p = Number(first9.charAt(i)) * c;
    return acc + (p > 9 ? p - 9 : p);
  }, 0);
  return (10 - (sum % 10)) % 10;
}

function cedula(first9: string): string {
  if (!/^\d{9}$/.test(first9)) throw new Error(`bad fixture ${first9}`);
  return first9 + String(cedulaCheckDigit(first9));
}

/** Mod 11 check digit; null when the remainder gives 10 (no valid digit exists). */
function mod11CheckDigit(digits: string, weights: number[]): number | null {
  const sum = weights.reduce((acc, w, i) => acc + w * Number(digits.charAt(i)), 0);
  const r = 11 - (sum % 11);
  if (r === 11) return 0;
  if (r === 10) return null;
  return r;
}

const PRIVATE_WEIGHTS = [4, 3, 2, 7, 6, 5, 4, 3, 2];
const PUBLIC_WEIGHTS = [3, 2, 7, 6, 5, 4, 3, 2];

/** Private company RUC from its first 9 digits (third digit 9), or null when no check digit exists. */
function privateRuc(first9: string, establishment = '001'): string | null {
  const check = mod11CheckDigit(first9, PRIVATE_WEIGHTS);
  return check === null ? null : `${first9}${check}${establishment}`;
}

/** Public entity RUC from its first 8 digits (third digit 6): check digit is digit 9. */
function publicRuc(first8: string, establishment = '0001'): string | null {
  const check = mod11CheckDigit(first8, PUBLIC_WEIGHTS);
  return check === null ? null : `${first8}${check}${establishment}`;
}

/** Same number with a different (hence wrong) last digit of the given position. */
function withDigit(value: string, index: number, digit: number): string {
  return value.slice(0, index) + String(digit) + value.slice(index + 1);
}

function otherDigits(d: number): number[] {
  return [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].filter((x) => x !== d);
}

/** Deterministic pseudo-random digits so the sample is wide but reproducible. */
function* digitStream(seed: number): Generator<number> {
  let s = seed;
  for (;;) {
    s = (s * 1103515245 + 12345) % 2147483648;
    yield Math.floor((s / 2147483648) * 10);
  }
}

const PROVINCES = [...Array.from({ length: 24 }, (_, i) => i + 1), 30].map((p) => String(p).padStart(2, '0'));

function sampleCedulas(): string[] {
  const rnd = digitStream(42);
  const out: string[] = [];
  for (const p of PROVINCES) {
    for (let third = 0; third < 6; third++) {
      let rest = '';
      for (let i = 0; i < 6; i++) rest += String(rnd.next().value);
      out.push(cedula(`${p}${third}${rest}`));
    }
  }
  return out;
}

describe('reference helpers (sanity check against published numbers)', () => {
  it('reproduce the check digits of real identifications', () => {
    expect(cedula('171003406')).toBe('1710034065');
    // SRI (public entity) and Corporación Favorita (private company), published RUCs.
    expect(publicRuc('17600132')).toBe('1760013210001');
    expect(privateRuc('179001691')).toBe('1790016919001');
  });
});

describe('isValidCedula', () => {
  const valid = sampleCedulas();

  it('accepts cédulas of every province 01–24 and 30 with third digit 0–5', () => {
    expect(valid).toHaveLength(25 * 6);
    for (const id of valid) expect(isValidCedula(id), id).toBe(true);
  });

  it('accepts known fixtures', () => {
    expect(isValidCedula('1710034065')).toBe(true);
    expect(isValidCedula('0102030400')).toBe(true);
  });

  it('rejects every wrong check digit', () => {
    for (const id of valid.slice(0, 40)) {
      const right = Number(id.charAt(9));
      for (const d of otherDigits(right)) expect(isValidCedula(withDigit(id, 9, d)), withDigit(id, 9, d)).toBe(false);
    }
  });

  it('rejects provinces 00, 25–29 and 31+ even with a correct check digit', () => {
    for (const p of ['00', '25', '26', '29', '31', '50', '99']) {
      const id = cedula(`${p}1234567`);
      expect(isValidCedula(id), id).toBe(false);
    }
  });

  it('rejects a third digit of 6 or more even with a correct check digit', () => {
    for (const third of [6, 7, 8, 9]) {
      const id = cedula(`17${third}0034067`.slice(0, 9));
      expect(id.charAt(2)).toBe(String(third));
      expect(isValidCedula(id), id).toBe(false);
    }
  });

  it('rejects wrong lengths and non-digits', () => {
    expect(isValidCedula('171003406')).toBe(false);
    expect(isValidCedula('17100340650')).toBe(false);
    expect(isValidCedula('')).toBe(false);
    expect(isValidCedula('17100340a5')).toBe(false);
    expect(isValidCedula('1710034-65')).toBe(false);
    expect(isValidCedula(' 1710034065')).toBe(false);
  });
});

describe('checkRuc', () => {
  describe('natural person (valid cédula + establishment)', () => {
    it('accepts a valid cédula followed by 001 and other non-zero establishments', () => {
      for (const id of sampleCedulas().slice(0, 30)) {
        expect(checkRuc(`${id}001`), id).toBe('natural');
      }
      expect(checkRuc('1710034065002')).toBe('natural');
      expect(checkRuc('1710034065123')).toBe('natural');
    });

    it('rejects establishment 000', () => {
      expect(checkRuc('1710034065000')).toBeNull();
    });

    it('rejects an invalid cédula part', () => {
      expect(checkRuc('1710034064001')).toBeNull();
      expect(checkRuc(`${cedula('251234567')}001`)).toBeNull();
    });
  });

  describe('private company (third digit 9, mod 11 weights 4,3,2,7,6,5,4,3,2)', () => {
    const rnd = digitStream(7);
    const samples: string[] = [];
    for (const p of PROVINCES) {
      for (let k = 0; k < 4; k++) {
        let rest = '';
        for (let i = 0; i < 6; i++) rest += String(rnd.next().value);
        const ruc = privateRuc(`${p}9${rest}`);
        if (ruc) samples.push(ruc);
      }
    }

    it('accepts RUCs whose digit 10 is the mod 11 check digit', () => {
      expect(samples.length).toBeGreaterThan(60);
      for (const ruc of samples) expect(checkRuc(ruc), ruc).toBe('private');
      expect(checkRuc('1790016919001')).toBe('private');
    });

    it('rejects a wrong check digit', () => {
      for (const ruc of samples.slice(0, 20)) {
        for (const d of otherDigits(Number(ruc.charAt(9)))) expect(checkRuc(withDigit(ruc, 9, d)), withDigit(ruc, 9, d)).toBeNull();
      }
    });

    it('rejects establishment 000', () => {
      expect(checkRuc('1790016919000')).toBeNull();
    });

    it('does not accept a company RUC through the cédula rule', () => {
      // Digit 10 set by the cédula algorithm instead of mod 11: third digit 9 is judged by mod 11 only.
      const first9 = '179001691';
      expect(cedulaCheckDigit(first9)).toBe(7);
      expect(mod11CheckDigit(first9, PRIVATE_WEIGHTS)).toBe(9);
      expect(checkRuc('1790016917001')).toBeNull();
    });
  });

  describe('public entity (third digit 6, weights 3,2,7,6,5,4,3,2, check is digit 9)', () => {
    const rnd = digitStream(99);
    const samples: string[] = [];
    for (const p of PROVINCES) {
      for (let k = 0; k < 4; k++) {
        let rest = '';
        for (let i = 0; i < 5; i++) rest += String(rnd.next().value);
        const ruc = publicRuc(`${p}6${rest}`);
        if (ruc) samples.push(ruc);
      }
    }

    it('accepts RUCs whose digit 9 is the mod 11 check digit', () => {
      expect(samples.length).toBeGreaterThan(60);
      for (const ruc of samples) expect(checkRuc(ruc), ruc).toBe('public');
      expect(checkRuc('1760013210001')).toBe('public');
    });

    it('rejects a wrong check digit in position 9', () => {
      for (const ruc of samples.slice(0, 20)) {
        for (const d of otherDigits(Number(ruc.charAt(8)))) expect(checkRuc(withDigit(ruc, 8, d)), withDigit(ruc, 8, d)).toBeNull();
      }
    });

    it('rejects establishment 0000', () => {
      expect(checkRuc('1760013210000')).toBeNull();
    });
  });

  it('rejects third digits 7 and 8, bad provinces and wrong shapes', () => {
    expect(checkRuc('1770013210001')).toBeNull();
    expect(checkRuc('1780016919001')).toBeNull();
    expect(checkRuc(`${cedula('501234567')}001`)).toBeNull();
    expect(checkRuc('176001321000')).toBeNull();
    expect(checkRuc('17600132100011')).toBeNull();
    expect(checkRuc('17600132A0001')).toBeNull();
    expect(checkRuc('')).toBeNull();
  });
});

describe('normalizeIdentification', () => {
  it('returns null for blank input or input made only of separators', () => {
    expect(normalizeIdentification('')).toBeNull();
    expect(normalizeIdentification('   ')).toBeNull();
    expect(normalizeIdentification(' -.- ')).toBeNull();
  });

  it('accepts a valid cédula without a warning', () => {
    const r = normalizeIdentification('1710034065');
    expect(r).toEqual({ value: '1710034065', type: 'CEDULA' });
    expect(r).not.toHaveProperty('warning');
  });

  it('keeps a cédula with a wrong check digit, with a Spanish warning', () => {
    const r = normalizeIdentification('1710034064');
    expect(r?.value).toBe('1710034064');
    expect(r?.type).toBe('CEDULA');
    expect(r?.warning).toMatch(/cédula/i);
  });

  it('warns for a 10-digit number with a bad province or third digit', () => {
    expect(normalizeIdentification(cedula('251234567'))?.warning).toBeTruthy();
    expect(normalizeIdentification(cedula('176123456'))?.warning).toBeTruthy();
  });

  it('pads a 9-digit number (a cédula that lost its leading zero) to 10 digits', () => {
    const bad = normalizeIdentification('102030405');
    expect(bad?.value).toBe('0102030405');
    expect(bad?.type).toBe('CEDULA');
    // 0102030405 fails the check digit (the right one is 0).
    expect(cedulaCheckDigit('010203040')).toBe(0);
    expect(bad?.warning).toBeTruthy();

    const good = normalizeIdentification('102030400');
    expect(good).toEqual({ value: '0102030400', type: 'CEDULA' });
  });

  it('pads a 12-digit number (a RUC that lost its leading zero) to 13 digits', () => {
    const natural = `${cedula('010203040')}001`;
    expect(natural.startsWith('0')).toBe(true);
    expect(normalizeIdentification(natural.slice(1))).toEqual({ value: natural, type: 'RUC' });

    const company = privateRuc('099123456') ?? privateRuc('099123457');
    expect(company).not.toBeNull();
    expect(normalizeIdentification(company!.slice(1))).toEqual({ value: company, type: 'RUC' });
  });

  it('accepts valid RUCs of every kind without a warning', () => {
    expect(normalizeIdentification('1710034065001')).toEqual({ value: '1710034065001', type: 'RUC' });
    expect(normalizeIdentification('1790016919001')).toEqual({ value: '1790016919001', type: 'RUC' });
    expect(normalizeIdentification('1760013210001')).toEqual({ value: '1760013210001', type: 'RUC' });
  });

  it('keeps a RUC that fails mod 11, with a warning (recent company RUCs)', () => {
    const r = normalizeIdentification('1790016918001');
    expect(r?.value).toBe('1790016918001');
    expect(r?.type).toBe('RUC');
    expect(r?.warning).toMatch(/RUC/);
    expect(normalizeIdentification('1710034065000')?.warning).toBeTruthy();
  });

  it('strips spaces, dashes and dots', () => {
    expect(normalizeIdentification(' 171003406-5 ')).toEqual({ value: '1710034065', type: 'CEDULA' });
    expect(normalizeIdentification('17.100.340.65')).toEqual({ value: '1710034065', type: 'CEDULA' });
    expect(normalizeIdentification('1790016919 001')).toEqual({ value: '1790016919001', type: 'RUC' });
    expect(normalizeIdentification('1710034065\u00a0')).toEqual({ value: '1710034065', type: 'CEDULA' });
  });

  it('keeps passports (with letters) upper-cased and without a warning', () => {
    expect(normalizeIdentification('ab123456')).toEqual({ value: 'AB123456', type: 'PASAPORTE' });
    expect(normalizeIdentification('P-0012 34')).toEqual({ value: 'P001234', type: 'PASAPORTE' });
  });

  it('keeps an all-digit number of another length as a passport, with a warning naming the length', () => {
    const r = normalizeIdentification('12345');
    expect(r?.value).toBe('12345');
    expect(r?.type).toBe('PASAPORTE');
    expect(r?.warning).toContain('5');
    expect(normalizeIdentification('12345678901')?.warning).toContain('11');
    // 8 digits is not padded to a cédula.
    expect(normalizeIdentification('12345678')?.value).toBe('12345678');
  });
});

describe('identificationCandidates', () => {
  it('returns nothing for a blank query', () => {
    expect(identificationCandidates('')).toEqual([]);
    expect(identificationCandidates('  - ')).toEqual([]);
  });

  it('adds the lost leading zero for 9 and 12 digit numbers', () => {
    expect(identificationCandidates('102030405')).toEqual(['102030405', '0102030405']);
    expect(identificationCandidates('102030405001')).toEqual(['102030405001', '0102030405001']);
  });

  it('returns a 10 or 13 digit number alone', () => {
    expect(identificationCandidates('0102030405')).toEqual(['0102030405']);
    expect(identificationCandidates('1790016919001')).toEqual(['1790016919001']);
  });

  it('strips separators and upper-cases', () => {
    expect(identificationCandidates(' 10.203.040-5 ')).toEqual(['102030405', '0102030405']);
    expect(identificationCandidates('ab 123')).toEqual(['AB123']);
  });

  it('does not pad a 9-character value that is not all digits', () => {
    expect(identificationCandidates('A12345678')).toEqual(['A12345678']);
  });
});
