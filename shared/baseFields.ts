/**
 * The canonical columns of the Posventa base (docs/domain.md §4.1). The header text is what
 * Recupera writes in every workbook it produces; `synonyms` are what it accepts when reading.
 * Synonyms are compared after `headerKey()` normalisation (upper case, no accents, no punctuation).
 */
export const BASE_FIELDS = [
  { key: 'regional', header: 'REGIONAL', synonyms: ['REGION', 'ZONA', 'GERENCIA REGIONAL'] },
  { key: 'province', header: 'PROVINCIA', synonyms: ['PROV'] },
  { key: 'city', header: 'CIUDAD', synonyms: ['CANTON', 'LOCALIDAD'] },
  {
    key: 'identification',
    header: 'IDENTIFICACION',
    synonyms: ['CEDULA', 'C I', 'CI', 'CEDULA DE IDENTIDAD', 'CEDULA RUC', 'CEDULA O RUC', 'RUC', 'RUC CI', 'NUMERO DE IDENTIFICACION', 'NRO IDENTIFICACION', 'ID CLIENTE', 'IDENTIFICACION CLIENTE', 'DOCUMENTO', 'NUMERO DE DOCUMENTO', 'PASAPORTE'],
  },
  {
    key: 'name',
    header: 'APELLIDOS Y NOMBRES',
    synonyms: ['NOMBRES Y APELLIDOS', 'CLIENTE', 'NOMBRE', 'NOMBRES', 'NOMBRE CLIENTE', 'NOMBRE DEL CLIENTE', 'RAZON SOCIAL', 'TITULAR', 'NOMBRE COMPLETO'],
  },
  {
    key: 'businessLine',
    header: 'LINEA DE NEGOCIO',
    synonyms: ['LINEA', 'PRODUCTO', 'SERVICIO', 'TIPO DE SERVICIO', 'LINEA NEGOCIO'],
  },
  {
    key: 'serviceNumber',
    header: 'NUMERO DE SERVICIO',
    synonyms: ['NRO SERVICIO', 'NRO DE SERVICIO', 'NO SERVICIO', 'NO DE SERVICIO', 'NUM SERVICIO', 'N SERVICIO', 'NUMERO SERVICIO', 'SERVICIO NRO', 'CUENTA SERVICIO', 'NUMERO DE CUENTA', 'CONTRATO', 'NUMERO DE CONTRATO'],
  },
  {
    key: 'cancelDate',
    header: 'FECHA DE RETIRO',
    synonyms: ['FECHA RETIRO', 'F RETIRO', 'FECHA DE BAJA', 'FECHA BAJA', 'FECHA DE CANCELACION', 'FECHA CANCELACION'],
  },
  { key: 'equipmentType', header: 'TIPO DE EQUIPO', synonyms: ['TIPO EQUIPO', 'EQUIPO', 'DESCRIPCION EQUIPO', 'DESCRIPCION'] },
  { key: 'brand', header: 'MARCA', synonyms: ['FABRICANTE'] },
  { key: 'model', header: 'MODELO', synonyms: [] },
  { key: 'serial', header: 'SERIE', synonyms: ['SERIAL', 'NRO SERIE', 'NUMERO DE SERIE', 'NO SERIE', 'NO DE SERIE', 'SERIE EQUIPO', 'SN', 'S N', 'MAC'] },
  { key: 'value', header: 'VALOR', synonyms: ['VALOR USD', 'VALOR EQUIPO', 'COSTO', 'PRECIO', 'MONTO', 'VALOR A COBRAR'] },
  { key: 'chargesLoaded', header: 'VALORES CARGADOS', synonyms: ['CARGADOS', 'VALOR CARGADO', 'CARGADO', 'VALORES CARGADOS SI NO'] },
  { key: 'paid', header: 'PAGADO', synonyms: ['PAGO', 'PAGADOS'] },
  { key: 'claim', header: 'RECLAMO', synonyms: ['RECLAMOS', 'TIENE RECLAMO'] },
  { key: 'phone', header: 'TELEFONO', synonyms: ['CELULAR', 'TELEFONO CONTACTO', 'TELEFONO CELULAR', 'MOVIL', 'NUMERO CELULAR', 'TELF', 'TLF', 'CONTACTO'] },
  { key: 'email', header: 'CORREO', synonyms: ['CORREO ELECTRONICO', 'EMAIL', 'E MAIL', 'MAIL'] },
] as const;

export type BaseFieldKey = (typeof BASE_FIELDS)[number]['key'];

export const BASE_FIELD_KEYS: readonly BaseFieldKey[] = BASE_FIELDS.map((f) => f.key);

export function fieldHeader(key: BaseFieldKey): string {
  const f = BASE_FIELDS.find((x) => x.key === key);
  return f ? f.header : key;
}

/** A row of the base as a spreadsheet may hold it, before normalisation. */
export type RawBaseRow = Partial<Record<BaseFieldKey, string | number | boolean | Date | null>>;
