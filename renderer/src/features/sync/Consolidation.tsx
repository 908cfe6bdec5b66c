import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { syncOverview } from '../../../../shared/contracts/sync';
import type { AppError } from '../../../../shared/result';
import { invoke } from '../../api/client';
import { useJob } from '../../api/useJob';
import { ErrorBox } from '../../components/common';
import { JobProgress, NO_PROGRESS } from '../../components/JobProgress';
import { ConflictResolution } from '../conflicts/ConflictResolution';
import { ConsolidateTab } from './ConsolidateTab';
import { DepurateTab } from './DepurateTab';
import type { Overview } from './overview';

type Tab = 'consolidar' | 'conflictos' | 'depurar';

const TABS: Array<[Tab, string]> = [
  ['consolidar', 'Consolidar paquetes'],
  ['conflictos', 'Conflictos'],
  ['depurar', 'Depuración'],
];

/** Consolidación (Posventa): merge the offices' packages, see what came in and what conflicts; then depurar and write the lists. */
export function Consolidation() {
  const [tab, setTab] = useState<Tab>('consolidar');
  const [overview, setOverview] = useState<Overview | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const job = useJob();
  const tabRefs = useRef<Record<Tab, HTMLButtonElement | null>>({ consolidar: null, conflictos: null, depurar: null });

  const load = useCallback(() => {
    void invoke(syncOverview, {}).then((r) => (r.ok ? setOverview(r.value) : setError(r.error)));
  }, []);
  useEffect(load, [load]);

  function choose(t: Tab) {
    setTab(t);
    tabRefs.current[t]?.focus();
  }

  function onTabKey(e: KeyboardEvent) {
    const i = TABS.findIndex(([t]) => t === tab);
    if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      e.preventDefault();
      choose(TABS[(i + (e.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length]![0]);
    }
  }

  return (
    <div className="page">
      <h1>Consolidación</h1>
      <ErrorBox error={error} />
      <div className="tabs" role="tablist" aria-label="Consolidación" onKeyDown={onTabKey}>
        {TABS.map(([t, label]) => (
          <button
            key={t}
            ref={(el) => {
              tabRefs.current[t] = el;
            }}
            type="button"
            role="tab"
            id={`tab-${t}`}
            aria-controls={`panel-${t}`}
            aria-selected={tab === t}
            tabIndex={tab === t ? 0 : -1}
            className={tab === t ? 'tab active' : 'tab'}
            onClick={() => setTab(t)}
          >
            {label}
          </button>
        ))}
      </div>
      {/* One job at a time; both tabs stay mounted, so a running job and its summary survive a switch of tab. */}
      {job.running && <JobProgress label={job.running.label} progress={job.running.progress ?? NO_PROGRESS} queued={job.running.queued} onCancel={job.cancel} />}
      <div role="tabpanel" id="panel-consolidar" aria-labelledby="tab-consolidar" hidden={!!job.running || tab !== 'consolidar'}>
        <ConsolidateTab overview={overview} reload={load} run={job.run} onDepurate={() => choose('depurar')} onResolve={() => choose('conflictos')} />
      </div>
      <div role="tabpanel" id="panel-conflictos" aria-labelledby="tab-conflictos" hidden={!!job.running || tab !== 'conflictos'}>
        {tab === 'conflictos' && <ConflictResolution onChanged={load} />}
      </div>
      <div role="tabpanel" id="panel-depurar" aria-labelledby="tab-depurar" hidden={!!job.running || tab !== 'depurar'}>
        <DepurateTab overview={overview} reload={load} run={job.run} />
      </div>
    </div>
  );
}
