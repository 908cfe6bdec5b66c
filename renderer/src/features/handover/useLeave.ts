import { useCallback } from 'react';
import { useApp, type Screen } from '../../store/app';
import { mustAskBeforeLeaving, useAttend } from './store';

/** Leaves the current task for a screen; with a handover in progress it opens the discard dialog instead. */
export function useLeave(): (to: Screen) => void {
  const go = useApp((s) => s.go);
  return useCallback(
    (to: Screen) => {
      const attend = useAttend.getState();
      if (mustAskBeforeLeaving(attend)) return attend.askDiscard(to);
      attend.clear();
      go(to);
    },
    [go],
  );
}
