import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { OutputOf } from '../../../../shared/contracts/contract';
import { keyEventLabel, stationsList, type TrustOutcome } from '../../../../shared/contracts/stations';
import { formatDateTime } from '../../../../shared/dates';
import type { AppError } from '../../../../shared/result';
import { invoke } from '../../api/client';
import { ErrorBox } from '../../components/common';
import { IdentityPicker } from './IdentityPicker';

type List = OutputOf<typeof stationsList>;

/** The central's view: the offices whose keys it accepts, enrolling one, and every key change. */
export function StationRegistry({ canEnrol }: { canEnrol: boolean }) {
  const [list, setList] = useState<List | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [done, setDone] = useState<TrustOutcome | null>(null);
  // The picker's confirmation goes once the station is registered: the focus comes to what was done, not to the page's body.
  const doneNote = useRef<HTMLParagraphElement>(null);
  useLayoutEffect(() => {
    if (done) doneNote.current?.focus();
  }, [done]);

  const load = useCallback(() => {
    void invoke(stationsList, {}).then((r) => (r.ok ? setList(r.value) : setError(r.error)));
  }, []);
  useEffect(load, [load]);

  const offices = (list?.stations ?? []).filter((s) => !s.local);

  return (
    <>
      <ErrorBox error={error} />
      <h3 id="enrolled-title">Estaciones registradas ({offices.filter((s) => s.trustedAt).length})</h3>
      {offices.length === 0 ? (
        <p className="muted">Todavía no se ha registrado ninguna oficina. Pida a cada oficina su archivo de identidad y regístrelo aquí.</p>
      ) : (
        <table className="table compact" aria-labelledby="enrolled-title">
          <thead>
            <tr>
              <th scope="col">Código</th>
              <th scope="col">Oficina</th>
              <th scope="col">Huella</th>
              <th scope="col">Registrada desde</th>
            </tr>
          </thead>
          <tbody>
            {offices.map((s) => (
              <tr key={s.code}>
                <td className="mono nowrap">{s.code}</td>
                <td>{s.office}</td>
                <td className="mono nowrap">{s.fingerprint ?? '—'}</td>
                <td className="nowrap">{s.trustedAt ? formatDateTime(s.trustedAt) : 'Sin registrar: sus paquetes se rechazan'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canEnrol && (
        <section aria-labelledby="enrol-title">
          <h3 id="enrol-title">Registrar estación</h3>
          {done && (
            <p className="alert alert-ok" role="status" ref={doneNote} tabIndex={-1}>
              {done.message}
            </p>
          )}
          <IdentityPicker
            mode="enrol"
            onDone={(o) => {
              setDone(o);
              load();
            }}
          />
        </section>
      )}
      <KeyHistory events={list?.events ?? []} />
    </>
  );
}

/** Who changed which key, when and why: the audit trail of trust at this station. */
export function KeyHistory({ events }: { events: List['events'] }) {
  return (
    <section aria-labelledby="key-history-title">
      <h3 id="key-history-title">Historial de claves</h3>
      {events.length === 0 ? (
        <p className="muted">Sin cambios de claves registrados.</p>
      ) : (
        <table className="table compact" aria-labelledby="key-history-title">
          <thead>
            <tr>
              <th scope="col">Fecha</th>
              <th scope="col">Cambio</th>
              <th scope="col">Estación</th>
              <th scope="col">Huella</th>
              <th scope="col">Huella anterior</th>
              <th scope="col">Usuario</th>
              <th scope="col">Motivo</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr key={e.id}>
                <td className="nowrap">{formatDateTime(e.at)}</td>
                <td>{keyEventLabel(e.event)}</td>
                <td className="mono nowrap">{e.stationCode}</td>
                <td className="mono nowrap">{e.fingerprint}</td>
                <td className="mono nowrap">{e.previousFingerprint ?? ''}</td>
                <td>{e.userName ?? ''}</td>
                <td>{e.reason ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
