import { useCallback, useEffect, useState } from 'react';
import { sharedFolderGet, type SharedFolderState } from '../../../../shared/contracts/sharedFolder';
import { updatesStatus } from '../../../../shared/contracts/updates';
import type { OutputOf } from '../../../../shared/contracts/contract';
import type { AppError } from '../../../../shared/result';
import { can } from '../../../../shared/roles';
import { invoke } from '../../api/client';
import { ErrorBox } from '../../components/common';
import { useApp } from '../../store/app';
import { ApplyUpdate } from './ApplyUpdate';
import { PublishUpdate } from './PublishUpdate';
import { UpdateHistory } from './UpdateHistory';
import { kindText, updateDay } from './updateText';

type Status = OutputOf<typeof updatesStatus>;

/** Where this office stands: the last update it applied, said plainly. */
function UpToDate({ status, share }: { status: Status; share: SharedFolderState | null }) {
  const last = status.lastApplied;
  return (
    <section className={`alert ${last ? 'alert-ok' : 'alert-warn'}`} aria-label="Estado de las actualizaciones" role="status">
      {last ? (
        <p style={{ margin: 0, fontSize: '1.15rem' }}>
          <strong>
            Al día con la actualización N.º {last.seq} del {updateDay(last)}
          </strong>{' '}
          <span className="small">
            ({kindText(last, true)}, de {last.central})
          </span>
        </p>
      ) : (
        <p style={{ margin: 0, fontSize: '1.15rem' }}>
          <strong>Esta estación todavía no aplicó ninguna actualización de Posventa.</strong>
        </p>
      )}
      <p className="small" style={{ margin: '0.3rem 0 0' }}>
        {share?.path
          ? `Recupera revisa cada pocos minutos la carpeta compartida ${share.path} y aplica sola las actualizaciones nuevas.`
          : 'Sin carpeta compartida, las actualizaciones llegan como archivo (memoria USB o correo) y se aplican aquí.'}
      </p>
    </section>
  );
}

/**
 * Actualizaciones nacionales: at the central, publish Posventa's signed answer and keep a copy;
 * at an office, apply it and see how up to date the station is.
 */
export function NationalUpdates() {
  const role = useApp((s) => s.info?.user?.role);
  const [status, setStatus] = useState<Status | null>(null);
  const [share, setShare] = useState<SharedFolderState | null>(null);
  const [error, setError] = useState<AppError | null>(null);

  const load = useCallback(() => {
    void invoke(updatesStatus, {}).then((r) => (r.ok ? setStatus(r.value) : setError(r.error)));
    void invoke(sharedFolderGet, {}).then((r) => r.ok && setShare(r.value));
  }, []);
  useEffect(load, [load]);

  const central = status?.role === 'CENTRAL';
  const published = (status?.recent ?? []).filter((u) => u.direction === 'PUBLICADA');
  const applied = (status?.recent ?? []).filter((u) => u.direction === 'APLICADA');

  return (
    <div className="page">
      <h1>Actualizaciones nacionales</h1>
      <ErrorBox error={error} />
      {!status ? null : central ? (
        <>
          <p>Esta es la estación central de Posventa: publica las actualizaciones que todas las oficinas aplican.</p>
          {role && can(role, 'consolidate') ? (
            <PublishUpdate published={published} share={share} onDone={load} />
          ) : (
            <p className="alert alert-warn">Solo Posventa o un administrador publican actualizaciones.</p>
          )}
          <UpdateHistory id="published-updates" title="Actualizaciones publicadas" entries={published} empty="Todavía no se ha publicado ninguna actualización." />
        </>
      ) : (
        <>
          <UpToDate status={status} share={share} />
          {role && can(role, 'import') ? <ApplyUpdate onDone={load} /> : <p className="alert alert-warn">Solo un coordinador o un administrador aplican actualizaciones.</p>}
          <UpdateHistory id="applied-updates" title="Actualizaciones aplicadas" entries={applied} empty="Todavía no se ha aplicado ninguna actualización en esta estación." />
        </>
      )}
    </div>
  );
}
