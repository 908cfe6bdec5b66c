import { describe, expect, it } from 'vitest';
import { thirdPartyErrors } from '../../shared/handover';

const ok = { identification: '0102030400', name: 'Ana Andrade', documentsReceived: true };

describe('tercero who delivers', () => {
  it('accepts a cédula with its check digit, a RUC, a company RUC that fails mod 11, and a passport', () => {
    expect(thirdPartyErrors(ok)).toEqual({});
    expect(thirdPartyErrors({ ...ok, identification: '010203040-0' })).toEqual({});
    expect(thirdPartyErrors({ ...ok, identification: '1712345675001' })).toEqual({});
    expect(thirdPartyErrors({ ...ok, identification: '1790016919002' })).toEqual({});
    expect(thirdPartyErrors({ ...ok, identification: 'AB123456' })).toEqual({});
  });

  it('refuses numbers that are neither, saying what a valid one looks like', () => {
    expect(thirdPartyErrors({ ...ok, identification: '12345' }).identification).toBe('Una cédula tiene 10 dígitos y un RUC 13: revise el número.');
    expect(thirdPartyErrors({ ...ok, identification: '1712345678' }).identification).toBe('La cédula no es válida: revise el número (el último dígito no corresponde).');
    expect(thirdPartyErrors({ ...ok, identification: '1712345678001' }).identification).toBe('El RUC no es válido: revise el número.');
    expect(thirdPartyErrors({ ...ok, identification: 'AB12' }).identification).toBe('Un pasaporte tiene de 6 a 20 letras y números.');
    expect(thirdPartyErrors({ ...ok, identification: 'ABC-12#45' }).identification).toBe('Un pasaporte tiene de 6 a 20 letras y números.');
    expect(thirdPartyErrors({ ...ok, identification: '  ' }).identification).toBe('Escriba la identificación de quien entrega.');
  });

  it('wants a name of at least two words of two letters or more', () => {
    expect(thirdPartyErrors({ ...ok, name: 'XYZ' }).name).toBe('Escriba nombre y apellido de quien entrega.');
    expect(thirdPartyErrors({ ...ok, name: 'Ana A.' }).name).toBe('Escriba nombre y apellido de quien entrega.');
    expect(thirdPartyErrors({ ...ok, name: '12 34' }).name).toBe('Escriba nombre y apellido de quien entrega.');
    expect(thirdPartyErrors({ ...ok, name: 'Ñusta Quishpe' }).name).toBeUndefined();
    expect(thirdPartyErrors({ ...ok, name: "D'Ambrosio Peña" }).name).toBeUndefined();
  });

  it('reports every problem at once', () => {
    expect(Object.keys(thirdPartyErrors({ identification: '12345', name: 'XYZ', documentsReceived: false }))).toEqual(['identification', 'name', 'documentsReceived']);
    expect(thirdPartyErrors({ ...ok, documentsReceived: false }).documentsReceived).toBe('Confirme que recibió la carta de autorización y la copia de cédula del titular.');
  });
});
