import { useEffect } from 'react';
import { create } from 'zustand';
import { authIdleLock, IDLE_LOCK_DEFAULT_MINUTES } from '../../../../shared/contracts/auth';
import { invoke } from '../../api/client';
import { useLock } from '../../api/lock';
import { lockNow } from './session';

/** Minutes without input before the window locks, as set in Configuración. */
export const useIdleMinutes = create<{ minutes: number; set(minutes: number): void }>((set) => ({
  minutes: IDLE_LOCK_DEFAULT_MINUTES,
  set: (minutes) => set({ minutes }),
}));

const ACTIVITY = ['keydown', 'pointerdown', 'pointermove', 'mousedown', 'mousemove', 'wheel', 'touchstart'] as const;

/**
 * Locks the window after the set minutes without keyboard, mouse or touch. Activity only notes
 * the time; one timer looks when the time could be up, so moving the mouse costs nothing.
 */
export function useIdleLock(): void {
  const locked = useLock((s) => s.locked);
  const minutes = useIdleMinutes((s) => s.minutes);

  useEffect(() => {
    void invoke(authIdleLock, {}).then((r) => {
      if (r.ok) useIdleMinutes.getState().set(r.value.minutes);
    });
  }, []);

  useEffect(() => {
    if (locked) return;
    const limit = minutes * 60_000;
    let last = Date.now();
    let timer: ReturnType<typeof setTimeout>;
    const look = () => {
      const idle = Date.now() - last;
      if (idle >= limit) void lockNow(false);
      else timer = setTimeout(look, limit - idle);
    };
    const active = () => {
      last = Date.now();
    };
    timer = setTimeout(look, limit);
    for (const e of ACTIVITY) window.addEventListener(e, active, { capture: true, passive: true });
    return () => {
      clearTimeout(timer);
      for (const e of ACTIVITY) window.removeEventListener(e, active, { capture: true });
    };
  }, [locked, minutes]);
}
