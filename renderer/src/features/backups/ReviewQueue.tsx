import { useState, type KeyboardEvent, type RefObject } from 'react';
import type { BackupView } from '../../../../shared/contracts/backups';
import { formatDateTime } from '../../../../shared/dates';

/**
 * The respaldos waiting for review, as a listbox with a roving tab stop: one Tab reaches the queue,
 * the arrows, Home and End move through it, Enter or Space shows that respaldo. Moving does not
 * select: each respaldo shown opens its customer's card, which the audit log records.
 */
export function ReviewQueue(props: { queue: BackupView[]; selectedId: string; onSelect: (id: string) => void; listRef: RefObject<HTMLUListElement | null> }) {
  const { queue, selectedId, onSelect, listRef } = props;
  const [activeId, setActiveId] = useState<string | null>(null);
  // After a decision the active respaldo may have left the queue: the tab stop falls back to the one shown.
  const stop = activeId !== null && queue.some((b) => b.id === activeId) ? activeId : selectedId;

  function focusAt(index: number) {
    listRef.current?.querySelectorAll<HTMLElement>('[role="option"]')[index]?.focus();
  }

  function onKeyDown(e: KeyboardEvent<HTMLUListElement>) {
    const index = queue.findIndex((b) => b.id === stop);
    switch (e.key) {
      case 'ArrowDown':
        focusAt(Math.min(queue.length - 1, index + 1));
        break;
      case 'ArrowUp':
        focusAt(Math.max(0, index - 1));
        break;
      case 'Home':
        focusAt(0);
        break;
      case 'End':
        focusAt(queue.length - 1);
        break;
      case 'Enter':
      case ' ':
        if (queue[index]) onSelect(queue[index].id);
        break;
      default:
        return;
    }
    // The page would scroll on the arrows, Home, End and Space.
    e.preventDefault();
  }

  return (
    <ul ref={listRef} className="results" role="listbox" aria-label="Cola de respaldos" onKeyDown={onKeyDown}>
      {queue.map((b) => (
        <li
          key={b.id}
          role="option"
          aria-selected={b.id === selectedId}
          tabIndex={b.id === stop ? 0 : -1}
          className={b.id === selectedId ? 'result selected' : 'result'}
          onFocus={() => setActiveId(b.id)}
          onClick={() => onSelect(b.id)}
        >
          <div className="result-name">{b.customerName ?? b.identification ?? 'Cliente sin nombre'}</div>
          <div className="result-meta">
            {b.identification} · {b.services.map((s) => s.serviceNumber).join(', ')}
          </div>
          <div className="result-why">
            {/* At the central, which office sent it: the channel alone («CAC») did not say. */}
            {b.source}
            {b.station ? ` · ${b.station}` : ''} · {formatDateTime(b.createdAt)}
          </div>
        </li>
      ))}
    </ul>
  );
}
