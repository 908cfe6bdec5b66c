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

  it('says the codes it keeps in words, as the screens do: a conflict, its decision, a review, a profile, who handed over', () => {
    expect(auditDetailText(JSON.stringify({ kind: 'SERIE_DUPLICADA', decision: 'UNA_ACTA', motivo: 'Error de digitación en la central.' }))).toBe(
      'tipo: Serie devuelta en dos actas; decisión: La serie pertenece a una sola acta; motivo: Error de digitación en la central.',
    );
    expect(auditDetailText('{"decision":"RECHAZAR"}')).toBe('decisión: rechazar');
    expect(auditDetailText('{"kind":"COMPLETA","encrypted":true}')).toBe('tipo: completa; cifrado: sí');
    expect(auditDetailText('{"kind":"MIGRACION"}')).toBe('tipo: Antes de actualizar Recupera');
    expect(auditDetailText('{"role":"ADMIN"}')).toBe('perfil: Administrador');
    expect(auditDetailText('{"role":"OFICINA"}')).toBe('perfil: oficina');
    expect(auditDetailText('{"deliveredBy":"TITULAR","items":1}')).toBe('entregó: el titular; equipos: 1');
    // A code it does not know, or a field whose codes are data, stays as stored.
    expect(auditDetailText('{"kind":"ACTA_FIRMADA","motivo":"RECHAZAR"}')).toBe('tipo: ACTA_FIRMADA; motivo: RECHAZAR');
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
