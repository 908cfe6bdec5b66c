// Development entry for the table reader thread (see electron/platform/workerEntry.ts).
import { register } from 'tsx/esm/api';

register();
await import('./tableReaderThread.ts');
