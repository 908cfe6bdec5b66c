import type { CallContext } from '../app/services';
import { getLocalStation } from '../db/stations';
import { generateBaseRows, writeDemoWorkbook } from '../demo/generate';
import { loadBaseRows } from '../import/stagedBase';

/** Loads a synthetic base straight into the database (no file), or writes it as a base workbook. */
export async function runDemo(o: { ctx?: CallContext; xlsx?: string; customers: number; seed: number }): Promise<string> {
  if (o.xlsx) {
    const { rows } = await writeDemoWorkbook(o.xlsx, { customers: o.customers, seed: o.seed });
    return `Base de demostración escrita en ${o.xlsx}: ${rows} filas de ${o.customers} clientes.`;
  }
  const db = o.ctx!.app.db;
  const station = getLocalStation(db)?.code ?? 'DEMO';
  const c = await loadBaseRows(db, generateBaseRows({ customers: o.customers, seed: o.seed }), station);
  return `Base de demostración cargada: ${c.rows} filas (${c.inserted} nuevas, ${c.updated} actualizadas, ${c.unchanged} sin cambios) de ${o.customers} clientes.`;
}
