import { describe, expect, it } from 'vitest';
import { attentionScript, chargeScenario, firstName, scriptCase } from '../../shared/attentionScript';
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

  const juan = { identification: '0102030400', name: 'PÉREZ LÓPEZ JUAN CARLOS', serviceNumber: '12345', businessLine: 'Internet Fijo', cancelDate: '2020-05-10' };
  const flags = { chargesLoaded: false, paid: false, claim: false };
  const before = new Date(2021, 2, 20, 10);

  it('fills the pending script from the campaign settings, with the subject for this customer', () => {
    const s = attentionScript({ ...juan, ...flags, status: 'PENDIENTE' }, { ...DEFAULT_CAMPAIGN, schedulingUrl: 'https://turnos.example/' }, before);
    expect(s.subject).toBe('0102030400//PÉREZ LÓPEZ JUAN CARLOS//INTERNET FIJO');
    expect(s.text).toContain('Sr(a). Juan');
    expect(s.text).toContain('retirado el 10/05/2020');
    expect(s.text).toContain('https://turnos.example/');
    expect(s.text).toContain('miércoles 31 de marzo de 2021');
    expect(s.returned).toContain('posventagec2@cnt.gob.ec con el asunto 0102030400//PÉREZ LÓPEZ JUAN CARLOS//INTERNET FIJO');
    expect(`${s.text} ${s.returned}`).not.toMatch(/\{\w+\}/);
  });

  it('keeps script #1 (not returned) and script #2 (says it was returned) apart', () => {
    const s = attentionScript({ ...juan, ...flags, status: 'PENDIENTE' }, DEFAULT_CAMPAIGN, before);
    expect(s.text).toContain('Agende su turno en https://flujodecolas.cnt.gob.ec/web/');
    expect(s.text).not.toContain('posventagec2@cnt.gob.ec');
    expect(s.returned).toMatch(/^Si ya entregó los equipos: en el CAC presente el acta/);
    expect(s.returned).not.toContain('Agende su turno');
  });

  it('says what fits each charge scenario', () => {
    const at = (f: Partial<typeof flags>) => attentionScript({ ...juan, ...flags, ...f, status: 'PENDIENTE' }, DEFAULT_CAMPAIGN, before);
    expect(chargeScenario({ chargesLoaded: false, paid: true, claim: true })).toBe('notCharged');
    const notCharged = at({});
    expect(notCharged).toMatchObject({ scenario: 'notCharged', text: expect.stringContaining('hasta el miércoles 31 de marzo de 2021 para evitar que se carguen valores') });
    const charged = at({ chargesLoaded: true });
    expect(charged.scenario).toBe('charged');
    expect(charged.text).toContain('se cargaron valores a su factura');
    expect(charged.text).not.toContain('31 de marzo');
    const paid = at({ chargesLoaded: true, paid: true });
    expect(paid.scenario).toBe('paid');
    expect(paid.text).toContain('constan pagados');
    const claim = at({ chargesLoaded: true, claim: true });
    expect(claim.scenario).toBe('claim');
    expect(claim.text).toContain('consta un reclamo');
    expect(claim.text).toContain('necesita presentar el acta de entrega-recepción');
    // A claim on a paid charge still needs the acta.
    expect(at({ chargesLoaded: true, paid: true, claim: true }).scenario).toBe('claim');
    const texts = [notCharged, charged, paid, claim].map((s) => s.text);
    expect(new Set(texts).size).toBe(4);
    for (const s of [notCharged, charged, paid, claim]) expect(s.returned).toContain('posventagec2@cnt.gob.ec');
  });

  it('never reads a past deadline to the customer: a neutral wording until it is changed', () => {
    const after = new Date(2026, 5, 1, 9);
    const s = attentionScript({ ...juan, ...flags, status: 'PENDIENTE' }, DEFAULT_CAMPAIGN, after);
    expect(s.text).not.toContain('2021');
    expect(s.text).toContain('entréguelos en un CAC lo antes posible para evitar');
    // On the deadline itself the date still holds.
    expect(attentionScript({ ...juan, ...flags, status: 'PENDIENTE' }, DEFAULT_CAMPAIGN, new Date(2021, 2, 31, 23)).text).toContain('hasta el miércoles 31 de marzo de 2021');
    expect(attentionScript({ ...juan, ...flags, status: 'PENDIENTE' }, { ...DEFAULT_CAMPAIGN, deadline: '2026-06-30' }, after).text).toContain('hasta el martes 30 de junio de 2026');
  });

  it('names the CNT web page from the settings', () => {
    const s = attentionScript({ ...juan, ...flags, status: 'PENDIENTE' }, { ...DEFAULT_CAMPAIGN, websiteUrl: 'www.cnt.gob.ec' }, before);
    expect(s.returned).toContain('www.cnt.gob.ec');
  });

  it('tells a rejected backup why, and a delivered customer that nothing is owed', () => {
    const base = { identification: '1', name: 'VERA ROSA ANA', serviceNumber: '9', businessLine: null, cancelDate: null, ...flags };
    expect(attentionScript({ ...base, status: 'RESPALDO_RECHAZADO', statusReason: 'acta ilegible' }, DEFAULT_CAMPAIGN).text).toMatch(/^El respaldo anterior fue rechazado: acta ilegible\./);
    // A reason the reviewer ended with a period is read with one, not two.
    expect(attentionScript({ ...base, status: 'RESPALDO_RECHAZADO', statusReason: 'El acta no tiene firma. ' }, DEFAULT_CAMPAIGN).text).toMatch(/^El respaldo anterior fue rechazado: El acta no tiene firma\. \S/);
    expect(attentionScript({ ...base, status: 'ENTREGADO' }, DEFAULT_CAMPAIGN)).toMatchObject({ case: 'done', scenario: null, returned: null, text: expect.stringContaining('ya constan como entregados') });
  });
});
