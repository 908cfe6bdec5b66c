import { useEffect } from 'react';
import { Shell } from './app/Shell';
import { useApp } from './store/app';
import { ErrorBox } from './components/common';
import { SessionGate } from './features/session/SessionGate';
import { SignIn } from './features/session/SignIn';
import { PendingRecoveryKey } from './features/setup/RecoveryKey';
import { Setup } from './features/setup/Setup';
import { ForcedPasswordChange } from './features/users/ChangePassword';

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
  if (info.user.mustChangePassword) return <ForcedPasswordChange />;
  return (
    <SessionGate>
      <Shell />
      <PendingRecoveryKey />
    </SessionGate>
  );
}
