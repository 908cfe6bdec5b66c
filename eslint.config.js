import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = ['node:*', 'fs', 'fs/*', 'path', 'os', 'crypto', 'child_process', 'worker_threads', 'stream', 'stream/*', 'http', 'url', 'util', 'zlib', 'buffer', 'events', 'string_decoder'];
// Packages that only run in Node; the same list is in .dependency-cruiser.cjs.
const NODE_ONLY = ['better-sqlite3', 'exceljs', 'yauzl', 'yazl', 'saxes', 'csv-parse', 'mailparser', 'playwright-core', 'qrcode'];

// Folder means runtime (see README): shared/ is pure, renderer/ never reaches into electron/, and
// only the shell files talk to Electron. The layers inside electron/ and the ban on import cycles
// are checked by dependency-cruiser (.dependency-cruiser.cjs), which `npm run lint` runs too.
export default tseslint.config(
  { ignores: ['dist/**', 'dist-electron/**', 'dist-web/**', 'release/**', 'node_modules/**', 'native/**', 'test-results/**', 'playwright-report/**', '.bench-cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: {
        // Each file is checked with the types of the tsconfig.json nearest to it; the few
        // JavaScript files (build scripts, dev worker entries, this config) get a default program.
        projectService: {
          allowDefaultProject: ['*.js', '*.cjs', 'scripts/*.mjs', 'electron/*/*.dev.mjs', 'test/fixtures/*.mjs'],
          maximumDefaultProjectFileMatchCount_THIS_WILL_SLOW_DOWN_LINTING: 16,
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Only electron/shell/* may import electron.' }] }],
      // A switch lists every member of its union or says what the others do (a `default`); a switch
      // that must handle each member (job kinds, statuses) ends with `default: x satisfies never`.
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      // A promise nobody awaits loses its error: a failed write or job would pass in silence.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      // Files stay small enough to read in one sitting; split by topic before this.
      'max-lines': ['error', { max: 400 }],
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
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
            { group: NODE_ONLY, message: 'shared/ runs in both processes: no Node-only packages.' },
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
            { group: NODE_ONLY, message: 'The renderer has no Node: this package runs in the main process only.' },
          ],
        },
      ],
      // React calls event handlers and ignores what they return; an async handler is fine there.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
    },
  },
  {
    files: ['electron/shell/**', 'scripts/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['test/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
