import type { Transaction } from '../database/database.service.js';
import { type PerPassPeriod, periodStart } from './redemption-limits.js';

/**
 * Running totals of the redemptions that stand (status `completed`), so that a redemption reads
 * what the limits count instead of summing a volunteer's year of redemptions each time. One row per
 * counter and period in `redemption_totals`, changed by an upsert in the transaction that adds,
 * voids or reverses the redemption, under the locks that transaction already holds (the pass, the
 * offer): what a refused or rolled-back redemption would have added is never there.
 *
 * - `volunteer`: euro value received by a volunteer, per month (`YYYY-MM`) and per year (`YYYY`),
 *   for the fiscal guardrail;
 * - `pass`: Steerkes paid with a pass per day (`YYYY-MM-DD`), for the daily limit;
 * - `offer`: quantity of an offer taken by a volunteer per period of the offer's per-pass limit
 *   (the period's first day; offers without a limit have none), rebuilt when the period changes.
 *
 * Plain SQL through the transaction's executor: this is the counter's hot path.
 */

/** What of a redemption the totals count. */
export interface CountedRedemption {
  passId: string;
  volunteerPartyId: string;
  offerId: string;
  quantity: number;
  amountMinor: bigint;
  euroValueMinor: bigint;
  redeemedDate: string;
}

/** The offer column of the counters that belong to no offer (part of the primary key, so not null). */
const NO_OFFER = '';
const ROW_PLACEHOLDERS = '(?, ?, ?, ?, ?)';
/** Rows written at once when an offer's totals are rebuilt: well below SQLite's 32,766 parameters. */
const REBUILD_CHUNK_ROWS = 500;

const upsertStatements = new Map<number, string>();

function upsertSql(rows: number): string {
  let sql = upsertStatements.get(rows);
  if (!sql) {
    sql =
      `INSERT INTO redemption_totals (kind, offer_id, owner_id, period, total) VALUES ` +
      `${Array.from({ length: rows }, () => ROW_PLACEHOLDERS).join(', ')} ` +
      `ON CONFLICT (kind, offer_id, owner_id, period) DO UPDATE SET total = redemption_totals.total + excluded.total`;
    upsertStatements.set(rows, sql);
  }
  return sql;
}

const SQL = {
  volunteer:
    'SELECT period, total FROM redemption_totals WHERE kind = ? AND offer_id = ? AND owner_id = ? AND period IN (?, ?)',
  volunteerMonths:
    'SELECT period, total FROM redemption_totals WHERE kind = ? AND offer_id = ? AND owner_id = ? AND period >= ? AND period <= ?',
  one: 'SELECT total FROM redemption_totals WHERE kind = ? AND offer_id = ? AND owner_id = ? AND period = ?',
  // Periods from `from` on: as the sum over redemptions on or after the period's first day counted.
  offerSince:
    'SELECT COALESCE(SUM(total), 0) AS total FROM redemption_totals WHERE kind = ? AND offer_id = ? AND owner_id = ? AND period >= ?',
  deleteOffer: 'DELETE FROM redemption_totals WHERE kind = ? AND offer_id = ?',
  offerRedemptions:
    'SELECT volunteer_party_id AS "volunteerPartyId", redeemed_date AS "redeemedDate", SUM(quantity) AS quantity FROM redemptions ' +
    "WHERE offer_id = ? AND status = 'completed' GROUP BY volunteer_party_id, redeemed_date",
};

/**
 * Adds a redemption to its totals (`sign` 1n) or takes it off again (-1n, a void or reversal).
 * `perPassPeriod` is the offer's current period: the one its totals are kept by.
 */
export async function countRedemption(
  tx: Transaction,
  redemption: CountedRedemption,
  perPassPeriod: PerPassPeriod | null,
  sign: 1n | -1n,
): Promise<void> {
  const { volunteerPartyId, redeemedDate } = redemption;
  const parameters: unknown[] = [
    ...['volunteer', NO_OFFER, volunteerPartyId, redeemedDate.slice(0, 7)],
    sign * redemption.euroValueMinor,
    ...['volunteer', NO_OFFER, volunteerPartyId, redeemedDate.slice(0, 4)],
    sign * redemption.euroValueMinor,
    ...['pass', NO_OFFER, redemption.passId, redeemedDate],
    sign * redemption.amountMinor,
  ];
  if (perPassPeriod !== null) {
    parameters.push('offer', redemption.offerId, volunteerPartyId);
    parameters.push(periodStart(perPassPeriod, redeemedDate), sign * BigInt(redemption.quantity));
  }
  await tx.sql.run(upsertSql(parameters.length / 5), parameters);
}

/** Euro value a volunteer received in the month and the year of `date`. */
export async function receivedByVolunteer(
  tx: Transaction,
  volunteerPartyId: string,
  date: string,
): Promise<{ monthMinor: bigint; yearMinor: bigint }> {
  const month = date.slice(0, 7);
  const rows = await tx.sql.all<{ period: string; total: unknown }>(SQL.volunteer, [
    'volunteer',
    NO_OFFER,
    volunteerPartyId,
    month,
    date.slice(0, 4),
  ]);
  let monthMinor = 0n;
  let yearMinor = 0n;
  for (const row of rows) {
    if (row.period === month) monthMinor = BigInt(row.total as bigint);
    else yearMinor = BigInt(row.total as bigint);
  }
  return { monthMinor, yearMinor };
}

/** Euro value a volunteer received per month (`YYYY-MM`) of a year; months without any are absent. */
export async function receivedPerMonth(
  tx: Transaction,
  volunteerPartyId: string,
  year: number,
): Promise<Map<string, bigint>> {
  const rows = await tx.sql.all<{ period: string; total: unknown }>(SQL.volunteerMonths, [
    'volunteer',
    NO_OFFER,
    volunteerPartyId,
    `${year}-01`,
    `${year}-12`,
  ]);
  return new Map(rows.map((row) => [row.period, BigInt(row.total as bigint)]));
}

/** Steerkes paid with a pass on a day. */
export async function spentOnPass(tx: Transaction, passId: string, date: string): Promise<bigint> {
  const row = await tx.sql.get<{ total: unknown }>(SQL.one, ['pass', NO_OFFER, passId, date]);
  return row ? BigInt(row.total as bigint) : 0n;
}

/** How many of an offer a volunteer took from the first day of the offer's current period on. */
export async function quantityTaken(
  tx: Transaction,
  offerId: string,
  volunteerPartyId: string,
  fromDate: string,
): Promise<number> {
  const row = await tx.sql.get<{ total: unknown }>(SQL.offerSince, [
    'offer',
    offerId,
    volunteerPartyId,
    fromDate,
  ]);
  return Number(BigInt((row?.total ?? 0) as bigint));
}

/**
 * Counts an offer's redemptions again by its (new) per-pass period, after the offer's period
 * changed; the offer is locked by the caller. Rare (an operator edits the offer), so it may read
 * the offer's redemptions.
 */
export async function recountOffer(
  tx: Transaction,
  offerId: string,
  perPassPeriod: PerPassPeriod | null,
): Promise<void> {
  await tx.sql.run(SQL.deleteOffer, ['offer', offerId]);
  if (perPassPeriod === null) return;
  const taken = new Map<string, { volunteerPartyId: string; period: string; quantity: bigint }>();
  const rows = await tx.sql.all<{
    volunteerPartyId: string;
    redeemedDate: string;
    quantity: unknown;
  }>(SQL.offerRedemptions, [offerId]);
  for (const row of rows) {
    const period = periodStart(perPassPeriod, row.redeemedDate);
    const key = `${row.volunteerPartyId} ${period}`;
    const total = taken.get(key) ?? {
      volunteerPartyId: row.volunteerPartyId,
      period,
      quantity: 0n,
    };
    total.quantity += BigInt(row.quantity as bigint);
    taken.set(key, total);
  }
  const totals = [...taken.values()];
  for (let start = 0; start < totals.length; start += REBUILD_CHUNK_ROWS) {
    const chunk = totals.slice(start, start + REBUILD_CHUNK_ROWS);
    await tx.sql.run(
      upsertSql(chunk.length),
      chunk.flatMap((total) => [
        'offer',
        offerId,
        total.volunteerPartyId,
        total.period,
        total.quantity,
      ]),
    );
  }
}
