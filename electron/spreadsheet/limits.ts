import { MAX_CHOSEN_FILE_BYTES } from '../../shared/fieldLimits';

const MiB = 1024 * 1024;

/**
 * Bounds on any spreadsheet Recupera reads, checked before and while parsing. They are set well
 * above what a real CNT base needs (1,048,576 rows, Excel's own ceiling per sheet, of 17 columns:
 * a 640 MiB sheet part at 7× compression and 2.8 million shared strings in 80 MiB) and well
 * below what would take minutes or gigabytes to read. docs/ARCHITECTURE.md (Hostile input) lists
 * them with their reasons.
 */
export const LIMITS = {
  maxFileBytes: MAX_CHOSEN_FILE_BYTES,
  /** Declared inflated size of all the parts together (the zip's central directory). */
  maxUncompressedBytes: 3 * 1024 * MiB,
  maxZipEntries: 20_000,
  maxDataRows: 2_000_000,
  maxColumns: 300,
  /** Rows scanned at the top of each sheet for the header. */
  headerScanRows: 40,
  /**
   * `<row>` elements read in the whole workbook, empty or not: an empty row costs parsing but
   * never reaches the row limit above, which counts data rows.
   */
  maxRowElements: 3_000_000,
  /**
   * Bytes of sheet XML outside `<row>` elements (column widths, merged cells, hyperlinks, formats),
   * and of comments inside rows, in the whole workbook. A real base has a few megabytes of them
   * (a hyperlink per row of a million rows is 40 MB); a hostile part can hold gigabytes.
   */
  maxOtherXmlBytes: 256 * MiB,
  /** Entries in xl/sharedStrings.xml, and the UTF-8 bytes of their text. */
  maxSharedStrings: 8_000_000,
  maxSharedStringBytes: 512 * MiB,
  /** Declared inflated size of xl/sharedStrings.xml. */
  maxSharedStringsPartBytes: 1024 * MiB,
  /** Declared inflated size of xl/workbook.xml, its relationships and xl/styles.xml each. */
  maxSmallPartBytes: 64 * MiB,
  /**
   * Inflated size over compressed size of any part larger than `ratioFloorBytes`: real parts
   * compress 3× to 10×, a zip bomb several hundred times.
   */
  maxCompressionRatio: 200,
  ratioFloorBytes: 16 * MiB,
  /**
   * Characters the XML parser may hold for one token (a cell's text, a tag or attribute name, a
   * comment) and XML elements open at once. Excel itself keeps a cell to 32,767 characters and
   * nests its parts a few levels deep.
   */
  maxTokenChars: 1024 * 1024,
  maxDepth: 64,
};
