import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = ['node:*', 'fs', 'fs/*', 'path', 'os', 'crypto', 'child_process', 'worker_threads', 'stream', 'http', 'url', 'util', 'zlib', 'buffer'];

// Folder means runtime (see README): shared/ is pure, renderer/ never reaches into electron/,
// and only the shell files talk to Electron.
export default tseslint.config(
  { ignores: ['dist/**', 'dist-electron/**', 'release/**', 'node_modules/**', 'native/**', 'test-results/**', 'playwright-report/**', '.bench-cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Only electron/shell/* may import electron.' }] }],
    },
  },
  {
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'shared/ is pure TypeScript.' }],
          patterns: [
            { group: NODE_BUILTINS, message: 'shared/ runs in both processes: no Node modules.' },
            { group: ['**/electron/**', '**/renderer/**', 'react', 'react-dom'], message: 'shared/ imports only shared/ and pure libraries.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'process', 'Buffer', 'require'],
    },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer talks to the main process only through the preload bridge.' }],
          patterns: [
            { group: ['**/electron/**'], message: 'renderer/ never imports electron/: use a contract in shared/.' },
            { group: NODE_BUILTINS, message: 'The renderer has no Node.' },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/shell/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['test/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
