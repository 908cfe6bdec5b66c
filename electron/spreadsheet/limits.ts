/** Bounds on any spreadsheet Recupera reads, checked before and while parsing. */
export const LIMITS = {
  maxFileBytes: 300 * 1024 * 1024,
  maxUncompressedBytes: 3 * 1024 * 1024 * 1024,
  maxZipEntries: 20_000,
  maxDataRows: 2_000_000,
  maxColumns: 300,
  /** Rows scanned at the top of each sheet for the header. */
  headerScanRows: 40,
};
