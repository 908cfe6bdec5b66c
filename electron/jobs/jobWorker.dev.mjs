// Development entry for the job worker: lets a worker thread load the TypeScript source
// (under tsx and vitest). Builds use the bundled job-worker.mjs instead.
import { register } from 'tsx/esm/api';

register();
await import('./jobWorker.ts');
