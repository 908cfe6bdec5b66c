import { useId, type ReactNode } from 'react';
import { errorTitle, type AppError } from '../../../shared/result';
import { statusLabel, statusTone, type ServiceStatus } from '../../../shared/status';

/** An error with, as its heading, what happened in the screen's words (`title`), else only the message. */
export function ErrorBox({ error, title }: { error: AppError | null; title?: string | undefined }) {
  if (!error) return null;
  const heading = title ?? errorTitle(error.kind);
  return (
    <div className="alert alert-error" role="alert">
      {heading && <strong>{heading}. </strong>}
      {error.message}
    </div>
  );
}

export function StatusBadge({ status }: { status: ServiceStatus }) {
  return <span className={`badge tone-${statusTone(status)}`}>{statusLabel(status)}</span>;
}

export function Field(props: {
  label: string;
  error?: string | undefined;
  hint?: string;
  children: (id: string, describedBy: string | undefined) => ReactNode;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  const describedBy = props.error || props.hint ? hintId : undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      {props.children(id, describedBy)}
      {props.error ? (
        <div id={hintId} className="field-error">
          {props.error}
        </div>
      ) : props.hint ? (
        <div id={hintId} className="field-hint">
          {props.hint}
        </div>
      ) : null}
    </div>
  );
}

export function Kbd({ children }: { children: ReactNode }) {
  return <kbd className="kbd">{children}</kbd>;
}
