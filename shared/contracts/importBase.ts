import { z } from 'zod';
import { BASE_FIELD_KEYS, type BaseFieldKey } from '../baseFields';
import { contract } from './contract';
import { PickedFile } from './fileRef';

export const FieldKey = z.enum(BASE_FIELD_KEYS as [BaseFieldKey, ...BaseFieldKey[]]);

export const RowIssueSchema = z.object({ row: z.number().int(), column: z.string(), message: z.string() });

export const ColumnInfo = z.object({
  index: z.number().int(),
  header: z.string(),
  /** The field the column was read as: a base field, or a column of a list of earlier returns. */
  field: z.string().nullable(),
  samples: z.array(z.string()),
});
export type ColumnInfo = z.infer<typeof ColumnInfo>;

export const ImportMode = z.enum(['inspect', 'preview', 'commit']);
export type ImportMode = z.infer<typeof ImportMode>;

export const ImportSummary = z.object({
  mode: ImportMode,
  fileName: z.string(),
  sha256: z.string(),
  sheet: z.string(),
  headerRow: z.number().int(),
  skippedSheets: z.array(z.string()),
  columns: z.array(ColumnInfo),
  rows: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  duplicates: z.number().int(),
  rejected: z.number().int(),
  warnings: z.number().int(),
  /** Rejected rows: row number as the spreadsheet shows it, column and reason. */
  errors: z.array(RowIssueSchema),
  /** First warnings (the report holds them all). */
  warningList: z.array(RowIssueSchema),
  changeCount: z.number().int(),
  changes: z.array(z.object({ row: z.number().int(), serviceNumber: z.string(), field: z.string(), before: z.string(), after: z.string() })),
  /** Report workbook with the rejected rows (fixable and re-importable), warnings and changes. */
  reportPath: z.string().nullable(),
  importId: z.string().nullable(),
  seconds: z.number(),
});
export type ImportSummary = z.infer<typeof ImportSummary>;

export const importStart = contract(
  'import:start',
  z.object({
    /** The workbook or CSV the person chose, by token (contracts/fileRef.ts). */
    file: PickedFile,
    mode: ImportMode,
    /** BASE: the Posventa base; ENTREGAS: an office's list of returns recorded before Recupera. */
    kind: z.enum(['BASE', 'ENTREGAS']).default('BASE'),
    /** Full column → field mapping chosen by the user; absent means the detected one. */
    mapping: z.array(FieldKey.nullable()).optional(),
  }),
  z.object({ jobId: z.string() }),
);
