import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
// @ts-expect-error a plain .mjs build script, without types
import { actaFontSource, fontPackageLicense } from '../../scripts/generate-acta-font.mjs';
import { ACTA_FONT_BOLD, ACTA_FONT_REGULAR } from '../../shared/acta/actaFont';
import { ACTA_CSS } from '../../shared/acta/template';

describe('the acta typeface', () => {
  it('is the pinned Arimo package, regenerated (node scripts/generate-acta-font.mjs), with its licence shipped beside it', () => {
    expect(readFileSync('shared/acta/actaFont.ts', 'utf8')).toBe((actaFontSource as () => string)());
    expect(readFileSync('build/licenses/Arimo-OFL.txt', 'utf8')).toBe(readFileSync(fontPackageLicense as string, 'utf8'));
    const builder = parse(readFileSync('electron-builder.yml', 'utf8')) as { extraResources?: unknown };
    expect(builder.extraResources).toContainEqual({ from: 'build/licenses', to: 'licenses' });
  });

  it('is two WOFF2 faces, regular and bold, named in the acta stylesheet before any system font', () => {
    for (const face of [ACTA_FONT_REGULAR, ACTA_FONT_BOLD]) expect(Buffer.from(face, 'base64').subarray(0, 4).toString('latin1')).toBe('wOF2');
    expect(ACTA_CSS).toContain(`font-weight: 400; src: url(data:font/woff2;base64,${ACTA_FONT_REGULAR})`);
    expect(ACTA_CSS).toContain(`font-weight: 700; src: url(data:font/woff2;base64,${ACTA_FONT_BOLD})`);
    expect(ACTA_CSS).toMatch(/body \{ font-family: 'Arimo', /);
  });
});
