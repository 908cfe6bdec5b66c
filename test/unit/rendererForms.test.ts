import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// The browser's own form checks speak the browser's language («Please fill out this field.»,
// «Value must be less than or equal to 60.»): every form leaves checking to its own Spanish messages.

const ROOT = join(__dirname, '..', '..');

function tsxUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsxUnder(join(dir, e.name)) : e.name.endsWith('.tsx') ? [join(dir, e.name)] : [],
  );
}

describe('forms in the renderer', () => {
  it('turn the browser’s own validation off (noValidate), so no English message reaches a user', () => {
    const forms: string[] = [];
    const unchecked: string[] = [];
    for (const file of tsxUnder(join(ROOT, 'renderer', 'src'))) {
      const code = readFileSync(file, 'utf8');
      for (const m of code.matchAll(/<form(?=[\s>])/g)) {
        const tag = code.slice(m.index, code.indexOf('>', m.index));
        forms.push(relative(ROOT, file));
        if (!/\bnoValidate\b/.test(tag)) unchecked.push(relative(ROOT, file));
      }
    }
    // The scan finds the forms it should: a broken pattern would find none and pass.
    expect(forms.length).toBeGreaterThan(15);
    expect(unchecked).toEqual([]);
  });
});
