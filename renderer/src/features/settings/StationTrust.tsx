import { useCallback, useEffect, useState } from 'react';
import type { OutputOf } from '../../../../shared/contracts/contract';
import { stationsIdentity, stationsList, stationsSaveIdentity, type TrustOutcome } from '../../../../shared/contracts/stations';
import { formatDateTime } from '../../../../shared/dates';
import type { AppError } from '../../../../shared/result';
import { can } from '../../../../shared/roles';
import { invoke, saveReport } from '../../api/client';
import { ErrorBox } from '../../components/common';
import { useApp } from '../../store/app';
import { FingerprintText } from './FingerprintText';
import { IdentityPicker } from './IdentityPicker';
import { KeyHistory, StationRegistry } from './StationRegistry';

type Identity = OutputOf<typeof stationsIdentity>;

/**
 * Identidad y confianza: who this station is (its fingerprint, to read aloud), its identity file to
 * hand over, and — at an office — the central it trusts, or — at the central — the offices it enrols.
 */
export function StationTrust() {
  const user = useApp((s) => s.info?.user);
  const manage = user ? can(user.role, 'stations') : false;
  const [identity, setIdentity] = useState<Identity | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    void invoke(stationsIdentity, {}).then((r) => (r.ok ? setIdentity(r.value) : setError(r.error)));
  }, []);
  useEffect(load, [load]);

  async function saveIdentity() {
    setBusy(true);
    setError(null);
    const r = await invoke(stationsSaveIdentity, {});
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setSaved(r.value.fileName);
    await saveReport(r.value.path, r.value.fileName);
  }

  const local = identity?.local;
  const central = identity?.central ?? null;
  return (
    <section className="panel station-trust" aria-labelledby="station-trust-title">
      <h2 id="station-trust-title">Identidad y confianza</h2>
      <ErrorBox error={error} />
      {local && (
        <>
          <p>
            Esta estación: <strong className="mono">{local.code}</strong> · {local.office} ·{' '}
            <strong>{local.role === 'CENTRAL' ? 'Central de Posventa' : 'Oficina'}</strong>
          </p>
          {local.fingerprint ? (
            <FingerprintText value={local.fingerprint} label="Huella de esta estación" />
          ) : (
            <p className="muted">Esta estación todavía no tiene clave.</p>
          )}
          {local.keyProblem && (
            <p className="alert alert-warn" role="alert">
              {local.keyProblem}
            </p>
          )}
          <p className="muted">
            {local.role === 'CENTRAL'
              ? 'Entregue el archivo de identidad a cada oficina; al confiar en él, la oficina le leerá esta huella para confirmar que es la suya.'
              : 'Entregue el archivo de identidad a Posventa para que registre esta estación; al registrarlo, Posventa le pedirá leer esta huella.'}
          </p>
          {manage && (
            <div className="actions">
              <button type="button" className="btn" disabled={busy || !!local.keyProblem} onClick={() => void saveIdentity()}>
                {busy ? 'Preparando…' : 'Guardar identidad…'}
              </button>
              {saved && (
                <span role="status">
                  Identidad lista: <span className="mono">{saved}</span>
                </span>
              )}
            </div>
          )}
          {local.role === 'CENTRAL' ? <StationRegistry canEnrol={manage} /> : <CentralTrust central={central} manage={manage} onChanged={load} />}
        </>
      )}
    </section>
  );
}

/** At an office: the central whose updates it accepts, or the call to trust one. */
function CentralTrust({ central, manage, onChanged }: { central: Identity['central']; manage: boolean; onChanged: () => void }) {
  const [replacing, setReplacing] = useState(false);
  const [done, setDone] = useState<TrustOutcome | null>(null);
  const [events, setEvents] = useState<OutputOf<typeof stationsList>['events']>([]);

  const loadEvents = useCallback(() => {
    void invoke(stationsList, {}).then((r) => r.ok && setEvents(r.value.events));
  }, []);
  useEffect(loadEvents, [loadEvents]);

  function finished(o: TrustOutcome) {
    setDone(o);
    setReplacing(false);
    onChanged();
    loadEvents();
  }

  return (
    <>
      <h3 id="central-title">Central de Posventa</h3>
      {done && (
        <p className="alert alert-ok" role="status">
          {done.message}
        </p>
      )}
      {central ? (
        <>
          <p>
            Esta oficina confía en <strong className="mono">{central.code}</strong> ({central.office}) desde {formatDateTime(central.trustedAt)}.
          </p>
          <FingerprintText value={central.fingerprint} label="Huella de la central" />
          {manage &&
            (replacing ? (
              <IdentityPicker mode="central" onDone={finished} onCancel={() => setReplacing(false)} />
            ) : (
              <div className="actions">
                <button type="button" className="btn" onClick={() => setReplacing(true)}>
                  Reemplazar la central…
                </button>
              </div>
            ))}
        </>
      ) : (
        <>
          <div className="alert alert-warn" role="alert">
            <strong>Confíe en la central de Posventa.</strong> Mientras no lo haga, esta oficina no puede recibir las actualizaciones nacionales. Pida a
            Posventa su archivo de identidad, elíjalo aquí y confirme la huella leyéndola con Posventa por teléfono.
          </div>
          {manage ? <IdentityPicker mode="central" onDone={finished} /> : <p className="muted">Pida a un administrador que lo haga.</p>}
        </>
      )}
      <KeyHistory events={events} />
    </>
  );
}
