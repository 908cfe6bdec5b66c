import type { CallContext } from '../app/services';
import { parsePriceList } from '../../shared/prices';
import { pricesOf, writePrices } from '../db/settings';
import { getLocalStation } from '../db/stations';
import { runWrite } from '../db/writeSession';
import { generateBaseRows, writeDemoWorkbook } from '../demo/generate';
import { DEMO_PRICES } from '../demo/prices';
import { loadBaseRows } from '../import/stagedBase';

/** Loads a synthetic base straight into the database (no file), or writes it as a base workbook. */
export async function runDemo(o: { ctx?: CallContext; xlsx?: string; customers: number; seed: number }): Promise<string> {
  if (o.xlsx) {
    const { rows } = await writeDemoWorkbook(o.xlsx, { customers: o.customers, seed: o.seed });
    return `Base de demostración escrita en ${o.xlsx}: ${rows} filas de ${o.customers} clientes.`;
  }
  const db = o.ctx!.app.db;
  const station = getLocalStation(db)?.code ?? 'DEMO';
  // A demo station gets realistic prices per type, unless someone has set prices already.
  if (Object.keys(pricesOf(db)).length === 0) runWrite(db, (tx) => writePrices(tx, parsePriceList(DEMO_PRICES)));
  const c = await loadBaseRows(db, generateBaseRows({ customers: o.customers, seed: o.seed }), station);
  return `Base de demostración cargada: ${c.rows} filas (${c.inserted} nuevas, ${c.updated} actualizadas, ${c.unchanged} sin cambios) de ${o.customers} clientes.`;
}
