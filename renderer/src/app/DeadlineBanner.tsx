import { deadlineBanner } from '../../../shared/campaign';
import type { Role } from '../../../shared/roles';
import { useCampaign } from '../features/customer/campaign';

/**
 * While the campaign's deadline is past, whoever can change it or send the messages is told on
 * every screen; a clerk's script already avoids the date, so the desk is spared the banner.
 */
export function DeadlineBanner({ role, now }: { role: Role; now?: Date }) {
  const campaign = useCampaign();
  if (!campaign || role === 'ASESOR') return null;
  const text = deadlineBanner(campaign, now ?? new Date());
  if (!text) return null;
  return (
    // A standing notice, not an alert: a live region would interrupt a screen reader on every screen.
    <p className="alert alert-warn" role="note" aria-label="Aviso de la campaña">
      {text}
    </p>
  );
}
