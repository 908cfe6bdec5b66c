import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const shared = { testTimeout: 60_000, hookTimeout: 60_000, pool: 'forks' as const };

export default defineConfig({
  test: {
    // The main process and shared code run in Node; the renderer's components need a DOM.
    projects: [
      { test: { ...shared, name: 'node', include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'], environment: 'node' } },
      {
        plugins: [react()],
        test: { ...shared, name: 'renderer', include: ['test/renderer/**/*.test.{ts,tsx}'], environment: 'jsdom', setupFiles: ['test/renderer/setup.ts'] },
      },
    ],
  },
});
