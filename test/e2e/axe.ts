import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { AxeResults, RunOptions } from 'axe-core';

/** axe-core's bundle, evaluated in the page rather than added as a script tag: the renderer's CSP refuses script tags it did not ship. */
const AXE_SOURCE = readFileSync(join(process.cwd(), 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

export interface Finding {
  where: string;
  rule: string;
  impact: string;
  nodes: string[];
}

/** Runs axe on one document (a frame's own document included, each on its own) and returns what it finds, located by `where`. */
async function runIn(target: Page, where: string, disabled: string[]): Promise<Finding[]> {
  await target.evaluate(AXE_SOURCE);
  const violations = await target.evaluate(async (rules: string[]) => {
    // This runs in the page; the tests' own compilation knows no DOM, hence the page's globals by name.
    const page = globalThis as unknown as { axe: { run(context: unknown, options: RunOptions): Promise<AxeResults> }; document: unknown };
    const options: RunOptions = { iframes: false, rules: Object.fromEntries(rules.map((r) => [r, { enabled: false }])) };
    const r = await page.axe.run(page.document, options);
    return r.violations.map((v) => ({ rule: v.id, impact: v.impact ?? '', nodes: v.nodes.map((n) => `${n.target.join(' ')} ${n.html.slice(0, 140)}`) }));
  }, disabled);
  return violations.map((v) => ({ where, ...v }));
}

/**
 * Rules axe settles for a frame from the page around it (a main landmark and a level-one heading
 * anywhere in the page, content inside a landmark when its frame is): a frame checked on its own
 * would fail them although the frame sits inside the screen's main, under its h1.
 */
const FRAME_ANSWERED_BY_PAGE = ['landmark-one-main', 'page-has-heading-one', 'region'];

/**
 * axe on the page and on each of its frames. A frame is checked on a page of its own holding the
 * same HTML: the acta's preview is sandboxed without scripts, where axe would never answer.
 */
export async function axeFindings(page: Page, where: string, disabled: string[] = []): Promise<Finding[]> {
  const out = await runIn(page, where, disabled);
  for (const frame of page.frames()) {
    if (frame === page.mainFrame()) continue;
    const html = await frame.content();
    const alone = await page.context().newPage();
    try {
      await alone.setContent(html);
      out.push(...(await runIn(alone, `${where} › marco`, [...disabled, ...FRAME_ANSWERED_BY_PAGE])));
    } finally {
      await alone.close();
    }
  }
  return out;
}
