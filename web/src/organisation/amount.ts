/**
 * An amount as the API takes it ("12.50") from what a person types ("12,5", "500", " 3.25 "), or
 * null when it is no amount above zero with at most two decimals.
 */
export function normaliseAmount(text: string): string | null {
  const match = /^(\d{1,9})(?:[.,](\d{1,2}))?$/.exec(text.trim());
  if (!match) return null;
  const amount = `${match[1]}.${(match[2] ?? '').padEnd(2, '0')}`;
  return Number(amount) > 0 ? amount.replace(/^0+(?=\d)/, '') : null;
}

/** Whether amount a (as the API writes it) is above amount b, compared in cents. */
export function isAbove(a: string, b: string): boolean {
  return Math.round(Number(a) * 100) > Math.round(Number(b) * 100);
}
