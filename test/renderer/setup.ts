import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

// Without globals, Testing Library cannot register its own cleanup: each test starts on an empty page.
afterEach(cleanup);
