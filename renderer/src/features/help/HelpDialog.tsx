import { useEffect, useId, useRef, type KeyboardEvent } from 'react';
import { Kbd } from '../../components/common';
import { useHelp } from './store';
import { GLOBAL_KEYS, helpTopic, type HelpContext } from './topics';

const FOCUSABLE = 'button:not([disabled]), [href], [tabindex]:not([tabindex="-1"])';

/** The help button of the top bar; F1 does the same (bound in the shell). */
export function HelpButton() {
  const show = useHelp((s) => s.show);
  return (
    <button type="button" className="btn btn-small" onClick={show}>
      Ayuda (F1)
    </button>
  );
}

/** Contextual help: a modal dialog for the screen it was opened on; Esc or «Cerrar» close it and focus goes back where it was. */
export function HelpDialog() {
  const open = useHelp((s) => s.open);
  // Locking or signing out unmounts the shell: the next person does not find the help left open.
  useEffect(() => () => useHelp.getState().close(), []);
  if (open === null) return null;
  return <HelpBox context={open} />;
}

function HelpBox({ context }: { context: HelpContext }) {
  const close = useHelp((s) => s.close);
  const topic = helpTopic(context);
  const titleId = useId();
  const box = useRef<HTMLDivElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    closeButton.current?.focus();
    return () => {
      if (before?.isConnected) before.focus();
    };
  }, []);

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    // Keys pressed while reading the help are not the screen's (F4, Esc, Ctrl+Enter would act behind it).
    e.stopPropagation();
    if (e.key === 'Escape' || e.key === 'F1') {
      e.preventDefault();
      close();
    } else if (e.key === 'Tab') {
      const items = [...(box.current?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? [])];
      const first = items[0];
      const last = items[items.length - 1];
      if (!first || !last) return e.preventDefault();
      if (e.shiftKey && document.activeElement === first) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && document.activeElement === last) {
        e.preventDefault();
        first.focus();
      }
    }
  }

  const keys = [...topic.keys, ...GLOBAL_KEYS];
  return (
    <div className="modal-backdrop">
      <div ref={box} className="modal panel" role="dialog" aria-modal="true" aria-labelledby={titleId} tabIndex={-1} onKeyDown={onKeyDown}>
        <h2 id={titleId}>Ayuda · {topic.title}</h2>
        {topic.body.map((p) => (
          <p key={p}>{p}</p>
        ))}
        <h3>Teclas</h3>
        <dl className="help-keys">
          {keys.map(([key, what]) => (
            <div key={`${key} ${what}`}>
              <dt>
                <Kbd>{key}</Kbd>
              </dt>
              <dd>{what}</dd>
            </div>
          ))}
        </dl>
        <div className="actions">
          <button type="button" ref={closeButton} className="btn btn-primary" onClick={close}>
            Cerrar (Esc)
          </button>
        </div>
      </div>
    </div>
  );
}
