import { describe, expect, it } from 'vitest';
import { HIDDEN, errorFields, redactFields, scrubText } from '../../electron/platform/redact';

describe('log redaction', () => {
  it('takes people out of free text: names, cédulas, phones, e-mails', () => {
    const s = scrubText('No se pudo guardar a GUERRERO ANDRADE JESSICA DIANA (1738485190), tel. 0907478362, correo jessica.guerrero@mail.com; también Juan de la Torre, +593 99 123 4567');
    expect(s).not.toMatch(/GUERRERO|JESSICA|1738485190|0907478362|jessica|Juan|Torre|123 4567/);
    expect(s).toContain('[nombre]');
    expect(s).toContain('[número]');
    expect(s).toContain('[correo]');
  });

  it('keeps what tells the cause: error codes, ids and acta numbers, file names', () => {
    const s = scrubText('SQLITE_CONSTRAINT: UNIQUE constraint failed: handovers.number UIO-INAQUITO-01-2026-000123 id 0193a1b2-1234-7abc-8def-0123456789ab in DEP-2026-0001_base_depurada.xlsx');
    expect(s).toContain('SQLITE_CONSTRAINT');
    expect(s).toContain('UIO-INAQUITO-01-2026-000123');
    expect(s).toContain('0193a1b2-1234-7abc-8def-0123456789ab');
    expect(s).toContain('DEP-2026-0001_base_depurada.xlsx');
  });

  it('hides fields that name a person, at any depth, and keeps ids and counts', () => {
    const out = redactFields({
      handoverId: '0193a1b2-1234-7abc-8def-0123456789ab',
      rows: 1200,
      customer: { name: 'VERA MACÍAS ROSA', identification: '0912345675', phone: '0987654321', address: 'Av. Amazonas', email: 'rosa@x.ec' },
      holderName: 'ROSA VERA',
      items: [{ serial: 'ZTEG00A1', fullName: 'ROSA VERA' }],
    });
    expect(out.handoverId).toBe('0193a1b2-1234-7abc-8def-0123456789ab');
    expect(out.rows).toBe(1200);
    expect(out.customer).toBe(HIDDEN);
    expect(out.holderName).toBe(HIDDEN);
    expect(out.items).toEqual([{ serial: 'ZTEG00A1', fullName: HIDDEN }]);
    expect(JSON.stringify(out)).not.toMatch(/ROSA|0912345675|0987654321|Amazonas/);
  });

  it('keeps the type, code, stack and causes of an error, with the messages scrubbed', () => {
    const cause = Object.assign(new Error('disk full writing ROSA VERA MACIAS'), { code: 'ENOSPC', syscall: 'write' });
    const e = new Error('Export failed for 0912345675', { cause });
    const f = errorFields(e);
    expect(f).toMatchObject({ type: 'Error', message: 'Export failed for [número]', cause: { code: 'ENOSPC', syscall: 'write', message: 'disk full writing [nombre]' } });
    expect(String(f.stack)).toContain('redact.test.ts');
    expect(JSON.stringify(f)).not.toMatch(/0912345675|ROSA/);
  });
});
