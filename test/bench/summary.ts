/** One figure of issue 14's table: what Recupera measured, its peer in the same run, the goal met or not. */
export interface Figure {
  figure: string;
  ours: string;
  peer: string;
  ratio: string;
  goal: string;
  /** null: not measured in this run (a section left out, a peer not installed). */
  ok: boolean | null;
  /** Said instead of the verdict: for a figure that is there to explain the others, not to meet a goal. */
  verdict?: string;
}

const figures: Figure[] = [];

/** Recorded by each section as it prints its own lines; printed together at the end. */
export function addFigure(f: Figure): void {
  figures.push(f);
}

export const times = (x: number): string => `${x.toFixed(2)}×`;

/** The final table: every figure with its peer, ratio, goal and CUMPLE / NO CUMPLE. */
export function printSummary(): void {
  console.log('\nResumen (cifras del issue 14, una sola corrida)');
  const rows = [['cifra', 'Recupera', 'par en la misma corrida', 'razón', 'meta', ''], ...figures.map((f) => [f.figure, f.ours, f.peer, f.ratio, f.goal, f.verdict ?? (f.ok === null ? 'NO MEDIDO' : f.ok ? 'CUMPLE' : 'NO CUMPLE')])];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const r of rows) console.log(r.map((c, i) => c.padEnd(widths[i]!)).join(' | '));
}
