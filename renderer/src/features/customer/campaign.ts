import { useEffect, useState } from 'react';
import { create } from 'zustand';
import type { CampaignSettings } from '../../../../shared/campaign';
import { settingsGet } from '../../../../shared/contracts/settings';
import { invoke } from '../../api/client';

let campaignCache: Promise<CampaignSettings | null> | null = null;
/** Bumped when the settings are saved: every reader on screen (the deadline banner, a card) reads them again. */
const useVersion = create(() => ({ version: 0 }));

/** The campaign settings the scripts and the deadline banner use, read once and shared until they are saved again. */
export function useCampaign(): CampaignSettings | null {
  const [c, setC] = useState<CampaignSettings | null>(null);
  const seen = useVersion((v) => v.version);
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
  useVersion.setState((v) => ({ version: v.version + 1 }));
}
