/** One transfer of the benchmark, the same for the ledger and for the raw baseline. */
export interface BenchTransfer {
  fromAccountId: string;
  toAccountId: string;
  amountMinor: bigint;
  description: string;
  effectiveDate: string;
  idempotencyKey: string;
}

/** mulberry32: a small seeded generator, so that every run books the same transfers. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `count` transfers between random distinct accounts, 0.01–5.00 STK each, every one with its own
 * idempotency key (prefix + index), all effective today.
 */
export function planTransfers(
  accountIds: readonly string[],
  count: number,
  options: { seed: number; keyPrefix: string; effectiveDate: string },
): BenchTransfer[] {
  const random = seededRandom(options.seed);
  const transfers: BenchTransfer[] = [];
  for (let index = 0; index < count; index += 1) {
    const from = Math.floor(random() * accountIds.length);
    let to = Math.floor(random() * (accountIds.length - 1));
    if (to >= from) to += 1;
    transfers.push({
      fromAccountId: accountIds[from],
      toAccountId: accountIds[to],
      amountMinor: BigInt(1 + Math.floor(random() * 500)),
      description: 'Benchmark transfer',
      effectiveDate: options.effectiveDate,
      idempotencyKey: `${options.keyPrefix}:${index}`,
    });
  }
  return transfers;
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size)
    chunks.push(items.slice(start, start + size));
  return chunks;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
