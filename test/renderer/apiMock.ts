import { vi } from 'vitest';
import type { Contract, InputOf, OutputOf } from '../../shared/contracts/contract';
import type { PickedFile } from '../../shared/contracts/fileRef';
import { fail, type Result } from '../../shared/result';

type Handler = (input: unknown) => Result<unknown> | Promise<Result<unknown>>;
const handlers = new Map<string, Handler>();

/** Says what the main process answers on one contract's channel, for the rest of the test. */
export function answer<C extends Contract>(c: C, fn: (input: InputOf<C>) => Result<OutputOf<C>> | Promise<Result<OutputOf<C>>>): void {
  handlers.set(c.channel, fn as Handler);
}

export function resetApi(): void {
  handlers.clear();
  invoke.mockClear();
  saveReport.mockClear();
  pickFile.mockClear();
}

/** The inputs every call on a contract's channel received, in order. */
export function callsTo<C extends Contract>(c: C): Array<InputOf<C>> {
  return invoke.mock.calls.filter(([called]) => called.channel === c.channel).map(([, input]) => input as InputOf<C>);
}

const refusedListeners = new Set<() => void>();
/** As the real client: told after every refused call. */
export function onRefused(listener: () => void): () => void {
  refusedListeners.add(listener);
  return () => {
    refusedListeners.delete(listener);
  };
}

export const invoke = vi.fn(async (c: Contract, input: unknown): Promise<Result<unknown>> => {
  const h = handlers.get(c.channel);
  const r = h ? await h(input) : fail('internal', `Sin respuesta de prueba para ${c.channel}.`);
  if (!r.ok && r.error.kind === 'refused') for (const listener of refusedListeners) listener();
  return r;
});
export const saveReport = vi.fn(async (_path: string, _name: string): Promise<void> => {});
/** The token the stand-in shell issues for a chosen file: opaque to the renderer, told apart by name in assertions. */
export const tokenFor = (name: string): string => `elegido_${name.replace(/[^A-Za-z0-9_-]/g, '_')}`.padEnd(20, '_');
export const pickFile = vi.fn(async (file: File): Promise<Result<PickedFile>> => ({ ok: true, value: { token: tokenFor(file.name), name: file.name } }));

/** Replaces renderer/src/api/client: the renderer's only door to the main process. */
export const clientModule = { invoke, saveReport, pickFile, onRefused, isElectron: () => false };
