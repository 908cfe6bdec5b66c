import { useState, type FormEvent } from 'react';
import { handoversVerify, type ActaVerification } from '../../../../shared/contracts/handovers';
import type { AppError } from '../../../../shared/result';
import { invoke } from '../../api/client';
import { ActaVerdict } from '../../components/ActaVerdict';
import { ErrorBox, Field } from '../../components/common';

/**
 * Verificar acta: scan the QR of a printed acta (or type its number and code). The QR carries the
 * issuing station's signature, so an acta of another office verifies here without its record.
 */
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
    <form noValidate className="panel" onSubmit={submit} aria-label="Verificar acta">
      <h2>Verificar un acta impresa</h2>
      {/* The code and its button on one line: the day's actas below stay in sight. */}
      <div className="verify-row">
        <Field label="Código del acta" hint="Escanee el QR del acta o escriba su número y el código de verificación (por ejemplo ABCD-EFGH).">
          {(id, d) => <input id={id} aria-describedby={d} value={text} autoComplete="off" spellCheck={false} onChange={(e) => setText(e.target.value)} />}
        </Field>
        <button type="submit" className="btn">
          Verificar
        </button>
      </div>
      <ErrorBox error={error} />
      {result && (
        <div style={{ marginTop: '0.8rem' }}>
          <ActaVerdict result={result} onOpen={onOpen} />
        </div>
      )}
    </form>
  );
}
