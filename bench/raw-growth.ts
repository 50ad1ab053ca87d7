import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { chunk, planTransfers } from './plan.js';
import { RawLedger } from './raw-ledger.js';

/**
 * A diagnostic, not part of `npm run bench`: how the raw baseline's batch-of-1000 rate falls as the
 * tables grow, with random keys (UUIDv4 entry ids and idempotency keys, as the ledger writes them)
 * and with time-ordered entry ids (a counter in front, as UUIDv7 would give), with random or ordered
 * idempotency keys.
 *   node dist/bench/raw-growth.js [transfers=200000]
 */
function run(ordered: boolean, total: number, orderedKeys = ordered): void {
  const directory = mkdtempSync(join(tmpdir(), 'steerkes-growth-'));
  let counter = 0;
  const orderedId = () =>
    `${(counter++).toString(16).padStart(8, '0')}-0000-7000-8000-000000000000`;
  const raw = new RawLedger(join(directory, 'raw.sqlite'), ordered ? orderedId : randomUUID);
  // GROWTH_CACHE_KIB=65536: a larger page cache than SQLite's default 2 MiB, to see how much of the fall is cache misses.
  if (process.env.GROWTH_CACHE_KIB)
    raw.connection.pragma(`cache_size = -${Number(process.env.GROWTH_CACHE_KIB)}`);
  try {
    const accountIds = Array.from({ length: 20 }, () => randomUUID());
    raw.openAccounts(accountIds.map((id) => ({ id, balanceMinor: 100_000_000n })));
    const block = 20_000;
    const rates: string[] = [];
    for (let done = 0; done < total; done += block) {
      const transfers = planTransfers(accountIds, block, {
        seed: done + 1,
        keyPrefix: '',
        effectiveDate: '2026-01-01',
      });
      for (const [index, transfer] of transfers.entries()) {
        transfer.idempotencyKey = orderedKeys
          ? `k${String(done + index).padStart(9, '0')}`
          : randomUUID();
      }
      const started = performance.now();
      for (const batch of chunk(transfers, 1000)) raw.batchCommitted(batch);
      rates.push(
        `${((done + block) / 1000).toFixed(0)}k: ${Math.round(block / ((performance.now() - started) / 1000))}/s`,
      );
    }
    const name =
      ordered && orderedKeys
        ? 'ordered ids and keys'
        : ordered
          ? 'ordered ids, random idempotency keys'
          : 'random ids and keys';
    console.log(`${name.padEnd(38)} ${rates.join(', ')}`);
  } finally {
    raw.close();
    rmSync(directory, { recursive: true, force: true });
  }
}

const total = Number(process.argv[2] ?? 200_000);
run(false, total);
run(true, total, false);
run(true, total);
