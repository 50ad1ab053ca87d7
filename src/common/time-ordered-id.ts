import { randomUUID } from 'node:crypto';

/**
 * A UUID version 7 (RFC 9562): the Unix time in milliseconds in the first 48 bits, then random bits.
 * For the ids of rows that only grow (ledger entries, holds): ordered keys append to their indexes,
 * where random ones dirty a scattered index page per insert (a commit of a batch of 1000 transfers
 * wrote thousands of pages; see BENCHMARKS.md). The random bits come from randomUUID's pooled
 * generator: the uuid package's v7 asks WebCrypto for 16 bytes per id, which cost 6 % of a batch.
 * Ids of the same millisecond are in random order among themselves, which keeps them together.
 */
export function timeOrderedId(nowMilliseconds = Date.now()): string {
  const random = randomUUID(); // xxxxxxxx-xxxx-4xxx-Vxxx-xxxxxxxxxxxx, V the variant
  const time = nowMilliseconds.toString(16).padStart(12, '0');
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${random.slice(15, 18)}-${random.slice(19)}`;
}
