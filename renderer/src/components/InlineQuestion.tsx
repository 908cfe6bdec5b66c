import { useId, type ReactNode } from 'react';

/**
 * A question asked in the page, below what it is about (a restore, a new campaign): its answers
 * take the keyboard (the caller's autoFocus), and Esc leaves it while nothing is under way. Not a
 * modal: the page around it stays usable, so it does not claim to be one.
 */
export function InlineQuestion({ title, busy, onEscape, children }: { title: ReactNode; busy: boolean; onEscape: () => void; children: ReactNode }) {
  const titleId = useId();
  return (
    <div
      role="alertdialog"
      aria-labelledby={titleId}
      className="panel"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !busy) onEscape();
      }}
    >
      <h3 id={titleId}>{title}</h3>
      {children}
    </div>
  );
}
