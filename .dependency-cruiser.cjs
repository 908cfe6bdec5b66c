// Which code may import which, checked by `npm run lint` (depcruise) on every file.
//
// electron/ is four layers; a folder imports only from its own layer or the layers below it:
//
//   platform      db, files, spreadsheet (readers), xlsx (writers), pdf, auth, platform (cancellation,
//                 progress, worker entries, CSP, version): talks to SQLite, the disk and libraries.
//   use cases     import, handovers, backups, sync, depuration, search, mail, demo, stations, dbBackups
//                 (copies of the database, not respaldo documents), closes (cierre del día),
//                 campaigns (starting a new one, archiving the old): the campaign's rules.
//   application   handlers, jobs, app: what the shell, the browser mode and the CLI call.
//   entry points  shell, web, cli: one process each; they never import each other.
//
// Inside a layer a folder may use a sibling only where SIBLINGS below says so (e.g. mail registers
// respaldos through backups; the handlers reach the services in app). SIBLINGS must stay acyclic:
// this file refuses to load otherwise, so no two folders can come to depend on each other.
// `shared/` is pure TypeScript for both processes; `renderer/` sees only `shared/` and browser
// packages; only `electron/shell/` imports Electron. No file may take part in an import cycle, and
// neither may any folder (in electron/, shared/, renderer/ or test/).

const LAYERS = [
  ['db', 'files', 'spreadsheet', 'xlsx', 'pdf', 'auth', 'platform'],
  ['import', 'handovers', 'backups', 'sync', 'depuration', 'search', 'mail', 'demo', 'stations', 'dbBackups', 'closes', 'campaigns'],
  ['handlers', 'jobs', 'app'],
  ['shell', 'web', 'cli'],
];

/**
 * Same-layer folders each folder may import (its own folder always): only real dependencies. Add
 * one here when a use case truly needs another; the check below refuses a cycle.
 */
const SIBLINGS = {
  db: ['files'],
  files: ['platform'],
  spreadsheet: ['files', 'platform'],
  xlsx: ['files'],
  pdf: ['platform'],
  auth: ['files'],
  platform: [],
  handovers: ['backups'],
  backups: [],
  import: ['handovers'],
  mail: ['backups'],
  sync: ['backups', 'import'],
  depuration: [],
  search: [],
  demo: [],
  stations: [],
  dbBackups: [],
  closes: [],
  campaigns: ['dbBackups'],
  app: ['jobs'],
  jobs: [],
  handlers: ['app', 'jobs'],
  shell: [],
  web: [],
  cli: [],
};

/** Packages that only run in Node: never in shared/ (loaded by the renderer) nor in renderer/. */
const NODE_ONLY = ['better-sqlite3-multiple-ciphers', 'exceljs', 'yauzl', 'yazl', 'csv-parse', 'mailparser', 'playwright-core', 'qrcode', 'electron'];

function assertAcyclic(graph) {
  const state = new Map();
  const visit = (node, path) => {
    if (state.get(node) === 'done') return;
    if (state.get(node) === 'open') throw new Error(`.dependency-cruiser.cjs: SIBLINGS has a cycle: ${[...path, node].join(' → ')}`);
    state.set(node, 'open');
    for (const next of graph[node] ?? []) visit(next, [...path, node]);
    state.set(node, 'done');
  };
  for (const node of Object.keys(graph)) visit(node, []);
}

function checkFolders() {
  const all = LAYERS.flat();
  for (const [folder, siblings] of Object.entries(SIBLINGS)) {
    const layer = LAYERS.find((l) => l.includes(folder));
    if (!layer) throw new Error(`.dependency-cruiser.cjs: ${folder} is in no layer`);
    for (const s of siblings) {
      if (!layer.includes(s)) throw new Error(`.dependency-cruiser.cjs: ${folder} → ${s} is not within one layer`);
    }
  }
  for (const f of all) if (!(f in SIBLINGS)) throw new Error(`.dependency-cruiser.cjs: ${f} has no SIBLINGS entry`);
  assertAcyclic(SIBLINGS);
}
checkFolders();

const folders = (names) => `^electron/(${names.join('|')})/`;
const packages = (names) => `(^|/)node_modules/(@types/)?(${names.join('|')})/`;

const layerRules = LAYERS.flatMap((layer, i) => {
  const above = LAYERS.slice(i + 1).flat();
  const rules = [];
  if (above.length > 0) {
    rules.push({
      name: `layer-${layer[0]}-imports-upward`,
      comment: `${layer.join(', ')} may not import a higher layer (${above.join(', ')}).`,
      severity: 'error',
      from: { path: folders(layer) },
      to: { path: folders(above) },
    });
  }
  for (const folder of layer) {
    const others = layer.filter((f) => f !== folder && !SIBLINGS[folder].includes(f));
    if (others.length === 0) continue;
    rules.push({
      name: `sibling-${folder}`,
      comment: `electron/${folder}/ may use only ${SIBLINGS[folder].join(', ') || 'no other folder'} of its own layer (see SIBLINGS).`,
      severity: 'error',
      from: { path: `^electron/${folder}/` },
      to: { path: folders(others) },
    });
  }
  return rules;
});

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'An import cycle between files.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-folder-cycle',
      comment: 'Two folders import each other (directly or through others).',
      severity: 'error',
      scope: 'folder',
      from: {},
      to: { circular: true },
    },
    ...layerRules,
    {
      name: 'electron-only-in-shell',
      comment: 'Only electron/shell/ talks to Electron; everything else also runs under plain Node (CLI, browser mode, tests). scripts/ may ask the package for the binary to start.',
      severity: 'error',
      from: { path: '^(electron|shared|renderer)/', pathNot: '^electron/shell/' },
      to: { path: packages(['electron']) },
    },
    {
      name: 'shared-is-pure',
      comment: 'shared/ runs in both processes: only shared/ and pure libraries.',
      severity: 'error',
      from: { path: '^shared/' },
      to: { pathNot: ['^shared/', packages(['zod'])] },
    },
    {
      name: 'shared-no-node',
      comment: 'shared/ runs in both processes: no Node modules.',
      severity: 'error',
      from: { path: '^shared/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'renderer-only-shared',
      comment: 'The renderer talks to the main process only through the contracts in shared/.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: '^(electron|test|scripts)/' },
    },
    {
      name: 'renderer-no-node',
      comment: 'The renderer has no Node: no Node modules, no Node-only packages.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'renderer-no-node-packages',
      comment: 'The renderer has no Node: no Node-only packages.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: packages(NODE_ONLY) },
    },
    {
      name: 'app-code-not-from-tests',
      comment: 'Production code never imports tests, benchmarks or build scripts.',
      severity: 'error',
      from: { path: '^(electron|shared|renderer)/' },
      to: { path: '^(test|scripts)/' },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that resolves to nothing.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|dist-electron|release|native|test-results|playwright-report|\\.bench-cache)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    combinedDependencies: false,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.mjs', '.js', '.cjs', '.d.ts', '.json'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    skipAnalysisNotInRules: true,
  },
};
