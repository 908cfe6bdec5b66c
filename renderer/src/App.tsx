import { lazy, Suspense, useEffect } from 'react';
import { useApp } from './store/app';
import { ErrorBox } from './components/common';
import { onRefused } from './api/client';
import { SessionGate } from './features/session/SessionGate';
import { checkSessionEnded } from './features/session/session';
import { SignIn } from './features/session/SignIn';
import { PendingRecoveryKey } from './features/setup/RecoveryKey';
import { Setup } from './features/setup/Setup';
import { ForcedPasswordChange } from './features/users/ChangePassword';

/**
 * The signed-in app is a chunk of its own: the first screen (sign-in, setup) parses and runs only
 * what it needs, and the rest is fetched while the clerk types (SHELL_PREFETCH_MS) or on sign-in.
 */
const loadShell = () => import('./app/Shell');
const Shell = lazy(() => loadShell().then((m) => ({ default: m.Shell })));

/** After the first screen is up and before anyone has typed a name and a password. */
const SHELL_PREFETCH_MS = 800;

const loading = (
  <main className="center-page" aria-busy="true">
    Cargando…
  </main>
);

export function App() {
  const { info, loadError, refresh } = useApp();
  useEffect(() => {
    void refresh();
  }, [refresh]);
  useEffect(() => onRefused(() => void checkSessionEnded()), []);
  const ready = info !== null;
  useEffect(() => {
    if (!ready) return;
    const t = setTimeout(() => void loadShell().catch(() => undefined), SHELL_PREFETCH_MS);
    return () => clearTimeout(t);
  }, [ready]);

  if (loadError) {
    return (
      <main className="center-page">
        <div className="panel narrow">
          <ErrorBox error={loadError} />
        </div>
      </main>
    );
  }
  if (!info) return loading;
  if (!info.station) return <Setup adminOnly={false} />;
  if (info.needsAdmin) return <Setup adminOnly />;
  if (!info.user) return <SignIn />;
  if (info.user.mustChangePassword) return <ForcedPasswordChange />;
  return (
    <SessionGate>
      <Suspense fallback={loading}>
        <Shell />
      </Suspense>
      <PendingRecoveryKey />
    </SessionGate>
  );
}
