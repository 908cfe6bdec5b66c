import { useEffect } from 'react';
import { can } from '../../shared/roles';
import { roleLabel } from '../../shared/roles';
import { ErrorBox, Kbd } from './components/common';
import { ImportBase } from './screens/ImportBase';
import { Search } from './screens/Search';
import { Settings } from './screens/Settings';
import { Setup } from './screens/Setup';
import { SignIn } from './screens/SignIn';
import { Users } from './screens/Users';
import { useApp, type Screen } from './store/app';

function Shell() {
  const { info, screen, go, focusSearch, signOut } = useApp();
  const user = info!.user!;

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.key === 'F2' || ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k')) {
        e.preventDefault();
        focusSearch();
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [focusSearch]);

  const nav: Array<[Screen, string, boolean]> = [
    ['search', 'Buscar', true],
    ['import', 'Importar base', can(user.role, 'import')],
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
              {info!.station!.office} · {info!.station!.code}
            </div>
          </div>
        </div>
        <nav aria-label="Principal">
          {nav
            .filter(([, , visible]) => visible)
            .map(([key, label]) => (
              <button key={key} type="button" className={screen === key ? 'nav-btn active' : 'nav-btn'} aria-current={screen === key ? 'page' : undefined} onClick={() => go(key)}>
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
        {screen === 'search' && <Search />}
        {screen === 'import' && <ImportBase />}
        {screen === 'settings' && <Settings />}
        {screen === 'users' && <Users />}
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
