import { workerEntry } from '../platform/workerEntry';

export function jobWorkerEntry(): URL {
  return workerEntry(new URL('./job-worker.mjs', import.meta.url), new URL('./jobWorker.dev.mjs', import.meta.url));
}
