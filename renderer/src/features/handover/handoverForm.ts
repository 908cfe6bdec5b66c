import type { CustomerCard } from '../../../../shared/contracts/customers';
import type { HandoverDocumentInput, HandoverInput } from '../../../../shared/contracts/handovers';
import type { Accessory, Condition, ThirdPartyField } from '../../../../shared/handover';
import type { AppError } from '../../../../shared/result';
import { oneSlipApart, serialKey } from '../../../../shared/values';

/** One item on the form: an expected item of the base, or one the clerk added. */
export interface Line {
  key: string;
  expectedItemId?: string;
  serviceId?: string;
  serviceNumber: string;
  type: string;
  brand: string;
  model: string;
  serial: string;
  checked: boolean;
  condition: Condition;
  accessories: Accessory[];
  note: string;
  unexpected: boolean;
}

export type Notice = { tone: 'ok' | 'warn' | 'error'; text: string } | null;
export type DeliveredBy = 'TITULAR' | 'TERCERO';

export interface ExtraItem {
  type: string;
  brand: string;
  model: string;
  note: string;
  serviceId: string;
}
export interface ThirdParty {
  identification: string;
  name: string;
  documentsReceived: boolean;
}
export interface Holder {
  identification: string;
  name: string;
  serviceNumber: string;
  businessLine: string;
}

export interface HandoverFormState {
  /** The customer's services an added item can belong to. */
  services: Array<{ id: string; serviceNumber: string }>;
  lines: Line[];
  scan: string;
  notice: Notice;
  /** The serial of the item being added by hand (`''` for one without serial); null when that form is closed. */
  pendingSerial: string | null;
  extra: ExtraItem;
  deliveredBy: DeliveredBy;
  third: ThirdParty;
  /** The tercero's documents chosen at the desk (already uploaded, by token); none if the paper is scanned later. */
  thirdDocuments: HandoverDocumentInput[];
  /** The holder of a customer the base does not have. */
  holder: Holder;
  observations: string;
  /** Said beside the items when the clerk asks to save with none ticked. */
  itemsError: string | null;
  /** Every problem with the tercero found when the clerk asked to save, each shown beside its field. */
  thirdErrors: Partial<Record<ThirdPartyField, string>>;
  error: AppError | null;
  confirming: boolean;
  busy: boolean;
}

export type HandoverFormAction =
  | { type: 'scanTyped'; text: string }
  | { type: 'scanTaken' }
  | { type: 'serialMatched'; key: string }
  | { type: 'notice'; notice: Notice }
  | { type: 'unexpectedAsked'; serial: string; notice?: Notice }
  | { type: 'unexpectedClosed' }
  | { type: 'extraChanged'; patch: Partial<ExtraItem> }
  | { type: 'unexpectedAdded' }
  | { type: 'lineChanged'; key: string; patch: Partial<Pick<Line, 'checked' | 'condition' | 'accessories' | 'note'>> }
  | { type: 'deliveredByChosen'; deliveredBy: DeliveredBy }
  | { type: 'thirdChanged'; patch: Partial<ThirdParty> }
  | { type: 'thirdDocumentsChanged'; documents: HandoverDocumentInput[] }
  | { type: 'holderChanged'; patch: Partial<Holder> }
  | { type: 'observationsChanged'; text: string }
  | { type: 'nothingMarked' }
  | { type: 'thirdInvalid'; errors: Partial<Record<ThirdPartyField, string>> }
  | { type: 'confirmOpened' }
  | { type: 'confirmClosed' }
  | { type: 'saveStarted' }
  | { type: 'saveSucceeded' }
  | { type: 'saveFailed'; error: AppError };

export const NOTHING_MARKED = 'Marque al menos un equipo recibido.';

/**
 * The form for a customer of the base (their items not yet returned, none ticked but the one whose
 * serial found the customer) or for one out of the base.
 */
export function initialHandoverForm(customer: CustomerCard | null, preselectSerial?: string | null): HandoverFormState {
  const s = blankHandoverForm(customer);
  const hit = preselectSerial ? lineForSerial(s.lines, preselectSerial) : undefined;
  return hit ? handoverFormReducer(s, { type: 'serialMatched', key: hit.key }) : s;
}

function blankHandoverForm(customer: CustomerCard | null): HandoverFormState {
  const services = customer?.services ?? [];
  return {
    services: services.map((s) => ({ id: s.id, serviceNumber: s.serviceNumber })),
    lines: services.flatMap((s) =>
      s.items
        .filter((i) => !i.returnedIn)
        .map((i) => ({
          key: i.id,
          expectedItemId: i.id,
          serviceId: s.id,
          serviceNumber: s.serviceNumber,
          type: i.type ?? '',
          brand: i.brand ?? '',
          model: i.model ?? '',
          serial: i.serial ?? '',
          checked: false,
          condition: 'BUENO',
          accessories: [],
          note: '',
          unexpected: false,
        })),
    ),
    scan: '',
    notice: null,
    pendingSerial: null,
    extra: { type: '', brand: '', model: '', note: '', serviceId: services[0]?.id ?? '' },
    deliveredBy: 'TITULAR',
    third: { identification: '', name: '', documentsReceived: false },
    thirdDocuments: [],
    holder: { identification: '', name: '', serviceNumber: '', businessLine: '' },
    observations: '',
    itemsError: null,
    thirdErrors: {},
    error: null,
    confirming: false,
    busy: false,
  };
}

/** The line whose serial is the scanned text, compared as serials are (case, spaces and dashes aside). */
export function lineForSerial(lines: Line[], scanned: string): Line | undefined {
  const k = serialKey(scanned);
  return lines.find((l) => l.serial && serialKey(l.serial) === k);
}

/** The one item still to tick whose serial is a typing slip away from the scanned one (none when two are). */
export function nearLine(lines: Line[], scanned: string): Line | undefined {
  const k = serialKey(scanned);
  const near = lines.filter((l) => !l.checked && !l.unexpected && l.serial && oneSlipApart(serialKey(l.serial), k));
  return near.length === 1 ? near[0] : undefined;
}

/** An item the base did not list needs at least its type and a note saying why it came. */
export function isExtraComplete(extra: ExtraItem): boolean {
  return extra.type.trim() !== '' && extra.note.trim() !== '';
}

function addUnexpected(s: HandoverFormState): HandoverFormState {
  const { extra } = s;
  if (!isExtraComplete(extra)) return { ...s, notice: { tone: 'error', text: 'Para un equipo no listado escriba el tipo y una nota.' } };
  const service = s.services.find((x) => x.id === extra.serviceId);
  const line: Line = {
    key: `extra-${s.lines.length}-${s.pendingSerial ?? ''}`,
    serviceId: service?.id,
    serviceNumber: service?.serviceNumber ?? s.holder.serviceNumber,
    type: extra.type.trim().toUpperCase(),
    brand: extra.brand.trim().toUpperCase(),
    model: extra.model.trim().toUpperCase(),
    serial: (s.pendingSerial ?? '').toUpperCase(),
    checked: true,
    condition: 'BUENO',
    accessories: [],
    note: extra.note.trim(),
    unexpected: true,
  };
  return {
    ...s,
    lines: [...s.lines, line],
    pendingSerial: null,
    // The service stays chosen: the next added item is most often of the same one.
    extra: { type: '', brand: '', model: '', note: '', serviceId: extra.serviceId },
    notice: { tone: 'ok', text: 'Equipo no listado agregado.' },
    itemsError: null,
  };
}

export function handoverFormReducer(s: HandoverFormState, a: HandoverFormAction): HandoverFormState {
  switch (a.type) {
    case 'scanTyped':
      return { ...s, scan: a.text };
    case 'scanTaken':
      return { ...s, scan: '' };
    case 'serialMatched': {
      const hit = s.lines.find((l) => l.key === a.key);
      if (!hit) return s;
      if (hit.checked) {
        const what = [hit.type, hit.brand].filter(Boolean).join(' ');
        return { ...s, notice: { tone: 'warn', text: `La serie ${hit.serial} ya estaba marcada (${what}).` } };
      }
      return {
        ...s,
        lines: s.lines.map((l) => (l.key === a.key ? { ...l, checked: true } : l)),
        itemsError: null,
        notice: { tone: 'ok', text: `Marcado: ${hit.type} ${hit.brand} serie ${hit.serial}.` },
      };
    }
    case 'notice':
      return { ...s, notice: a.notice };
    case 'unexpectedAsked':
      return { ...s, pendingSerial: a.serial, notice: a.notice === undefined ? s.notice : a.notice };
    case 'unexpectedClosed':
      // Its question («¿Agregarla como equipo no listado?») goes with the form: left alone it asked about a form no longer there.
      return { ...s, pendingSerial: null, notice: s.pendingSerial ? null : s.notice };
    case 'extraChanged':
      return { ...s, extra: { ...s.extra, ...a.patch } };
    case 'unexpectedAdded':
      return addUnexpected(s);
    case 'lineChanged':
      return { ...s, lines: s.lines.map((l) => (l.key === a.key ? { ...l, ...a.patch } : l)), itemsError: a.patch.checked ? null : s.itemsError };
    case 'deliveredByChosen':
      return { ...s, deliveredBy: a.deliveredBy };
    case 'thirdChanged': {
      // A field being corrected loses its error; the others keep theirs until the next try.
      const thirdErrors = { ...s.thirdErrors };
      for (const k of Object.keys(a.patch) as ThirdPartyField[]) delete thirdErrors[k];
      return { ...s, third: { ...s.third, ...a.patch }, thirdErrors };
    }
    case 'thirdDocumentsChanged':
      return { ...s, thirdDocuments: a.documents };
    case 'thirdInvalid':
      return { ...s, thirdErrors: a.errors };
    case 'holderChanged':
      return { ...s, holder: { ...s.holder, ...a.patch } };
    case 'observationsChanged':
      return { ...s, observations: a.text };
    case 'nothingMarked':
      return { ...s, itemsError: NOTHING_MARKED };
    case 'confirmOpened':
      return { ...s, confirming: true };
    case 'confirmClosed':
      return { ...s, confirming: false };
    case 'saveStarted':
      return { ...s, busy: true };
    case 'saveSucceeded':
      return { ...s, busy: false, confirming: false };
    case 'saveFailed':
      return { ...s, busy: false, confirming: false, error: a.error };
  }
}

export function chosenLines(s: HandoverFormState): Line[] {
  return s.lines.filter((l) => l.checked);
}

/** Something ticked or typed that leaving would throw away. */
/** Whether leaving would lose anything typed or ticked: any field of the tercero or of a holder typed by hand counts, not only the name. */
export function isDirty(s: HandoverFormState): boolean {
  const typed = (o: object) => Object.values(o).some((v) => v !== '' && v !== false);
  return s.lines.some((l) => l.checked) || s.observations !== '' || typed(s.third) || s.thirdDocuments.length > 0 || typed(s.holder);
}

/** What `handovers:save` receives: the ticked items, who delivered them, and the customer (or the holder typed by hand). */
export function handoverInput(s: HandoverFormState, customerId: string | null): HandoverInput {
  return {
    ...(customerId ? { customerId } : { outOfBase: { ...s.holder, businessLine: s.holder.businessLine || undefined } }),
    deliveredBy: s.deliveredBy,
    ...(s.deliveredBy === 'TERCERO' ? { thirdParty: s.third } : {}),
    ...(s.deliveredBy === 'TERCERO' && s.thirdDocuments.length > 0 ? { documents: s.thirdDocuments } : {}),
    observations: s.observations || undefined,
    items: chosenLines(s).map((l) => ({
      expectedItemId: l.expectedItemId,
      serviceId: l.serviceId,
      type: l.type,
      brand: l.brand || undefined,
      model: l.model || undefined,
      serial: l.serial || undefined,
      condition: l.condition,
      accessories: l.accessories,
      note: l.note || undefined,
    })),
  };
}
