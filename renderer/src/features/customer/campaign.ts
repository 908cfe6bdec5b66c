import { useEffect, useState, useSyncExternalStore } from 'react';
import type { CampaignSettings } from '../../../../shared/campaign';
import { settingsGet } from '../../../../shared/contracts/settings';
import { invoke } from '../../api/client';

let campaignCache: Promise<CampaignSettings | null> | null = null;
/** Bumped when the settings are saved: every reader on screen (the deadline banner, a card) reads them again. */
let version = 0;
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The campaign settings the scripts and the deadline banner use, read once and shared until they are saved again. */
export function useCampaign(): CampaignSettings | null {
  const [c, setC] = useState<CampaignSettings | null>(null);
  const seen = useSyncExternalStore(subscribe, () => version);
  useEffect(() => {
    let current = true;
    campaignCache ??= invoke(settingsGet, {}).then((r) => (r.ok ? r.value : null));
    void campaignCache.then((value) => current && setC(value));
    return () => {
      current = false;
    };
  }, [seen]);
  return c;
}

/** Settings changed while the app runs: whatever shows them reads them again now (a banner saying the deadline passed must not outlive the new date). */
export function forgetCampaign(): void {
  campaignCache = null;
  version++;
  for (const listener of listeners) listener();
}
