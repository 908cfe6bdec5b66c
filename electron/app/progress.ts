import type { ProgressInput, ProgressReport, StatusCounts, ValueSplit } from '../../shared/contracts/progress';
import { localDay, localDayStart } from '../../shared/dates';
import { cents } from '../../shared/money';
import { priceOf, type PriceList } from '../../shared/prices';
import { AppFailure, assertNever } from '../../shared/result';
import type { Role } from '../../shared/roles';
import type { ServiceStatus } from '../../shared/status';
import { BUSINESS_LINES } from '../../shared/values';
import type { ReadDb } from '../db/open';
import { activityRows, changeMarker, expectedByLineType, progressStations, returnedByLineType, servicesByLine, type LineTypeStatusRow } from '../db/progress';
import { campaignOf, pricesOf } from '../db/settings';
import { getLocalStation } from '../db/stations';

/**
 * Avance (docs/domain.md "Avance"): the one function that computes the figures, for the screen
 * (progress:report) and the command line (`avance`, through the same handler).
 */

/** Whose actas the activity figures cover: a coordinator's own station; Posventa and administrators every station, or one. */
export function progressScope(role: Role, localCode: string, requested: string | undefined): { national: boolean; station: string | null } {
  switch (role) {
    case 'COORDINADOR':
      if (requested !== undefined && requested !== localCode) {
        throw new AppFailure('refused', `Como coordinador ve el avance de su estación (${localCode}); el de otras estaciones lo ve Posventa.`);
      }
      return { national: false, station: localCode };
    case 'POSVENTA':
    case 'ADMIN':
      return { national: true, station: requested ?? null };
    case 'ASESOR':
      throw new AppFailure('refused', 'El avance de la campaña lo ven el coordinador, Posventa y el administrador.');
    default:
      return assertNever(role);
  }
}

const emptyCounts = (): StatusCounts => ({ total: 0, pending: 0, partial: 0, delivered: 0, inReview: 0, regularized: 0, rejected: 0 });
const emptyValue = (): ValueSplit => ({ totalCents: cents(0), recoveredCents: cents(0), owedCents: cents(0), inReviewCents: cents(0), regularizedCents: cents(0) });

function countStatus(c: StatusCounts, status: ServiceStatus, n: number): void {
  c.total += n;
  switch (status) {
    case 'PENDIENTE':
      c.pending += n;
      break;
    case 'ENTREGA_PARCIAL':
      c.partial += n;
      break;
    case 'ENTREGADO':
      c.delivered += n;
      break;
    case 'RESPALDO_EN_REVISION':
      c.inReview += n;
      break;
    case 'REGULARIZADO':
      c.regularized += n;
      break;
    case 'RESPALDO_RECHAZADO':
      c.rejected += n;
      break;
    default:
      assertNever(status);
  }
}

/** Where the value of items not returned goes, by their service's status; null: nowhere (a delivered service has none). */
function unreturnedBucket(status: ServiceStatus): 'owedCents' | 'inReviewCents' | 'regularizedCents' | null {
  switch (status) {
    case 'PENDIENTE':
    case 'ENTREGA_PARCIAL':
    case 'RESPALDO_RECHAZADO':
      return 'owedCents';
    case 'RESPALDO_EN_REVISION':
      return 'inReviewCents';
    case 'REGULARIZADO':
      return 'regularizedCents';
    case 'ENTREGADO':
      return null;
    default:
      return assertNever(status);
  }
}

interface Tally {
  items: { expected: number; returned: number; owed: number };
  value: ValueSplit;
}

const rowKey = (r: { line: string | null; type: string | null; status: string }) => `${r.line ?? ''}\u0000${r.type ?? ''}\u0000${r.status}`;

/** The items' value: the base's VALOR where usable, the type's price for the others (docs/domain.md, where a value comes from). */
function valueOf(row: LineTypeStatusRow, prices: PriceList): number {
  return row.cents + row.unvalued * (priceOf(prices, row.type) ?? 0);
}

function add(t: Tally, expected: LineTypeStatusRow, returned: LineTypeStatusRow | undefined, prices: PriceList): void {
  const rn = returned?.n ?? 0;
  const rc = returned ? valueOf(returned, prices) : 0;
  const ec = valueOf(expected, prices);
  t.items.expected += expected.n;
  t.items.returned += rn;
  t.value.totalCents = cents(t.value.totalCents + ec);
  t.value.recoveredCents = cents(t.value.recoveredCents + rc);
  const bucket = unreturnedBucket(expected.status);
  if (bucket === 'owedCents') t.items.owed += expected.n - rn;
  if (bucket) t.value[bucket] = cents(t.value[bucket] + ec - rc);
}

const newTally = (): Tally => ({ items: { expected: 0, returned: 0, owed: 0 }, value: emptyValue() });

function lineOrder(line: string | null): number {
  const i = (BUSINESS_LINES as readonly string[]).indexOf(line ?? '');
  return i === -1 ? BUSINESS_LINES.length : i;
}

/** Days from `a` to `b` (ISO days), negative when `b` is earlier. */
function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

function nextDay(iso: string): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** A chart of days reads best without holes; past about a year the gaps are left out rather than drawn. */
const MAX_FILLED_DAYS = 400;

type CampaignState = Pick<ProgressReport, 'campaign' | 'byLine' | 'byType'>;

/** The state of every service and expected item held here; the same whatever the period, station or caller. */
function campaignState(db: ReadDb): CampaignState {
  const campaignServices = emptyCounts();
  const lines = new Map<string | null, { services: StatusCounts; tally: Tally }>();
  const lineOf = (line: string | null) => {
    let l = lines.get(line);
    if (!l) lines.set(line, (l = { services: emptyCounts(), tally: newTally() }));
    return l;
  };
  for (const r of servicesByLine(db)) {
    countStatus(campaignServices, r.status, r.n);
    countStatus(lineOf(r.line).services, r.status, r.n);
  }
  const returned = new Map(returnedByLineType(db).map((r) => [rowKey(r), r]));
  const prices = pricesOf(db);
  const campaign = newTally();
  const types = new Map<string | null, Tally>();
  for (const e of expectedByLineType(db)) {
    const r = returned.get(rowKey(e));
    add(campaign, e, r, prices);
    add(lineOf(e.line).tally, e, r, prices);
    let t = types.get(e.type);
    if (!t) types.set(e.type, (t = newTally()));
    add(t, e, r, prices);
  }
  return {
    campaign: { services: campaignServices, items: campaign.items, value: campaign.value },
    byLine: [...lines.entries()]
      .sort(([a], [b]) => lineOrder(a) - lineOrder(b))
      .map(([line, l]) => ({ line, services: l.services, value: l.tally.value })),
    byType: [...types.entries()]
      .sort(([a, x], [b, y]) => y.items.expected - x.items.expected || (a ?? '').localeCompare(b ?? ''))
      .map(([type, t]) => ({ type, items: t.items, value: t.value })),
  };
}

/**
 * Over a million-row base the state is a pass over every service and expected item (seconds, not
 * a blink); changing the period or the station, printing or coming back to the screen reuses it
 * until something is written (docs/ARCHITECTURE.md "Avance").
 */
const stateCache = new WeakMap<ReadDb, { marker: string; state: CampaignState }>();

function cachedCampaignState(db: ReadDb): CampaignState {
  const marker = changeMarker(db);
  const hit = stateCache.get(db);
  if (hit?.marker === marker) return hit.state;
  const state = campaignState(db);
  stateCache.set(db, { marker, state });
  return state;
}

export function progressReport(db: ReadDb, input: ProgressInput, role: Role, now: Date = new Date()): ProgressReport {
  const local = getLocalStation(db);
  if (!local) throw new AppFailure('refused', 'Esta computadora todavía no está configurada. Complete el asistente de inicio.');
  const scope = progressScope(role, local.code, input.station);
  const known = progressStations(db);
  // Offices always; the central only when it has issued actas (it does not, as a rule).
  const listed = known.filter((s) => s.role !== 'CENTRAL' || s.has_actas === 1);
  if (scope.station !== null && scope.station !== local.code && !known.some((s) => s.code === scope.station)) {
    throw new AppFailure('not_found', `No hay una estación con el código ${scope.station} en esta base de datos.`);
  }
  const today = localDay(now.toISOString())!;
  const deadline = campaignOf(db).deadline;
  const state = cachedCampaignState(db);

  // The activity: actas of the period and scope, by local day and station.
  let toExclusive = '9999-12-31T23:59:59.999Z';
  if (input.to) {
    const end = localDayStart(input.to);
    end.setDate(end.getDate() + 1);
    toExclusive = end.toISOString();
  }
  const rows = activityRows(db, input.from ? localDayStart(input.from).toISOString() : '', toExclusive, scope.station);
  const activity = { actas: 0, items: 0, valueCents: cents(0), voided: 0, unlisted: 0 };
  const days = new Map<string, { actas: number; items: number; valueCents: number }>();
  const stations = new Map<string, { actas: number; items: number; valueCents: number }>();
  const blank = () => ({ actas: 0, items: 0, valueCents: 0 });
  if (scope.station !== null) stations.set(scope.station, blank());
  else for (const s of listed) stations.set(s.code, blank());
  for (const r of rows) {
    activity.actas += r.actas;
    activity.voided += r.voided;
    activity.items += r.items;
    activity.unlisted += r.unlisted;
    activity.valueCents = cents(activity.valueCents + r.cents);
    // An hour of UTC falls within one local day (Ecuador's offsets are whole hours).
    const day = localDay(`${r.hour}:00:00.000Z`) ?? r.hour.slice(0, 10);
    for (const [map, key] of [
      [days, day],
      [stations, r.station],
    ] as const) {
      const a = map.get(key) ?? blank();
      a.actas += r.actas;
      a.items += r.items;
      a.valueCents += r.cents;
      map.set(key, a);
    }
  }
  const seen = [...days.keys()].sort();
  const first = input.from ?? seen[0];
  const last = input.to ?? seen[seen.length - 1];
  if (first && last && daysBetween(first, last) < MAX_FILLED_DAYS) for (let d = first; d <= last; d = nextDay(d)) if (!days.has(d)) days.set(d, blank());

  const office = new Map(known.map((s) => [s.code, s.office]));
  return {
    generatedAt: now.toISOString(),
    today,
    scope,
    period: { from: input.from ?? null, to: input.to ?? null },
    deadline: { date: deadline, daysLeft: daysBetween(today, deadline) },
    stations: scope.national ? listed.map((s) => ({ code: s.code, office: s.office })) : [],
    ...state,
    activity,
    byDay: [...days.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([day, a]) => ({ day, actas: a.actas, items: a.items, valueCents: cents(a.valueCents) })),
    byStation: [...stations.entries()]
      .sort(([a, x], [b, y]) => y.actas - x.actas || a.localeCompare(b))
      .map(([code, a]) => ({ code, office: office.get(code) ?? null, actas: a.actas, items: a.items, valueCents: cents(a.valueCents) })),
  };
}
