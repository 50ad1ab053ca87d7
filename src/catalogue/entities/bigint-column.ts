import type { ValueTransformer } from 'typeorm';

/**
 * Minor units live in 64-bit integer columns; PostgreSQL hands them back as strings, SQLite as
 * numbers. Entities see bigint either way, so money never passes through a JS number in the code.
 */
export const BIGINT_TRANSFORMER: ValueTransformer = {
  to: (value: bigint | null | undefined) => (value === null || value === undefined ? value : value.toString()),
  from: (value: string | number | bigint | null) => (value === null || value === undefined ? null : BigInt(value)),
};
