import { describe, expect, it } from 'vitest';
import { HandoverInput } from '../../shared/contracts/handovers';
import {
  chosenLines,
  handoverFormReducer as reduce,
  handoverInput,
  initialHandoverForm,
  isDirty,
  lineForSerial,
  type HandoverFormAction,
  type HandoverFormState,
} from '../../renderer/src/features/handover/handoverForm';
import { customerCard } from './fixtures';

const run = (s: HandoverFormState, ...actions: HandoverFormAction[]) => actions.reduce(reduce, s);

describe('handover form reducer', () => {
  it('starts with the items not yet returned, none ticked, delivered by the holder', () => {
    const card = customerCard();
    card.services[0]!.items[1]!.returnedIn = 'UIO-INAQUITO-01-2025-000007';
    const s = initialHandoverForm(card);
    expect(s.lines.map((l) => [l.key, l.serviceNumber, l.checked])).toEqual([
      ['i1', '1001', false],
      ['i3', '2002', false],
    ]);
    expect(s.deliveredBy).toBe('TITULAR');
    expect(s.extra.serviceId).toBe('s1');
    expect(isDirty(s)).toBe(false);
  });

  it('finds the line of a scanned serial whatever its case and dashes, and ticks it with a notice', () => {
    const s = initialHandoverForm(customerCard());
    const hit = lineForSerial(s.lines, ' hw0001 ');
    expect(hit?.key).toBe('i1');
    expect(lineForSerial(s.lines, 'XX-9')).toBeUndefined();
    const next = reduce(s, { type: 'serialMatched', key: 'i1' });
    expect(chosenLines(next).map((l) => l.key)).toEqual(['i1']);
    expect(next.notice).toEqual({ tone: 'ok', text: 'Marcado: MODEM HUAWEI serie HW-0001.' });
    expect(isDirty(next)).toBe(true);
  });

  it('counts as unsaved anything typed about who delivers: the tercero’s ID alone, or a holder typed by hand', () => {
    const s = initialHandoverForm(customerCard());
    expect(isDirty(reduce(s, { type: 'thirdChanged', patch: { identification: '1712345675' } }))).toBe(true);
    expect(isDirty(reduce(s, { type: 'thirdChanged', patch: { documentsReceived: true } }))).toBe(true);
    expect(isDirty(initialHandoverForm(null))).toBe(false);
    expect(isDirty(reduce(initialHandoverForm(null), { type: 'holderChanged', patch: { serviceNumber: '2002' } }))).toBe(true);
  });

  it('refuses an unexpected item without type or note, and keeps the form open', () => {
    const s = run(initialHandoverForm(customerCard()), { type: 'unexpectedAsked', serial: 'RT-777' }, { type: 'extraChanged', patch: { type: 'Router' } }, { type: 'unexpectedAdded' });
    expect(s.lines).toHaveLength(3);
    expect(s.pendingSerial).toBe('RT-777');
    expect(s.notice).toEqual({ tone: 'error', text: 'Para un equipo no listado escriba el tipo y una nota.' });
  });

  it('adds an unexpected item ticked, upper-cased, on the chosen service, and keeps that service for the next one', () => {
    const s = run(
      initialHandoverForm(customerCard()),
      { type: 'unexpectedAsked', serial: 'rt-777' },
      { type: 'extraChanged', patch: { type: ' Router ', brand: 'tp-link', note: ' Entregado junto al módem ', serviceId: 's2' } },
      { type: 'unexpectedAdded' },
    );
    const added = s.lines[3]!;
    expect(added).toMatchObject({ type: 'ROUTER', brand: 'TP-LINK', serial: 'RT-777', note: 'Entregado junto al módem', serviceId: 's2', serviceNumber: '2002', checked: true, unexpected: true });
    expect(s.pendingSerial).toBeNull();
    expect(s.extra).toEqual({ type: '', brand: '', model: '', note: '', serviceId: 's2' });
    expect(s.notice?.tone).toBe('ok');
  });

  it('builds the save input from the ticked items, the third party only when a third party delivers', () => {
    const base = run(
      initialHandoverForm(customerCard()),
      { type: 'lineChanged', key: 'i3', patch: { checked: true, condition: 'DANADO', accessories: ['CONTROL_REMOTO'], note: 'Sin tapa' } },
      { type: 'thirdChanged', patch: { identification: '0102030400', name: 'ANA ANDRADE', documentsReceived: true } },
      { type: 'observationsChanged', text: 'Caja rota' },
    );
    const byHolder = handoverInput(base, 'c1');
    expect(byHolder).toEqual({
      customerId: 'c1',
      deliveredBy: 'TITULAR',
      observations: 'Caja rota',
      items: [
        { expectedItemId: 'i3', serviceId: 's2', type: 'DECODIFICADOR', brand: 'KAON', model: 'KSF-SA800', serial: 'KA-0001', condition: 'DANADO', accessories: ['CONTROL_REMOTO'], note: 'Sin tapa' },
      ],
    });
    const byThird = handoverInput(reduce(base, { type: 'deliveredByChosen', deliveredBy: 'TERCERO' }), 'c1');
    expect(byThird.thirdParty).toEqual({ identification: '0102030400', name: 'ANA ANDRADE', documentsReceived: true });
    expect(HandoverInput.safeParse(byThird).success).toBe(true);
  });

  it('sends the holder typed by hand for a customer out of the base', () => {
    const s = run(
      initialHandoverForm(null),
      { type: 'holderChanged', patch: { identification: '0912345678', name: 'MORA RUIZ LUIS', serviceNumber: '555' } },
      { type: 'unexpectedAsked', serial: '' },
      { type: 'extraChanged', patch: { type: 'Modem', note: 'Sin serie visible' } },
      { type: 'unexpectedAdded' },
    );
    expect(s.lines[0]).toMatchObject({ serviceNumber: '555', serial: '', serviceId: undefined });
    const input = handoverInput(s, null);
    expect(input.customerId).toBeUndefined();
    expect(input.outOfBase).toEqual({ identification: '0912345678', name: 'MORA RUIZ LUIS', serviceNumber: '555', businessLine: undefined });
    expect(HandoverInput.safeParse(input).success).toBe(true);
  });

  it('closes the confirmation and keeps the error when saving fails', () => {
    const error = { kind: 'validation' as const, message: 'Revise los datos.', fields: { 'thirdParty.identification': 'Escriba la identificación de quien entrega.' } };
    const s = run(initialHandoverForm(customerCard()), { type: 'confirmOpened' }, { type: 'saveStarted' });
    expect(s).toMatchObject({ confirming: true, busy: true });
    expect(reduce(s, { type: 'saveFailed', error })).toMatchObject({ confirming: false, busy: false, error });
  });
});
