import { todayInMaastricht } from '../volunteer/calendar';

/** The years the API answers for (common/http/year-query.dto.ts). */
export const YEAR_MIN = 2000;
export const YEAR_MAX = 2100;
/** The year picker offers this year and a few before it. */
export const YEARS_OFFERED = 5;

export function thisYear(now: Date = new Date()): number {
  return Number(todayInMaastricht(now).slice(0, 4));
}

/** A year from `/transparantie/2026` or `?jaar=2026`; null when neither is a year the API answers for. */
export function parseYear(text: string | null | undefined): number | null {
  if (!text || !/^\d{4}$/.test(text.trim())) return null;
  const year = Number(text.trim());
  return year >= YEAR_MIN && year <= YEAR_MAX ? year : null;
}

/** The years in the picker, newest first; a chosen year outside them is added in its place. */
export function yearsOffered(current: number, chosen: number): number[] {
  const years = Array.from({ length: YEARS_OFFERED }, (_, index) => current - index);
  if (!years.includes(chosen)) years.push(chosen);
  return years.sort((a, b) => b - a);
}
