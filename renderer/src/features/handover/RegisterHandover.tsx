import { useEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { handoversSave, handoversSerialOwner, type HandoverInput } from '../../../shared/contracts/handovers';
import { ACCESSORIES, accessoryLabel, CONDITIONS, conditionLabel, type Accessory, type Condition } from '../../../shared/handover';
import type { AppError } from '../../../shared/result';
import { serialKey } from '../../../shared/values';
import { invoke } from '../api/client';
import { ErrorBox, Field, Kbd } from '../components/common';
import { useApp } from '../store/app';
import { useAttend } from '../store/handover';

interface Line {
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

type Notice = { tone: 'ok' | 'warn' | 'error'; text: string } | null;

/** Registrar entrega: tick what came back (a scanned serial ticks its item), who delivered, save. */
export function RegisterHandover() {
  const { customer, outOfBase, showActa, leave, setDirty } = useAttend();
  const focusSearch = useApp((s) => s.focusSearch);
  const initial = useMemo<Line[]>(
    () =>
      (customer?.services ?? []).flatMap((s) =>
        s.items.filter((i) => !i.returnedIn).map((i) => ({
          key: i.id,
          expectedItemId: i.id,
          serviceId: s.id,
          serviceNumber: s.serviceNumber,
          type: i.type ?? '',
          brand: i.brand ?? '',
          model: i.model ?? '',
          serial: i.serial ?? '',
          checked: false,
          condition: 'BUENO' as Condition,
          accessories: [],
          note: '',
          unexpected: false,
        })),
      ),
    [customer],
  );
  const [lines, setLines] = useState<Line[]>(initial);
  const [scan, setScan] = useState('');
  const [notice, setNotice] = useState<Notice>(null);
  const [pendingSerial, setPendingSerial] = useState<string | null>(null);
  const [extra, setExtra] = useState({ type: '', brand: '', model: '', note: '', serviceId: customer?.services[0]?.id ?? '' });
  const [deliveredBy, setDeliveredBy] = useState<'TITULAR' | 'TERCERO'>('TITULAR');
  const [third, setThird] = useState({ identification: '', name: '', documentsReceived: false });
  const [holder, setHolder] = useState({ identification: '', name: '', serviceNumber: '', businessLine: '' });
  const [observations, setObservations] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const scanRef = useRef<HTMLInputElement>(null);
  const dirty = lines.some((l) => l.checked) || observations !== '' || third.name !== '' || holder.name !== '';
  useEffect(() => setDirty(dirty), [dirty, setDirty]);

  const update = (key: string, patch: Partial<Line>) => setLines((ls) => ls.map((l) => (l.key === key ? { ...l, ...patch } : l)));

  async function onScan(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    const value = scan.trim();
    if (!value) return;
    setScan('');
    const k = serialKey(value);
    const hit = lines.find((l) => l.serial && serialKey(l.serial) === k);
    if (hit) {
      update(hit.key, { checked: true });
      setNotice({ tone: 'ok', text: `Marcado: ${hit.type} ${hit.brand} serie ${hit.serial}.` });
      return;
    }
    const r = await invoke(handoversSerialOwner, { serial: value });
    const mine = r.ok ? r.value.owners.find((o) => o.customerId === customer?.id && o.returned) : undefined;
    if (mine) {
      setNotice({ tone: 'warn', text: `La serie ${value} ya se recibió en un acta anterior de este cliente (servicio ${mine.serviceNumber}).` });
      return;
    }
    const other = r.ok ? r.value.owners.find((o) => o.customerId !== customer?.id) : undefined;
    if (other) {
      setNotice({
        tone: 'error',
        text: `La serie ${value} pertenece a otro cliente: ${other.name ?? ''} (${other.identification ?? 'sin identificación'}), servicio ${other.serviceNumber}. No se marcó.`,
      });
      return;
    }
    setPendingSerial(value);
    setNotice({ tone: 'warn', text: `La serie ${value} no está en la base de este cliente. ¿Agregarla como equipo no listado?` });
  }

  function addUnexpected(e: FormEvent) {
    e.preventDefault();
    if (!extra.type.trim() || !extra.note.trim()) {
      setNotice({ tone: 'error', text: 'Para un equipo no listado escriba el tipo y una nota.' });
      return;
    }
    const service = customer?.services.find((s) => s.id === extra.serviceId);
    setLines((ls) => [
      ...ls,
      {
        key: `extra-${ls.length}-${pendingSerial ?? ''}`,
        serviceId: service?.id,
        serviceNumber: service?.serviceNumber ?? holder.serviceNumber,
        type: extra.type.trim().toUpperCase(),
        brand: extra.brand.trim().toUpperCase(),
        model: extra.model.trim().toUpperCase(),
        serial: (pendingSerial ?? '').toUpperCase(),
        checked: true,
        condition: 'BUENO',
        accessories: [],
        note: extra.note.trim(),
        unexpected: true,
      },
    ]);
    setPendingSerial(null);
    setExtra({ type: '', brand: '', model: '', note: '', serviceId: extra.serviceId });
    setNotice({ tone: 'ok', text: 'Equipo no listado agregado.' });
    scanRef.current?.focus();
  }

  const chosen = lines.filter((l) => l.checked);

  function input(): HandoverInput {
    return {
      ...(customer ? { customerId: customer.id } : { outOfBase: { ...holder, businessLine: holder.businessLine || undefined } }),
      deliveredBy,
      ...(deliveredBy === 'TERCERO' ? { thirdParty: third } : {}),
      observations: observations || undefined,
      items: chosen.map((l) => ({
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

  async function save() {
    setBusy(true);
    const r = await invoke(handoversSave, input());
    setBusy(false);
    setConfirming(false);
    if (!r.ok) {
      setError(r.error);
      scanRef.current?.focus();
      return;
    }
    showActa(r.value.id);
  }

  function onFormKey(e: KeyboardEvent) {
    if (e.key === 'Escape' && confirming) {
      e.preventDefault();
      setConfirming(false);
      scanRef.current?.focus();
    } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      setConfirming(true);
    } else if (e.key === 'Escape' && pendingSerial !== null) {
      // Esc closes the inner form first, never the whole handover.
      e.preventDefault();
      setPendingSerial(null);
      scanRef.current?.focus();
    } else if (e.key === 'Escape') {
      if (leave()) focusSearch();
    }
  }

  return (
    <div className="page" onKeyDown={onFormKey}>
      <h1>Registrar entrega{customer ? ` · ${customer.name ?? ''}` : ' · cliente fuera de base'}</h1>
      <ErrorBox error={error} />
      {outOfBase && (
        <fieldset className="panel">
          <legend>Titular y servicio (no están en la base)</legend>
          <div className="row">
            <Field label="Identificación del titular" error={error?.fields?.['outOfBase.identification']}>
              {(id) => <input id={id} value={holder.identification} autoFocus onChange={(e) => setHolder({ ...holder, identification: e.target.value })} />}
            </Field>
            <Field label="Apellidos y nombres del titular">
              {(id) => <input id={id} value={holder.name} onChange={(e) => setHolder({ ...holder, name: e.target.value })} />}
            </Field>
          </div>
          <div className="row">
            <Field label="Número de servicio">
              {(id) => <input id={id} value={holder.serviceNumber} onChange={(e) => setHolder({ ...holder, serviceNumber: e.target.value })} />}
            </Field>
            <Field label="Línea de negocio">
              {(id) => (
                <select id={id} value={holder.businessLine} onChange={(e) => setHolder({ ...holder, businessLine: e.target.value })}>
                  <option value="">— Elegir —</option>
                  <option>Internet Fijo</option>
                  <option>Telefonía Fija</option>
                  <option>Televisión</option>
                </select>
              )}
            </Field>
          </div>
        </fieldset>
      )}
      <section className="panel">
        <label htmlFor="scan" className="search-label">
          Escanee o escriba la serie y pulse Enter
        </label>
        <input
          id="scan"
          ref={scanRef}
          className="search-box"
          value={scan}
          autoFocus={!outOfBase}
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => setScan(e.target.value)}
          onKeyDown={(e) => void onScan(e)}
        />
        {notice && (
          <p className={`alert alert-${notice.tone === 'ok' ? 'ok' : notice.tone === 'warn' ? 'warn' : 'error'}`} role="status">
            {notice.text}
          </p>
        )}
        {pendingSerial !== null && (
          <form className="extra" onSubmit={addUnexpected} aria-label="Equipo no listado en la base">
            <div className="row">
              <Field label="Tipo de equipo">{(id) => <input id={id} value={extra.type} autoFocus onChange={(e) => setExtra({ ...extra, type: e.target.value })} />}</Field>
              <Field label="Marca">{(id) => <input id={id} value={extra.brand} onChange={(e) => setExtra({ ...extra, brand: e.target.value })} />}</Field>
              <Field label="Modelo">{(id) => <input id={id} value={extra.model} onChange={(e) => setExtra({ ...extra, model: e.target.value })} />}</Field>
            </div>
            <div className="row">
              {customer && (
                <Field label="Servicio">
                  {(id) => (
                    <select id={id} value={extra.serviceId} onChange={(e) => setExtra({ ...extra, serviceId: e.target.value })}>
                      {customer.services.map((s) => (
                        <option key={s.id} value={s.id}>
                          {s.serviceNumber} · {s.businessLine ?? ''}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
              )}
              <Field label="Nota (obligatoria)">{(id) => <input id={id} value={extra.note} onChange={(e) => setExtra({ ...extra, note: e.target.value })} />}</Field>
            </div>
            <div className="actions">
              <button type="submit" className="btn btn-primary">
                Agregar equipo no listado
              </button>
              <button type="button" className="btn" onClick={() => setPendingSerial(null)}>
                No agregar
              </button>
            </div>
          </form>
        )}
        {pendingSerial === null && (
          <button type="button" className="btn btn-small" onClick={() => setPendingSerial('')}>
            Agregar equipo sin serie o no listado
          </button>
        )}
      </section>
      <section className="panel">
        <h2>Equipos ({chosen.length} marcados)</h2>
        {lines.length === 0 && <p className="muted">Escanee o agregue los equipos que entrega el cliente.</p>}
        <table className="table items">
          <thead>
            <tr>
              <th scope="col">Recibido</th>
              <th scope="col">Equipo</th>
              <th scope="col">Serie</th>
              <th scope="col">Estado</th>
              <th scope="col">Accesorios</th>
              <th scope="col">Nota</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((l) => (
              <tr key={l.key} className={l.checked ? 'checked' : ''}>
                <td>
                  <input
                    type="checkbox"
                    checked={l.checked}
                    aria-label={`Recibido ${l.type} ${l.serial || 'sin serie'}`}
                    onChange={(e) => update(l.key, { checked: e.target.checked })}
                  />
                </td>
                <td>
                  {l.type} {l.brand} {l.model}
                  <div className="muted">
                    Servicio {l.serviceNumber}
                    {l.unexpected ? ' · no listado en la base' : ''}
                  </div>
                </td>
                <td className="mono">{l.serial || 'S/N'}</td>
                <td>
                  <select aria-label={`Estado de ${l.type} ${l.serial}`} value={l.condition} onChange={(e) => update(l.key, { condition: e.target.value as Condition })}>
                    {CONDITIONS.map((c) => (
                      <option key={c} value={c}>
                        {conditionLabel(c)}
                      </option>
                    ))}
                  </select>
                </td>
                <td className="accessories">
                  {ACCESSORIES.map((a) => (
                    <label key={a}>
                      <input
                        type="checkbox"
                        checked={l.accessories.includes(a)}
                        onChange={(e) =>
                          update(l.key, { accessories: e.target.checked ? [...l.accessories, a] : l.accessories.filter((x) => x !== a) })
                        }
                      />{' '}
                      {accessoryLabel(a)}
                    </label>
                  ))}
                </td>
                <td>
                  <input aria-label={`Nota de ${l.type} ${l.serial}`} value={l.note} onChange={(e) => update(l.key, { note: e.target.value })} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="panel">
        <fieldset>
          <legend>¿Quién entrega?</legend>
          <label className="radio">
            <input type="radio" name="deliveredBy" checked={deliveredBy === 'TITULAR'} onChange={() => setDeliveredBy('TITULAR')} /> El titular
          </label>
          <label className="radio">
            <input type="radio" name="deliveredBy" checked={deliveredBy === 'TERCERO'} onChange={() => setDeliveredBy('TERCERO')} /> Un tercero con autorización
          </label>
          {deliveredBy === 'TERCERO' && (
            <>
              <div className="row">
                <Field label="Identificación de quien entrega" error={error?.fields?.['thirdParty.identification']}>
                  {(id) => <input id={id} value={third.identification} onChange={(e) => setThird({ ...third, identification: e.target.value })} />}
                </Field>
                <Field label="Nombre de quien entrega">{(id) => <input id={id} value={third.name} onChange={(e) => setThird({ ...third, name: e.target.value })} />}</Field>
              </div>
              <label className="radio">
                <input type="checkbox" checked={third.documentsReceived} onChange={(e) => setThird({ ...third, documentsReceived: e.target.checked })} /> Recibí la carta de autorización y la copia de cédula del titular
              </label>
            </>
          )}
        </fieldset>
        <Field label="Observaciones">
          {(id) => <textarea id={id} rows={3} value={observations} onChange={(e) => setObservations(e.target.value)} />}
        </Field>
        <div className="actions">
          <button type="button" className="btn btn-primary" disabled={chosen.length === 0} onClick={() => setConfirming(true)}>
            Guardar y generar acta <Kbd>Ctrl</Kbd>+<Kbd>Enter</Kbd>
          </button>
          <button type="button" className="btn" onClick={() => leave() && focusSearch()}>
            Cancelar (Esc)
          </button>
        </div>
      </section>
      {confirming && (
        <div className="modal-backdrop">
          <div className="modal panel" role="dialog" aria-modal="true" aria-labelledby="confirm-title">
            <h2 id="confirm-title">¿Guardar el acta?</h2>
            <p>
              {chosen.length} equipo{chosen.length === 1 ? '' : 's'} de {customer?.name ?? holder.name}. Entrega: {deliveredBy === 'TITULAR' ? 'el titular' : `tercero ${third.name}`}. Un acta guardada no se edita: solo un coordinador puede anularla.
            </p>
            <ul>
              {chosen.map((l) => (
                <li key={l.key}>
                  {l.type} {l.brand} {l.model} · serie {l.serial || 'S/N'} · {conditionLabel(l.condition)}
                </li>
              ))}
            </ul>
            <div className="actions">
              <button type="button" className="btn btn-primary" autoFocus disabled={busy} onClick={() => void save()}>
                {busy ? 'Guardando…' : 'Sí, guardar (Enter)'}
              </button>
              <button
                type="button"
                className="btn"
                onClick={() => {
                  setConfirming(false);
                  scanRef.current?.focus();
                }}
              >
                Volver (Esc)
              </button>
            </div>
          </div>
        </div>
      )}
    </div>
  );
}
