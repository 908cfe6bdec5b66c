/**
 * Prices per equipment type for a demo station (integer cents by type, shared/prices.ts): the usual
 * value of each type generate.ts writes, so the card and the carga de valores have a price for
 * items the base leaves blank.
 */
export const DEMO_PRICES: Readonly<Record<string, number>> = {
  ONT: 4500,
  MODEM: 3550,
  ROUTER: 2500,
  'FUENTE DE PODER': 600,
  DECODIFICADOR: 6000,
  'TARJETA INTELIGENTE': 800,
  ANTENA: 2500,
  'CONTROL REMOTO': 350,
  'TELEFONO INALAMBRICO': 2200,
};
