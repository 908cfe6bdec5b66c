import type { BaseFieldKey } from '../../shared/baseFields';
import { headerScore, mapHeaderRow, MIN_HEADER_SCORE } from '../../shared/headers';
import type { TableSpec } from '../spreadsheet/table';
import { LIMITS } from '../spreadsheet/limits';

export const NO_HEADER =
  `El archivo no tiene una fila de encabezados reconocible. Revise que la hoja tenga columnas como CEDULA y NUMERO DE SERVICIO en una de sus primeras ${LIMITS.headerScanRows} filas.`;

export const BASE_TABLE: TableSpec<BaseFieldKey> = { score: headerScore, minScore: MIN_HEADER_SCORE, map: mapHeaderRow, noHeaderMessage: NO_HEADER };
