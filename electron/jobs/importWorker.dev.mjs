// Development entry for the import worker: lets a worker thread load the TypeScript source
// (under tsx and vitest). Builds use the bundled import-worker.mjs instead.
import { register } from 'tsx/esm/api';

register();
await import('./importWorker.ts');
