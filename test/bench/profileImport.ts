import { existsSync } from 'node:fs';
import { openTestDatabase } from '../helpers/encryptedDb';
import { writeDemoWorkbook } from '../../electron/demo/generate';
import { runBaseImport } from '../../electron/import/baseImport';

/** Profiling aid: the import in-process on one thread (run with --cpu-prof). */
const rows = Number(process.argv[2] ?? 100_000);
const file = `/tmp/prof/base-${rows}.xlsx`;
if (!existsSync(file)) await writeDemoWorkbook(file, { customers: Math.ceil(rows / 2.2), seed: 3 }, { maxRows: rows, omit: ['email'] });
const db = openTestDatabase(`/tmp/prof/db-${Date.now()}.sqlite`);
const t0 = performance.now();
const s = await runBaseImport({ db, path: file, mode: 'commit', stationCode: 'P', threadedReader: process.argv[3] === 'thread' });
console.log(s.rows, ((performance.now() - t0) / 1000).toFixed(1), 's');
