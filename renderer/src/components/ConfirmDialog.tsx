import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';

const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * A modal question inside the app: Enter confirms (cancels where `enter` says so), Esc cancels, Tab stays inside, and focus goes
 * back where it was when the dialog closes (unless the answer moved it somewhere on purpose).
 */
export function ConfirmDialog(props: {
  title: string;
  children: ReactNode;
  confirmLabel: ReactNode;
  cancelLabel: ReactNode;
  onConfirm: () => void;
  onCancel: () => void;
  /** While the answer is being acted on: the confirm button is disabled and Enter does nothing. */
  busy?: boolean;
  /** `alertdialog` for a question that interrupts (throw work away?), `dialog` for a step the user asked for. */
  role?: 'dialog' | 'alertdialog';
  /**
   * Which answer has the focus, and so Enter: 'cancel' where confirming throws work away, so a
   * stray Esc followed by a scan (the scanner ends every read with Enter) loses nothing.
   */
  enter?: 'confirm' | 'cancel';
}) {
  const { onConfirm, onCancel, busy = false } = props;
  const titleId = useId();
  const bodyId = useId();
  const box = useRef<HTMLDivElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const enterCancels = props.enter === 'cancel';
  // The answer focused when the dialog opens; a later change of the prop does not move the focus.
  const firstFocus = useRef(enterCancels ? cancelButton : confirmButton);

  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const dialog = box.current;
    firstFocus.current.current?.focus();
    return () => {
      // When closing, the focused button leaves the page with the dialog; if the answer focused something else, leave it there.
      const now = document.activeElement;
      const lost = !now || now === document.body || (dialog?.contains(now) ?? false);
      if (lost && before?.isConnected) before.focus();
    };
  }, []);

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onCancel();
    } else if (e.key === 'Enter') {
      // Handled here so the form around the dialog never sees it; a focused button answers by itself.
      e.stopPropagation();
      if (e.target instanceof HTMLButtonElement) return;
      e.preventDefault();
      if (enterCancels) onCancel();
      else if (!busy) onConfirm();
    } else if (e.key === 'Tab') {
      const items = [...(box.current?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? [])];
      if (items.length === 0) return e.preventDefault();
      const first = items[0]!;
      const last = items[items.length - 1]!;
      const inside = box.current?.contains(document.activeElement) ?? false;
      if (e.shiftKey && (document.activeElement === first || !inside)) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && (document.activeElement === last || !inside)) {
        e.preventDefault();
        first.focus();
      }
    }
  }

  return (
    <div
      className="modal-backdrop"
      // A press outside the box (the second click of a double click on the button that opened
      // it, often) would take the focus to the page's body, where Enter and Esc reach no one.
      onMouseDown={(e) => {
        if (e.target === e.currentTarget) e.preventDefault();
      }}
    >
      <div
        ref={box}
        className="modal panel"
        role={props.role ?? 'dialog'}
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={bodyId}
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        <h2 id={titleId}>{props.title}</h2>
        <div id={bodyId}>{props.children}</div>
        <div className="actions">
          <button type="button" ref={confirmButton} className="btn btn-primary" disabled={busy} onClick={onConfirm}>
            {props.confirmLabel}
          </button>
          <button type="button" ref={cancelButton} className="btn" onClick={onCancel}>
            {props.cancelLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
