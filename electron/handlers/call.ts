import type { Contract, InputOf, OutputOf } from '../../shared/contracts/contract';
import type { Result } from '../../shared/result';
import type { CallContext } from '../app/services';
import { dispatch } from './table';

/** Typed call into the handler table, for the CLI, the benchmark and tests. */
export function call<C extends Contract>(ctx: CallContext, c: C, input: InputOf<C>): Promise<Result<OutputOf<C>>> {
  return dispatch(c.channel, input, ctx) as Promise<Result<OutputOf<C>>>;
}
