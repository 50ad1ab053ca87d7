/** Calendar dates (YYYY-MM-DD) and months (YYYY-MM) as Maastricht counts them. */
const MAASTRICHT_TIME_ZONE = 'Europe/Amsterdam';

export function todayInMaastricht(now: Date = new Date()): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: MAASTRICHT_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** This month and the ones before it, newest first. */
export function monthsBack(today: string, count: number): string[] {
  const [year, month] = today.split('-').map(Number);
  return Array.from({ length: count }, (_, index) => {
    const monthIndex = year * 12 + (month - 1) - index;
    return `${Math.floor(monthIndex / 12)}-${String((monthIndex % 12) + 1).padStart(2, '0')}`;
  });
}

/** The first and last day of a month, and the day before it starts. */
export function monthRange(month: string): { from: string; to: string; dayBefore: string } {
  const [year, monthNumber] = month.split('-').map(Number);
  const last = new Date(Date.UTC(year, monthNumber, 0)).getUTCDate();
  const before = new Date(Date.UTC(year, monthNumber - 1, 0));
  return {
    from: `${month}-01`,
    to: `${month}-${String(last).padStart(2, '0')}`,
    dayBefore: before.toISOString().slice(0, 10),
  };
}
