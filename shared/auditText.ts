/** "1 acta", "3 actas", "1.250 filas": counts inside audit descriptions read as Spanish. */
export function countOf(n: number, one: string, many: string): string {
  return `${n.toLocaleString('es-EC')} ${n === 1 ? one : many}`;
}
