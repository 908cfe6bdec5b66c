import { describe, expect, it } from 'vitest';
import { nameKey } from '../../electron/search/customerSearch';
import { foldKey } from '../../shared/text';

// The ranking's name key has a shortcut for names in capitals; it must fold exactly as the general
// way does (foldKey, punctuation as spaces, single-spaced), or tiers would differ by spelling.
const general = (name: string) =>
  foldKey(name)
    .replace(/[^A-Z0-9Ñ ]/g, ' ')
    .split(' ')
    .filter((w) => w.length > 0)
    .join(' ');

describe('nameKey', () => {
  it('folds names in capitals, accented or not, as the general way does', () => {
    for (const name of [
      'DE LA TORRE MUÑOZ IVÁN',
      'ANDRADE VILLACÍS MARÍA',
      'GÜEMES ÑAUPARI ÚRSULA ÉLIDA ÓSCAR',
      'PEREZ LOPEZ JUAN CARLOS',
      ' PEREZ  LOPEZ ',
      'CONSTRUCTORA 2000',
      '',
    ]) {
      expect(nameKey(name), name).toBe(general(name));
    }
  });

  it('folds anything else the general way: lower case, punctuation, decomposed accents, odd spaces', () => {
    for (const name of ["O'Brien J.", 'Pérez-López, Juan', 'PE\u0301REZ', 'PEREZ\u00a0LOPEZ', 'DÍAZ & CÍA. LTDA.', 'ÇELIK ÅSA']) {
      expect(nameKey(name), name).toBe(general(name));
    }
  });
});
