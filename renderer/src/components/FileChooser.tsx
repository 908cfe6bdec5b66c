import { useId, useRef } from 'react';

export const NO_FILE_CHOSEN = 'Ningún archivo elegido';

/**
 * Choosing files in Spanish. A browser's own `<input type="file">` shows its button and status in
 * the browser's language ("Choose Files", "No file chosen"), so the input is kept out of sight and
 * out of the tab order, and a real button opens it: one stop for the keyboard, the button carries
 * the accessible name, and the chosen names (or "Ningún archivo elegido") describe it.
 * `label` names the hidden input too, so a test can still hand it files by that name.
 */
export function FileChooser(props: {
  /** What the files are, e.g. "Documentos del respaldo". */
  label: string;
  /** The button's visible words. */
  buttonText?: string;
  accept?: string;
  multiple?: boolean;
  disabled?: boolean;
  /** Names of the files chosen so far; shown beside the button. */
  chosen?: readonly string[];
  /** Hide the status line where the screen lists the chosen files itself. */
  hideStatus?: boolean;
  primary?: boolean;
  /** The id a `<label htmlFor>` points to: clicking that label opens the same dialog. */
  id?: string;
  describedBy?: string | undefined;
  onChoose: (files: File[]) => void;
}) {
  const input = useRef<HTMLInputElement>(null);
  const statusId = useId();
  const chosen = props.chosen ?? [];
  const described = [props.hideStatus ? null : statusId, props.describedBy].filter(Boolean).join(' ') || undefined;
  return (
    <span className="file-chooser">
      <button
        type="button"
        className={props.primary ? 'btn btn-primary' : 'btn'}
        disabled={props.disabled}
        aria-describedby={described}
        onClick={() => input.current?.click()}
      >
        {props.buttonText ?? 'Elegir archivo…'}
        <span className="sr-only"> ({props.label})</span>
      </button>
      <input
        ref={input}
        id={props.id}
        type="file"
        className="sr-only"
        tabIndex={-1}
        aria-hidden="true"
        aria-label={props.label}
        accept={props.accept}
        multiple={props.multiple}
        disabled={props.disabled}
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          // Cleared at once: choosing the same file again is a new choice.
          e.target.value = '';
          if (files.length > 0) props.onChoose(files);
        }}
      />
      {!props.hideStatus && (
        <span id={statusId} className="muted file-chosen">
          {chosen.length > 0 ? chosen.join(', ') : NO_FILE_CHOSEN}
        </span>
      )}
    </span>
  );
}
