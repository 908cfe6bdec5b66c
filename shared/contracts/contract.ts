import { z } from 'zod';
import { isCents, type Cents } from '../money';

// Messages the user may read come in Spanish, including zod's defaults for missing fields.
z.config(z.locales.es());

/** One IPC call: channel `domain:verb`, with the shape of what goes in and what comes back. */
export interface Contract<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  channel: string;
  input: I;
  output: O;
}

export function contract<I extends z.ZodType, O extends z.ZodType>(channel: string, input: I, output: O): Contract<I, O> {
  return { channel, input, output };
}

export type InputOf<C> = C extends Contract<infer I, z.ZodType> ? z.input<I> : never;
export type OutputOf<C> = C extends Contract<z.ZodType, infer O> ? z.output<O> : never;

export const Empty = z.object({}).strict();

/** Money crosses every boundary as whole cents, branded so dollars cannot pass for it. */
export const CentsSchema = z.custom<Cents>(isCents, { message: 'Se esperaba un valor en centavos (número entero).' });
