import { useEffect, useState } from 'react';
import type { CampaignSettings } from '../../../../shared/campaign';
import { settingsGet } from '../../../../shared/contracts/settings';
import { invoke } from '../../api/client';

let campaignCache: Promise<CampaignSettings | null> | null = null;

/** The campaign settings the scripts use, read once and shared by every card. */
export function useCampaign(): CampaignSettings | null {
  const [c, setC] = useState<CampaignSettings | null>(null);
  useEffect(() => {
    campaignCache ??= invoke(settingsGet, {}).then((r) => (r.ok ? r.value : null));
    void campaignCache.then(setC);
  }, []);
  return c;
}

/** Settings may change while the app runs: the next card reads them again. */
export function forgetCampaign(): void {
  campaignCache = null;
}
