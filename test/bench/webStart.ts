import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { line, measure, verdict } from './measure';
import { addFigure } from './summary';

const node = process.execPath;
const tsxArgs = ['--import', 'tsx'];

/** The browser mode from its start to the sign-in screen usable in Chromium, on the imported base (median of `count` runs). */
export async function webStartBench(dbPath: string, count: number): Promise<void> {
  console.log('\n(j) Modo navegador: arranque hasta la pantalla de ingreso usable (Chromium ya abierto)');
  if (!existsSync('dist/renderer/index.html')) execFileSync(node, ['scripts/build.mjs', '--renderer-only'], { stdio: 'inherit' });
  const runs: Array<{ seconds: number; serverSeconds: number; pageSeconds: number }> = [];
  for (let i = 0; i < count; i++) {
    const m = await measure(node, [...tsxArgs, 'test/bench/webStartChild.ts', dbPath]);
    if (m.code !== 0) throw new Error('web start failed');
    runs.push(JSON.parse(m.stdout) as (typeof runs)[number]);
  }
  const r = [...runs].sort((a, b) => a.seconds - b.seconds)[Math.floor(runs.length / 2)]!;
  line('  servidor listo (dirección impresa)', `${r.serverSeconds.toFixed(2)} s`);
  line('  página hasta el formulario usable', `${r.pageSeconds.toFixed(2)} s`);
  line('  arranque → pantalla de ingreso usable', `${r.seconds.toFixed(2)} s`, `meta ≤ 1 s  ${verdict(r.seconds <= 1)}`);
  addFigure({ figure: 'modo navegador: arranque → ingreso usable', ours: `${r.seconds.toFixed(2)} s`, peer: '—', ratio: '—', goal: '≤ 1 s', ok: r.seconds <= 1 });
}

