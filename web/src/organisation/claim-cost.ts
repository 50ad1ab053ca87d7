/**
 * What a claim will cost at a rate: hours × rate in STK, rounded half-up to the cent, as the API
 * pays it (src/volunteering/hours.ts). Both come from the API as decimal strings with at most two
 * decimals; computed in hundredths so that no float rounding shows. For display only: the API
 * decides what is paid.
 */
function hundredths(decimal: string): bigint {
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(decimal.trim());
  if (!match) throw new Error(`not a decimal amount: ${decimal}`);
  return BigInt(match[1]) * 100n + BigInt((match[2] ?? '').padEnd(2, '0'));
}

function asDecimal(cents: bigint): string {
  return `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`;
}

export function claimCost(hours: string, rate: string): string {
  const product = hundredths(hours) * hundredths(rate); // ten-thousandths of a Steerke
  return asDecimal((product + 50n) / 100n);
}

/** The sum of decimal amounts such as the costs above ("2.50" + "1.75" = "4.25"). */
export function sumAmounts(amounts: readonly string[]): string {
  return asDecimal(amounts.reduce((sum, amount) => sum + hundredths(amount), 0n));
}
