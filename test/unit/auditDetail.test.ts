import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditDetailText, isNamedAuditField } from '../../shared/auditDetail';
import { formatDateTime } from '../../shared/dates';

describe('an audit entry detail as the export shows it', () => {
  it('names nested counts, lists and the documents of an acta in Spanish', () => {
    const detail = {
      station: 'GYE-CENTRO-01',
      inserted: { handovers: 3, items: 4, backups: 0, voids: 0 },
      documents: [{ kind: 'ACTA_FIRMADA', name: 'acta.pdf' }],
      withoutKey: [],
      stationVerified: false,
    };
    expect(auditDetailText(JSON.stringify(detail))).toBe(
      'estación: GYE-CENTRO-01; nuevos: (actas: 3, equipos: 4, respaldos: 0, anulaciones: 0); documentos: (tipo: ACTA_FIRMADA, nombre: acta.pdf); sin clave: ninguno; estación verificada: no',
    );
  });

  it('shows cents as dollars, a price list by equipment type too, and instants on this PC’s clock', () => {
    const at = '2026-03-02T15:04:00.000Z';
    expect(auditDetailText(JSON.stringify({ beforeCents: { ONT: 4500 }, afterCents: { ONT: 5000, ROUTER: 1999 }, to: at }))).toBe(
      `precios antes: (ONT: $45,00); precios después: (ONT: $50,00, ROUTER: $19,99); hasta: ${formatDateTime(at)}`,
    );
    // A count is a count, whatever its size; among a depuración's counts, «delivered» counts services.
    expect(auditDetailText('{"rows":1699598}')).toBe('filas: 1.699.598');
    expect(auditDetailText('{"counts":{"partial":2,"delivered":5},"delivered":"/respaldo","partial":true}')).toBe(
      'cantidades: (parciales: 2, entregados: 5); entregado en: /respaldo; parcial: sí',
    );
  });

  it('shows what is not a JSON object as it was stored', () => {
    expect(auditDetailText(null)).toBe('');
    expect(auditDetailText('no es JSON')).toBe('no es JSON');
    expect(auditDetailText('[1,2]')).toBe('1, 2');
  });
});

const ROOT = join(__dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** The field names of every `detail: { … }` object written in the code (spread counts are listed in the labels by hand). */
function detailFieldsInCode(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of sources(join(ROOT, 'electron'))) {
    const code = readFileSync(file, 'utf8');
    for (const m of code.matchAll(/\bdetail(?:\s*:\s*(?:Record<[^>]*>\s*=)?|\s*=)\s*(?:[\w.?]+\s*\?\s*)?\{/g)) {
      let depth = 0;
      let end = m.index + m[0].length - 1;
      for (; end < code.length; end++) {
        if (code[end] === '{') depth++;
        else if (code[end] === '}' && --depth === 0) break;
      }
      for (const k of code.slice(m.index, end + 1).matchAll(/[{,]\s*([A-Za-z_]\w*)\s*(?=[:,}])/g)) found.set(k[1]!, relative(ROOT, file));
    }
  }
  return found;
}

describe('the labels of audit details', () => {
  it('name every field the code writes in a detail, so no English field name reaches the export', () => {
    const fields = detailFieldsInCode();
    // The scan finds the fields it should (a broken pattern would find none and pass).
    expect(fields.get('rejectedRows')).toBe(join('electron', 'import', 'importAudit.ts'));
    expect(fields.size).toBeGreaterThan(60);
    const unnamed = [...fields].filter(([k]) => !isNamedAuditField(k)).map(([k, file]) => `${k} (${file})`);
    expect(unnamed).toEqual([]);
  });
});
