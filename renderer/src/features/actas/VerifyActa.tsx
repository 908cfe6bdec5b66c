import { useState, type FormEvent } from 'react';
import { handoversVerify, type ActaVerification } from '../../../../shared/contracts/handovers';
import type { AppError } from '../../../../shared/result';
import { invoke } from '../../api/client';
import { ErrorBox, Field } from '../../components/common';

const TONE: Record<ActaVerification['outcome'], string> = {
  genuine: 'alert-ok',
  voided: 'alert-warn',
  altered: 'alert-error',
  code_mismatch: 'alert-error',
  not_found: 'alert-warn',
};

/** Verificar acta: scan the QR of a printed acta (or type its number and code) and check it against the records. */
export function VerifyActa({ onOpen }: { onOpen: (id: string) => void }) {
  const [text, setText] = useState('');
  const [result, setResult] = useState<ActaVerification | null>(null);
  const [error, setError] = useState<AppError | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const r = await invoke(handoversVerify, { text });
    if (!r.ok) {
      setResult(null);
      return setError(r.error);
    }
    setError(null);
    setResult(r.value);
  }

  return (
    <form className="panel" onSubmit={submit} aria-label="Verificar acta">
      <h2>Verificar un acta impresa</h2>
      <Field label="Código del acta" hint="Escanee el QR del acta o escriba su número y el código de verificación (por ejemplo ABCD-EFGH).">
        {(id, d) => <input id={id} aria-describedby={d} value={text} autoComplete="off" onChange={(e) => setText(e.target.value)} />}
      </Field>
      <button type="submit" className="btn">
        Verificar
      </button>
      <ErrorBox error={error} />
      {result && (
        <div className={`alert ${TONE[result.outcome]}`} role="status" style={{ marginTop: '0.8rem' }}>
          {result.message}{' '}
          {result.acta && (
            <button type="button" className="link" onClick={() => onOpen(result.acta!.id)}>
              Ver acta
            </button>
          )}
        </div>
      )}
    </form>
  );
}
