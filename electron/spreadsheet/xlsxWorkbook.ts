import type yauzl from 'yauzl';
import { entryBytes } from '../files/zipEntryText';
import type { IsCancelled } from '../platform/cancellation';
import { LIMITS } from './limits';
import { checkPart } from './zipCheck';
import { localName, parseXml, prefixedAttr } from './xlsxXml';

export interface WorkbookSheet {
  /** The name the user sees on the tab. */
  name: string;
  entry: yauzl.Entry;
}

/** What xl/workbook.xml and its relationships say about the workbook. */
export interface WorkbookParts {
  /** Worksheets in the order of the tabs, hidden ones last (chart sheets and missing parts left out). */
  sheets: WorkbookSheet[];
  /** Serial day numbers count from 1904 instead of 1900 (old Mac workbooks). */
  date1904: boolean;
  sharedStrings: yauzl.Entry | null;
  styles: yauzl.Entry | null;
}

/** Finds a part by name; a few producers spell names with other capitals than the relationships. */
export function findEntry(entries: Map<string, yauzl.Entry>, path: string): yauzl.Entry | null {
  const exact = entries.get(path);
  if (exact) return exact;
  const lower = path.toLowerCase();
  for (const [name, entry] of entries) if (name.toLowerCase() === lower) return entry;
  return null;
}

/** A relationship target as a path in the archive: relative to xl/, or absolute from the root. */
function resolveTarget(target: string): string {
  const t = target.replace(/\\/g, '/');
  const parts: string[] = [];
  for (const part of (t.startsWith('/') ? t.slice(1) : `xl/${t}`).split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.' && part !== '') parts.push(part);
  }
  return parts.join('/');
}

export async function readWorkbookParts(zip: yauzl.ZipFile, entries: Map<string, yauzl.Entry>, isCancelled?: IsCancelled): Promise<WorkbookParts> {
  const rels = new Map<string, { type: string; path: string }>();
  const relsEntry = findEntry(entries, 'xl/_rels/workbook.xml.rels');
  if (relsEntry) {
    checkPart(relsEntry, LIMITS.maxSmallPartBytes);
    await parseXml(entryBytes(zip, relsEntry), {
      open(tag) {
        if (localName(tag.name) !== 'Relationship') return;
        const { Id: id, Type: type = '', Target: target, TargetMode: mode } = tag.attributes;
        if (id && target && mode !== 'External') rels.set(id, { type, path: resolveTarget(target) });
      },
    }, isCancelled);
  }

  const listed: Array<{ name: string; rid: string; hidden: boolean }> = [];
  let date1904 = false;
  const book = entries.get('xl/workbook.xml')!;
  checkPart(book, LIMITS.maxSmallPartBytes);
  await parseXml(entryBytes(zip, book), {
    open(tag) {
      const name = localName(tag.name);
      if (name === 'sheet') {
        const rid = prefixedAttr(tag, 'id');
        const state = tag.attributes.state;
        if (tag.attributes.name !== undefined && rid) listed.push({ name: tag.attributes.name, rid, hidden: state === 'hidden' || state === 'veryHidden' });
      } else if (name === 'workbookPr') {
        const v = tag.attributes.date1904;
        date1904 = v === '1' || v === 'true';
      }
    },
  }, isCancelled);

  const sheets: WorkbookSheet[] = [];
  // Hidden sheets come after the visible ones: an old copy or a lookup table kept out of sight
  // must not be taken for the base when a visible sheet holds it.
  for (const { name, rid } of [...listed.filter((s) => !s.hidden), ...listed.filter((s) => s.hidden)]) {
    const rel = rels.get(rid);
    if (!rel || (rel.type !== '' && !rel.type.endsWith('/worksheet'))) continue;
    const entry = findEntry(entries, rel.path);
    if (entry) sheets.push({ name, entry });
  }
  if (sheets.length === 0) {
    // No usable workbook listing: take the worksheet parts in their numeric order.
    const found = [...entries.keys()]
      .map((path) => ({ path, m: path.match(/^xl\/worksheets\/sheet(\d+)\.xml$/i) }))
      .filter((x) => x.m)
      .sort((a, b) => Number(a.m![1]) - Number(b.m![1]));
    for (const { path, m } of found) sheets.push({ name: `Hoja ${m![1]}`, entry: entries.get(path)! });
  }

  const byType = (suffix: string, fallback: string) => {
    for (const rel of rels.values()) if (rel.type.endsWith(suffix)) return findEntry(entries, rel.path);
    return findEntry(entries, fallback);
  };
  return {
    sheets,
    date1904,
    sharedStrings: byType('/sharedStrings', 'xl/sharedStrings.xml'),
    styles: byType('/styles', 'xl/styles.xml'),
  };
}
