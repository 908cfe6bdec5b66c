/** Rows of the file shown in a preview, before anything is written. */
export const SAMPLE_ROWS = 8;
/** Rejected rows and warnings listed in a summary; the report workbook holds them all. */
export const MAX_LISTED = 500;
