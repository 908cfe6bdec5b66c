import { useEffect, useReducer, useRef } from 'react';
import type { CustomerCard } from '../../../../shared/contracts/customers';
import { handoversSave, handoversSerialOwner } from '../../../../shared/contracts/handovers';
import { thirdPartyErrors } from '../../../../shared/handover';
import { invoke } from '../../api/client';
import { chosenLines, handoverFormReducer, handoverInput, initialHandoverForm, isDirty, isExtraComplete, lineForSerial, nearLine } from './handoverForm';
import { useAttend } from './store';

/**
 * The Registrar entrega form: its state in a reducer, plus what needs the outside world (the
 * serial's owner, saving, focus). Tells the attend store whether leaving would lose anything.
 */
export function useHandoverForm(customer: CustomerCard | null) {
  const preselectSerial = useAttend((s) => s.preselectSerial);
  const [state, dispatch] = useReducer(handoverFormReducer, null, () => initialHandoverForm(customer, preselectSerial));
  const showActa = useAttend((s) => s.showActa);
  const setDirty = useAttend((s) => s.setDirty);
  const scanRef = useRef<HTMLInputElement>(null);
  const itemsRef = useRef<HTMLTableElement>(null);
  const thirdIdRef = useRef<HTMLInputElement>(null);
  const thirdNameRef = useRef<HTMLInputElement>(null);
  const thirdDocsRef = useRef<HTMLInputElement>(null);
  const dirty = isDirty(state);
  useEffect(() => setDirty(dirty), [dirty, setDirty]);

  const focusScan = () => scanRef.current?.focus();
  // The serial last answered with «se parece a…»: scanned again, it is taken as the other item it is.
  const nearAsked = useRef<string | null>(null);

  /** A scanned (or typed) serial: tick its item, or say whose it is, or offer to add it as not listed. */
  async function scanSerial() {
    const value = state.scan.trim();
    if (!value) return;
    dispatch({ type: 'scanTaken' });
    const hit = lineForSerial(state.lines, value);
    if (hit) return dispatch({ type: 'serialMatched', key: hit.key });
    const r = await invoke(handoversSerialOwner, { serial: value });
    const mine = r.ok ? r.value.owners.find((o) => o.customerId === customer?.id && o.returned) : undefined;
    if (mine) {
      return dispatch({
        type: 'notice',
        notice: { tone: 'warn', text: `La serie ${value} ya se recibió en un acta anterior de este cliente (servicio ${mine.serviceNumber}).` },
      });
    }
    const other = r.ok ? r.value.owners.find((o) => o.customerId !== customer?.id) : undefined;
    if (other) {
      return dispatch({
        type: 'notice',
        notice: {
          tone: 'error',
          text: `La serie ${value} pertenece a otro cliente: ${other.name ?? ''} (${other.identification ?? 'sin identificación'}), servicio ${other.serviceNumber}${other.returned ? ', que ya la entregó en un acta' : ''}. No se marcó.`,
        },
      });
    }
    // A typed serial one slip away from an item still to tick is most likely that item: the clerk
    // checks the label before an unlisted item is recorded and the listed one left owed.
    const near = nearLine(state.lines, value);
    if (near && nearAsked.current !== value) {
      nearAsked.current = value;
      const what = [near.type, near.brand, near.model].filter(Boolean).join(' ');
      return dispatch({
        type: 'notice',
        notice: {
          tone: 'warn',
          text: `La serie ${value} no está en la base de este cliente, pero se parece a ${near.serial}${what ? ` (${what})` : ''}, que falta marcar. Revise la etiqueta: si es ese equipo, márquelo en la lista; si es otro, ingrese ${value} otra vez para agregarlo como no listado.`,
        },
      });
    }
    nearAsked.current = null;
    dispatch({ type: 'unexpectedAsked', serial: value, notice: { tone: 'warn', text: `La serie ${value} no está en la base de este cliente. ¿Agregarla como equipo no listado?` } });
  }

  function addUnexpected() {
    dispatch({ type: 'unexpectedAdded' });
    if (isExtraComplete(state.extra)) focusScan();
  }

  /** Ctrl+Enter or the save button: the confirmation opens only when the form can be saved; otherwise the first problem gets the focus. */
  function requestConfirm() {
    const nothing = chosenLines(state).length === 0;
    const third = state.deliveredBy === 'TERCERO' ? thirdPartyErrors(state.third) : {};
    dispatch({ type: 'thirdInvalid', errors: third });
    if (nothing) {
      dispatch({ type: 'nothingMarked' });
      (itemsRef.current?.querySelector<HTMLInputElement>('input[type="checkbox"]') ?? scanRef.current)?.focus();
      return;
    }
    const first = third.identification ? thirdIdRef : third.name ? thirdNameRef : third.documentsReceived ? thirdDocsRef : null;
    if (first) return first.current?.focus();
    dispatch({ type: 'confirmOpened' });
  }

  async function save() {
    dispatch({ type: 'saveStarted' });
    const r = await invoke(handoversSave, handoverInput(state, customer?.id ?? null));
    if (!r.ok) {
      dispatch({ type: 'saveFailed', error: r.error });
      focusScan();
      return;
    }
    dispatch({ type: 'saveSucceeded' });
    showActa(r.value.id);
  }

  return { state, dispatch, chosen: chosenLines(state), scanRef, itemsRef, thirdIdRef, thirdNameRef, thirdDocsRef, focusScan, scanSerial, addUnexpected, requestConfirm, save };
}

export type HandoverForm = ReturnType<typeof useHandoverForm>;
