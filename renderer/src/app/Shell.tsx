import { Suspense, useEffect } from 'react';
import { roleLabel, type Role } from '../../../shared/roles';
import { Kbd } from '../components/common';
import { NoticeBar } from '../components/NoticeBar';
import { ActaScreen } from '../features/actas/ActaScreen';
import { DiscardHandoverDialog } from '../features/handover/DiscardHandoverDialog';
import { HelpButton, HelpDialog } from '../features/help/HelpDialog';
import { useHelp } from '../features/help/store';
import { RegisterHandover } from '../features/handover/RegisterHandover';
import { useAttend } from '../features/handover/store';
import { useLeave } from '../features/handover/useLeave';
import { lockNow, requestSignOut } from '../features/session/session';
import { SharedFolderNotices } from '../features/updates/SharedFolderNotices';
import { ChangeOwnPasswordButton } from '../features/users/ChangePassword';
import { DeadlineBanner } from './DeadlineBanner';
import { ROUTES } from './routes';
import { useApp, type Screen } from '../store/app';

/** What fills the page: the customer being attended (their acta or the handover form) comes before any screen. */
function Workspace({ screen, role, central }: { screen: Screen; role: Role; central: boolean }) {
  const actaId = useAttend((s) => s.actaId);
  const customer = useAttend((s) => s.customer);
  const outOfBase = useAttend((s) => s.outOfBase);
  if (actaId) return <ActaScreen actaId={actaId} />;
  if (customer || outOfBase) return <RegisterHandover key={customer?.id ?? 'fuera-de-base'} />;
  const route = ROUTES.find((r) => r.screen === screen);
  if (!route || !route.allowed(role, central)) return null;
  return (
    <Suspense fallback={<p role="status">Cargando…</p>}>
      <route.Component />
    </Suspense>
  );
}

/**
 * Menu entries that fit beside the station's name and the user's buttons at 1366 px; with more,
 * the menu wrapped into three or four short rows there (a header of 165 px for an administrator).
 */
const MENU_BESIDE_MAX = 6;

/** The signed-in app: top bar with the screens this user may open, and the workspace. */
export function Shell() {
  const info = useApp((s) => s.info);
  const screen = useApp((s) => s.screen);
  const leave = useLeave();
  const user = info!.user!;

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.key === 'F1') {
        // The browser's own F1 (its help page) is not the app's: the app's help is about the screen in front of the user.
        e.preventDefault();
        useHelp.getState().show();
      } else if (e.key === 'F2' || ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k')) {
        e.preventDefault();
        leave('search');
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [leave]);

  // The central sends no package to itself: its records reach the offices in the national update.
  const central = info!.station?.central === true;
  const entries = ROUTES.filter((r) => r.allowed(user.role, central));
  return (
    <div className="shell">
      {/* A long menu (a coordinator's, an administrator's) takes a row of its own under the name and the user's buttons. */}
      <header className={entries.length > MENU_BESIDE_MAX ? 'topbar topbar-two-rows' : 'topbar'}>
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
          {entries.map(({ screen: key, label }) => (
            <button
              key={key}
              type="button"
              className={screen === key ? 'nav-btn active' : 'nav-btn'}
              aria-current={screen === key ? 'page' : undefined}
              onClick={() => leave(key)}
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
          <HelpButton />
          <ChangeOwnPasswordButton />
          <button type="button" className="btn btn-small" onClick={() => void lockNow(true)}>
            Bloquear
          </button>
          <button type="button" className="btn btn-small" onClick={requestSignOut}>
            Salir
          </button>
        </div>
      </header>
      <main className="content">
        <DeadlineBanner role={user.role} />
        <NoticeBar />
        <SharedFolderNotices />
        <Workspace screen={screen} role={user.role} central={central} />
      </main>
      <DiscardHandoverDialog />
      <HelpDialog />
    </div>
  );
}
