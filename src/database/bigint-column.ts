import { assertInvariant } from '../common/errors/domain-error.js';
import type { ValueTransformer } from 'typeorm';

/**
 * Maps a 64-bit integer column to a bigint: PostgreSQL's driver answers strings, SQLite's numbers;
 * written as a decimal string so that no amount passes through a JS number on the way in.
 */
export const BIGINT_TRANSFORMER: ValueTransformer = {
  to: (value: bigint | null | undefined) =>
    value === null || value === undefined ? value : value.toString(),
  from: (value: string | number | bigint | null) => (value === null ? null : BigInt(value)),
};

/** A SUM or COUNT as the driver answers it (number, string or bigint), as a bigint. */
export function toBigInt(value: unknown): bigint {
  if (value === null || value === undefined) return 0n;
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') return BigInt(Math.trunc(value));
  assertInvariant(typeof value === 'string', `a sum or count came back as ${typeof value}`);
  return BigInt(value);
}
