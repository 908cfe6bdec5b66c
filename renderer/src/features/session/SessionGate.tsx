import { useEffect, type ReactNode } from 'react';
import { useLock } from '../../api/lock';
import { useApp } from '../../store/app';
import { LockScreen } from './LockScreen';
import { takeFocusBeforeLock } from './session';
import { SignOutDialog } from './SignOutDialog';
import { useIdleLock } from './useIdleLock';

/**
 * The signed-in app and its lock. Locked, the app stays mounted (so the screen comes back as it
 * was) but is not displayed, cannot be focused and is out of the accessibility tree: nothing of
 * it can be seen or read aloud until the same person unlocks. It is keyed by the session epoch,
 * so another person signing in starts from a new app.
 */
export function SessionGate({ children }: { children: ReactNode }) {
  const locked = useLock((s) => s.locked);
  const epoch = useApp((s) => s.sessionEpoch);
  useIdleLock();
  // Unlocked (the app is shown again): the keyboard goes back where it was, not to the page's body.
  useEffect(() => {
    if (!locked) takeFocusBeforeLock()?.focus();
  }, [locked]);
  return (
    <>
      <div key={epoch} data-testid="session-app" hidden={locked} inert={locked} aria-hidden={locked ? true : undefined} style={{ display: locked ? 'none' : 'contents' }}>
        {children}
        <SignOutDialog />
      </div>
      {locked && <LockScreen />}
    </>
  );
}
