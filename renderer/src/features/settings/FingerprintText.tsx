/**
 * A key's fingerprint as people compare it aloud over the phone: four groups of four, large and
 * spaced; a screen reader reads it group by group.
 */
export function FingerprintText({ value, label }: { value: string; label: string }) {
  const groups = value.split('-');
  return (
    <p className="fingerprint" role="group" aria-label={`${label}: ${groups.join(', ')}`}>
      {groups.map((g, i) => (
        <span key={i} className="fingerprint-group mono" aria-hidden="true">
          {g}
        </span>
      ))}
    </p>
  );
}
