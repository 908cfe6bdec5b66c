import { handoversVerify } from '../../shared/contracts/handovers';
import { closeServices } from '../app/services';
import { call } from '../handlers/call';
import { args, context, EXIT, need, UsageError } from './cliArgs';

type Out = (s: string) => void;

/**
 * `verificar TEXTO --db RUTA [--json]`: what the Actas screen does with a scanned QR, a number and
 * code, or a code alone. Exit 0 with a verdict of any kind (the verdict is the answer), 2 when the
 * text could not be checked at all.
 */
export async function verifyCmd(argv: string[], out: Out, err: Out): Promise<number> {
  const a = args(argv, { db: { type: 'string' }, json: { type: 'boolean' } });
  const text = a.positionals.join(' ').trim();
  if (!text) throw new UsageError('Indique el texto del código QR, o el número del acta y su código de verificación.');
  const ctx = context(need(a.values.db, 'db'));
  try {
    const r = await call(ctx, handoversVerify, { text });
    if (!r.ok) {
      err(r.error.message);
      return EXIT.refused;
    }
    const v = r.value;
    if (a.values.json) {
      out(JSON.stringify({ verdict: v.verdict, message: v.message, acta: v.acta, number: v.number, station: v.station, signedBy: v.signedBy, recordKnown: v.recordKnown }));
    } else {
      out(`${v.verdict}: ${v.message}`);
      if (v.signedBy) out(`Huella de la firma: ${v.signedBy}`);
    }
    return EXIT.ok;
  } finally {
    await closeServices(ctx.app);
  }
}
