import { describe, expect, it } from 'vitest';
import { ACCESSORIES, accessoriesFor } from '../../shared/handover';

describe('accessories offered per equipment type', () => {
  it('offers a modem, router or ONT its power supply and cable only (no antenna, remote or card)', () => {
    for (const type of ['ONT', 'ont huawei', 'MODEM', 'Módem ADSL', 'ROUTER WIFI', 'ONU']) expect(accessoriesFor(type)).toEqual(['FUENTE_DE_PODER', 'CABLE']);
  });

  it('offers a decoder its remote, card and antenna too', () => {
    expect(accessoriesFor('DECODIFICADOR')).toEqual(['FUENTE_DE_PODER', 'CABLE', 'CONTROL_REMOTO', 'TARJETA', 'ANTENA']);
    expect(accessoriesFor('DECO HD')).toEqual(['FUENTE_DE_PODER', 'CABLE', 'CONTROL_REMOTO', 'TARJETA', 'ANTENA']);
  });

  it('offers a power supply its cable, a phone its supply and cable', () => {
    expect(accessoriesFor('FUENTE DE PODER')).toEqual(['CABLE']);
    expect(accessoriesFor('TELÉFONO INALÁMBRICO')).toEqual(['FUENTE_DE_PODER', 'CABLE']);
  });

  it('offers everything for a type it does not know, so nothing the customer brings is left out', () => {
    expect(accessoriesFor('EQUIPO RARO')).toEqual([...ACCESSORIES]);
    expect(accessoriesFor(null)).toEqual([...ACCESSORIES]);
  });
});
