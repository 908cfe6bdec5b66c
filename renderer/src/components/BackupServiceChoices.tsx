import type { ServiceCard } from '../../../shared/contracts/customers';
import { isSettled, statusLabel } from '../../../shared/status';

/**
 * The services a respaldo may cover, each with its status: a settled one (returned or regularised)
 * needs no proof and cannot be ticked. The same at the desk and when Posventa assigns a message.
 */
export function BackupServiceChoices({ services, chosen, onChange }: { services: ServiceCard[]; chosen: string[]; onChange: (chosen: string[]) => void }) {
  return services.map((s) => (
    <label key={s.id} className="radio">
      <input
        type="checkbox"
        checked={chosen.includes(s.id)}
        disabled={isSettled(s.status)}
        onChange={(e) => onChange(e.target.checked ? [...chosen, s.id] : chosen.filter((x) => x !== s.id))}
      />
      {s.serviceNumber} · {s.businessLine ?? ''} · {statusLabel(s.status)}
    </label>
  ));
}

/** The services ticked when the choice opens: those that need proof. */
export const openServiceIds = (services: ServiceCard[]): string[] => services.filter((s) => !isSettled(s.status)).map((s) => s.id);
