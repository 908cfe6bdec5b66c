import { describe, expect, it } from 'vitest';
import { attentionScript, firstName, scriptCase } from '../../shared/attentionScript';
import { DEFAULT_CAMPAIGN } from '../../shared/campaign';
import { SERVICE_STATUSES } from '../../shared/status';

describe('attention script', () => {
  it('takes the first given name after two surnames, compound ones included', () => {
    expect(firstName('PEREZ LOPEZ JUAN CARLOS')).toBe('Juan');
    expect(firstName('DE LA TORRE ANDRADE MARÍA JOSÉ')).toBe('María');
    expect(firstName('PÉREZ DEL POZO ROBERTO')).toBe('Roberto');
    expect(firstName('SAN MARTIN DE LOS REYES ANA')).toBe('Ana');
    expect(firstName('CEVALLOS ANA')).toBe('Ana');
  });

  it('chooses the case by status', () => {
    const cases = Object.fromEntries(SERVICE_STATUSES.map((s) => [s, scriptCase(s)]));
    expect(cases).toEqual({
      PENDIENTE: 'pending',
      ENTREGA_PARCIAL: 'pending',
      RESPALDO_RECHAZADO: 'pending',
      RESPALDO_EN_REVISION: 'review',
      ENTREGADO: 'done',
      REGULARIZADO: 'done',
    });
  });

  it('fills the pending script from the campaign settings, with the subject for this customer', () => {
    const s = attentionScript(
      { identification: '0102030400', name: 'PÉREZ LÓPEZ JUAN CARLOS', serviceNumber: '12345', businessLine: 'Internet Fijo', cancelDate: '2020-05-10', status: 'PENDIENTE' },
      { ...DEFAULT_CAMPAIGN, schedulingUrl: 'https://turnos.example/' },
    );
    expect(s.subject).toBe('0102030400//PÉREZ LÓPEZ JUAN CARLOS//INTERNET FIJO');
    expect(s.text).toContain('Sr(a). Juan');
    expect(s.text).toContain('retirado el 10/05/2020');
    expect(s.text).toContain('https://turnos.example/');
    expect(s.text).toContain('miércoles 31 de marzo de 2021');
    expect(s.text).toContain('posventagec2@cnt.gob.ec con el asunto 0102030400//PÉREZ LÓPEZ JUAN CARLOS//INTERNET FIJO');
    expect(s.text).not.toMatch(/\{\w+\}/);
  });

  it('tells a rejected backup why, and a delivered customer that nothing is owed', () => {
    const base = { identification: '1', name: 'VERA ROSA ANA', serviceNumber: '9', businessLine: null, cancelDate: null };
    expect(attentionScript({ ...base, status: 'RESPALDO_RECHAZADO', statusReason: 'acta ilegible' }, DEFAULT_CAMPAIGN).text).toMatch(/^El respaldo anterior fue rechazado: acta ilegible\./);
    expect(attentionScript({ ...base, status: 'ENTREGADO' }, DEFAULT_CAMPAIGN)).toMatchObject({ case: 'done', text: expect.stringContaining('ya constan como entregados') });
  });
});
