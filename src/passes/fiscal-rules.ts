import { Decimal } from 'decimal.js';
import { formatAmount } from '../common/amount.js';

/**
 * The fiscal guardrail's arithmetic, free of storage and time. Dutch rules let a volunteer receive
 * allowances and provisions in kind tax-free up to an amount per hour (by age), per month and per
 * year, counted together across all organisations. A redeemed benefit is a provision in kind; its
 * euro value counts. All amounts here are euro cents.
 */

/** At this share of a limit, the counter and the volunteer are warned. */
export const FISCAL_WARNING_PERCENT = 80;

export const FISCAL_LIMIT_KINDS = ['month', 'year', 'hours'] as const;
export type FiscalLimitKind = (typeof FISCAL_LIMIT_KINDS)[number];

/** The limits of one calendar year, as the admin keeps them. */
export interface FiscalLimits {
  year: number;
  /** Per hour given, from `adultAge` on. */
  hourlyAdultMinor: bigint;
  /** Per hour given, below `adultAge`. */
  hourlyYoungMinor: bigint;
  adultAge: number;
  monthlyMinor: bigint;
  yearlyMinor: bigint;
}

/** Where a volunteer stands in the month and year of a redemption. */
export interface FiscalPosition {
  /** YYYY-MM and YYYY of the redemption, in Maastricht. */
  month: string;
  year: string;
  receivedMonthMinor: bigint;
  receivedYearMinor: bigint;
  /** Approved hours in the calendar year so far. */
  approvedHours: Decimal;
  /** Age on the day of the redemption; null when the birth date is unknown. */
  age: number | null;
}

/** One limit measured: what it allows and what counts against it. */
export interface FiscalMeasure {
  limit: FiscalLimitKind;
  /** What the limit is of: the month, the year, or "hours × hourly amount". */
  basis: string;
  limitMinor: bigint;
  receivedMinor: bigint;
}

export interface FiscalAssessment {
  /** The limit the redemption would break (the one with the least room), or null. */
  exceeded: FiscalMeasure | null;
  /** Limits at or above FISCAL_WARNING_PERCENT after the redemption, with what was received then. */
  warnings: FiscalMeasure[];
}

/** The limits that apply to a year: its own row, or else the latest earlier year's (carried forward). */
export function limitsApplyingTo(
  year: number,
  rows: readonly FiscalLimits[],
): FiscalLimits | undefined {
  return rows.filter((row) => row.year <= year).sort((a, b) => b.year - a.year)[0];
}

/** Whole years between a birth date and a date (both YYYY-MM-DD). Born on 29 February: a year older on 1 March. */
export function ageOn(birthDate: string, date: string): number {
  const [birthYear, birthMonth, birthDay] = birthDate.split('-').map(Number);
  const [year, month, day] = date.split('-').map(Number);
  const beforeBirthday = month < birthMonth || (month === birthMonth && day < birthDay);
  return year - birthYear - (beforeBirthday ? 1 : 0);
}

/** The hourly amount for an age; an unknown age gets the lower (stricter) amount. */
export function hourlyAmountFor(limits: FiscalLimits, age: number | null): bigint {
  return age !== null && age >= limits.adultAge ? limits.hourlyAdultMinor : limits.hourlyYoungMinor;
}

/** Hours × hourly amount, rounded down to a whole cent: the guardrail never allows a cent too much. */
export function hoursAllowanceMinor(hours: Decimal, hourlyMinor: bigint): bigint {
  return BigInt(new Decimal(hourlyMinor.toString()).times(hours).floor().toFixed(0));
}

/** The three limits of a position: the month's, the year's, and the year's hours × hourly amount. */
export function fiscalMeasures(limits: FiscalLimits, position: FiscalPosition): FiscalMeasure[] {
  const hourlyMinor = hourlyAmountFor(limits, position.age);
  return [
    {
      limit: 'month',
      basis: position.month,
      limitMinor: limits.monthlyMinor,
      receivedMinor: position.receivedMonthMinor,
    },
    {
      limit: 'year',
      basis: position.year,
      limitMinor: limits.yearlyMinor,
      receivedMinor: position.receivedYearMinor,
    },
    {
      limit: 'hours',
      basis: `${position.approvedHours.toFixed(2)} × ${formatAmount(hourlyMinor)}`,
      limitMinor: hoursAllowanceMinor(position.approvedHours, hourlyMinor),
      receivedMinor: position.receivedYearMinor,
    },
  ];
}

export function roomOf(measure: FiscalMeasure): bigint {
  const room = measure.limitMinor - measure.receivedMinor;
  return room > 0n ? room : 0n;
}

/** Whole percent of the limit used; a limit of zero counts as full. */
export function percentUsed(measure: FiscalMeasure): number {
  if (measure.limitMinor <= 0n) return 100;
  return Number((measure.receivedMinor * 100n) / measure.limitMinor);
}

export function isNearLimit(measure: FiscalMeasure): boolean {
  return measure.receivedMinor * 100n >= measure.limitMinor * BigInt(FISCAL_WARNING_PERCENT);
}

/** Would a benefit worth `valueMinor` stay within every limit, and which limits does it bring near? */
export function assessFiscal(
  measures: readonly FiscalMeasure[],
  valueMinor: bigint,
): FiscalAssessment {
  const exceeded = measures
    .filter((measure) => measure.receivedMinor + valueMinor > measure.limitMinor)
    .sort((a, b) => (roomOf(a) < roomOf(b) ? -1 : roomOf(a) > roomOf(b) ? 1 : 0))[0];
  if (exceeded) return { exceeded, warnings: [] };
  const after = measures.map((measure) => ({
    ...measure,
    receivedMinor: measure.receivedMinor + valueMinor,
  }));
  return { exceeded: null, warnings: after.filter(isNearLimit) };
}
