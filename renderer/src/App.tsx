import { useEffect } from 'react';
import { can } from '../../shared/roles';
import { roleLabel } from '../../shared/roles';
import { ErrorBox, Kbd } from './components/common';
import { ActaScreen } from './screens/ActaScreen';
import { Consolidation } from './screens/Consolidation';
import { DayActas } from './screens/DayActas';
import { ExportPackage } from './screens/ExportPackage';
import { ImportBase } from './screens/ImportBase';
import { RegisterHandover } from './screens/RegisterHandover';
import { ReviewBackups } from './screens/ReviewBackups';
import { Search } from './screens/Search';
import { Settings } from './screens/Settings';
import { Setup } from './screens/Setup';
import { SignIn } from './screens/SignIn';
import { Users } from './screens/Users';
import { useApp, type Screen } from './store/app';
import { useAttend } from './store/handover';

function Shell() {
  const { info, screen, go, focusSearch, signOut } = useApp();
  const attend = useAttend();
  const user = info!.user!;

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.key === 'F2' || ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k')) {
        e.preventDefault();
        if (useAttend.getState().leave()) focusSearch();
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [focusSearch]);

  const nav: Array<[Screen, string, boolean]> = [
    ['search', 'Buscar', true],
    ['actas', 'Actas', true],
    ['respaldos', 'Respaldos', can(user.role, 'review')],
    ['import', 'Importar base', can(user.role, 'import')],
    ['paquete', 'Enviar a Posventa', can(user.role, 'export')],
    ['consolidacion', 'Consolidación', can(user.role, 'consolidate')],
    ['users', 'Usuarios', can(user.role, 'users')],
    ['settings', 'Configuración', true],
  ];
  return (
    <div className="shell">
      <header className="topbar">
        <div className="brand">
          <span className="logo" aria-hidden="true">
            R
          </span>
          <div>
            <div className="brand-name">Recupera</div>
            <div className="brand-sub">
              {info!.station!.office} · <span className="nowrap">{info!.station!.code}</span>
            </div>
          </div>
        </div>
        <nav aria-label="Principal">
          {nav
            .filter(([, , visible]) => visible)
            .map(([key, label]) => (
              <button
                key={key}
                type="button"
                className={screen === key ? 'nav-btn active' : 'nav-btn'}
                aria-current={screen === key ? 'page' : undefined}
                onClick={() => {
                  if (attend.leave()) go(key);
                }}
              >
                {label}
                {key === 'search' && <Kbd>F2</Kbd>}
              </button>
            ))}
        </nav>
        <div className="who">
          <div>
            <div className="who-name">{user.fullName}</div>
            <div className="brand-sub">{roleLabel(user.role)}</div>
          </div>
          <button type="button" className="btn btn-small" onClick={() => void signOut()}>
            Salir
          </button>
        </div>
      </header>
      <main className="content">
        {attend.actaId ? (
          <ActaScreen actaId={attend.actaId} />
        ) : attend.customer || attend.outOfBase ? (
          <RegisterHandover key={attend.customer?.id ?? 'fuera-de-base'} />
        ) : null}
        {!attend.actaId && !attend.customer && !attend.outOfBase && screen === 'actas' && <DayActas />}
        {!attend.actaId && !attend.customer && !attend.outOfBase && screen === 'search' && <Search />}
        {!attend.actaId && !attend.customer && !attend.outOfBase && screen === 'respaldos' && <ReviewBackups />}
        {!attend.actaId && !attend.customer && !attend.outOfBase && screen === 'import' && <ImportBase />}
        {!attend.actaId && !attend.customer && !attend.outOfBase && screen === 'paquete' && can(user.role, 'export') && <ExportPackage />}
        {!attend.actaId && !attend.customer && !attend.outOfBase && screen === 'consolidacion' && can(user.role, 'consolidate') && <Consolidation />}
        {!attend.actaId && !attend.customer && !attend.outOfBase && screen === 'settings' && <Settings />}
        {!attend.actaId && !attend.customer && !attend.outOfBase && screen === 'users' && <Users />}
      </main>
    </div>
  );
}

export function App() {
  const { info, loadError, refresh } = useApp();
  useEffect(() => {
    void refresh();
  }, [refresh]);

  if (loadError) {
    return (
      <main className="center-page">
        <div className="panel narrow">
          <ErrorBox error={loadError} />
        </div>
      </main>
    );
  }
  if (!info) return <main className="center-page" aria-busy="true">Cargando…</main>;
  if (!info.station) return <Setup adminOnly={false} />;
  if (info.needsAdmin) return <Setup adminOnly />;
  if (!info.user) return <SignIn />;
  return <Shell />;
}
