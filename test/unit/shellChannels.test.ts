import { describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { CHANNELS } from '../../shared/contracts';
import { CHANNEL_LIST } from '../../shared/contracts/channelList';

describe('generated channel list', () => {
  it('equals the contracted channels', () => {
    const hint = 'shared/contracts/channelList.ts está desactualizado: ejecute `node scripts/generate-channels.mjs`';
    expect([...CHANNEL_LIST], hint).toEqual([...CHANNELS]);
  });
});

describe('preload bundle', () => {
  it('is small and carries no zod or contract schemas', async () => {
    // Built as scripts/build.mjs builds it: a sandboxed preload inlines everything but electron.
    const out = await build({
      entryPoints: ['electron/shell/preload.ts'],
      bundle: true,
      platform: 'node',
      target: 'node22',
      format: 'cjs',
      external: ['electron'],
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const code = out.outputFiles[0]!.text;
    expect(code.length).toBeLessThan(20 * 1024);
    const inputs = Object.keys(out.metafile.inputs);
    expect(inputs.filter((i) => i.includes('node_modules'))).toEqual([]);
    expect(inputs.filter((i) => i.startsWith('shared/contracts/')).sort()).toEqual(['shared/contracts/channelList.ts', 'shared/contracts/shellChannels.ts']);
    expect(code).not.toMatch(/zod|safeParse/);
    expect(code).toContain('"app:info"');
  });
});
