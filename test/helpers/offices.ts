import type { RawBaseRow } from '../../shared/baseFields';
import type { z } from 'zod';
import type { Contract, InputOf } from '../../shared/contracts/contract';
import { searchQuery, type CustomerCard } from '../../shared/contracts/customers';
import { handoversSave } from '../../shared/contracts/handovers';
import type { JobKind } from '../../shared/contracts/jobKinds';
import { jobResult } from '../../shared/contracts/jobs';
import { call } from '../../electron/handlers/call';
import { loadBaseRows } from '../../electron/import/stagedBase';
import { admin, testApp, type TestApp } from './app';

/** The small base every office and Posventa load in these tests. */
export const SMALL_BASE: RawBaseRow[] = [
  { identification: '1712345675', name: 'PÉREZ LÓPEZ JUAN CARLOS', serviceNumber: '1001', businessLine: 'Internet', cancelDate: '2020-05-10', equipmentType: 'MODEM', brand: 'HUAWEI', serial: 'HW-1', value: 45, phone: '0991234567', chargesLoaded: 'NO' },
  { identification: '1712345675', name: 'PÉREZ LÓPEZ JUAN CARLOS', serviceNumber: '1001', businessLine: 'Internet', cancelDate: '2020-05-10', equipmentType: 'FUENTE', brand: 'HUAWEI', serial: 'PS-1', value: 6, phone: '0991234567', chargesLoaded: 'NO' },
  { identification: '1712345675', name: 'PÉREZ LÓPEZ JUAN CARLOS', serviceNumber: '2002', businessLine: 'TV', cancelDate: '2020-06-01', equipmentType: 'DECODIFICADOR', brand: 'KAON', serial: 'KA-1', value: 60, phone: '0991234567', chargesLoaded: 'SI', paid: 'NO', claim: 'NO' },
  { identification: '0102030400', name: 'ANDRADE VERA ANA', serviceNumber: '3003', businessLine: 'TV', cancelDate: '2020-07-15', equipmentType: 'DECODIFICADOR', brand: 'KAON', serial: 'KA-9', value: 60, phone: '0987654321', chargesLoaded: 'SI', paid: 'NO', claim: 'NO' },
  { identification: '0912345675', name: '=HYPERLINK("http://x","ROSA")', serviceNumber: '4004', businessLine: 'Internet', cancelDate: '2020-08-20', equipmentType: 'ONT', brand: 'ZTE', serial: 'ZT-4', value: 40, phone: '0971112222', chargesLoaded: 'SI', paid: 'SI', claim: 'NO' },
  { identification: '1104680135', name: 'DE LA TORRE DEL POZO MARIA JOSE', serviceNumber: '5005', businessLine: 'Internet', cancelDate: '2020-09-01', equipmentType: 'MODEM', brand: 'HUAWEI', serial: 'HW-5', value: 45, phone: '0961112222', chargesLoaded: 'NO' },
];

export const coordinator = { ...admin, id: 'coord-1', role: 'COORDINADOR' as const, fullName: 'Coordinadora Regional' };
export const clerk = { id: 'clerk-1', username: 'asesor', fullName: 'Asesor Uno', role: 'ASESOR' as const };
export const posventa = { ...admin, id: 'pv-1', role: 'POSVENTA' as const, fullName: 'Analista Posventa' };

/** An office (or, `central`, Posventa's) PC: its own database, station and key, and the small base loaded. */
export async function office(code: string, officeName: string, base: RawBaseRow[] = SMALL_BASE, o: { central?: boolean } = {}): Promise<TestApp> {
  const t = await testApp({ station: { code, office: officeName }, central: o.central });
  await loadBaseRows(t.ctx.app.db, base, code);
  t.ctx.session.user = clerk;
  return t;
}

export async function card(t: TestApp, text: string): Promise<CustomerCard> {
  const r = await call(t.ctx, searchQuery, { text, limit: 1 });
  if (!r.ok || !r.value.results[0]) throw new Error(`customer not found: ${text}`);
  return r.value.results[0];
}

/** Records an acta for the given serials of one customer; returns its id and number. */
export async function returnSerials(t: TestApp, identification: string, serials: string[]): Promise<{ id: string; number: string }> {
  const c = await card(t, identification);
  const items = serials.map((serial) => {
    for (const s of c.services) for (const i of s.items) if (i.serial === serial) return { expectedItemId: i.id, serviceId: s.id, type: i.type ?? '', serial, condition: 'BUENO' as const, accessories: [] };
    throw new Error(`no item ${serial}`);
  });
  const r = await call(t.ctx, handoversSave, { customerId: c.id, deliveredBy: 'TITULAR', items });
  if (!r.ok) throw new Error(r.error.message);
  return { id: r.value.id, number: r.value.number };
}

/** A contract whose call starts a job. */
type StartsJob = Contract<z.ZodType, z.ZodType<{ jobId: string }>>;

/** Calls a contract that starts a job of `kind`, as `user`, and waits for the job's result. */
export async function runJob<C extends StartsJob, R extends z.ZodType>(
  t: TestApp,
  kind: JobKind<string, z.ZodObject, R>,
  c: C,
  input: InputOf<C>,
  user = admin,
): Promise<z.output<R>> {
  const previous = t.ctx.session.user;
  t.ctx.session.user = user;
  try {
    const started = await call<StartsJob>(t.ctx, c, input);
    if (!started.ok) throw new Error(started.error.message);
    const result = jobResult(kind, await t.ctx.app.jobs.wait(started.value.jobId));
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  } finally {
    t.ctx.session.user = previous;
  }
}
