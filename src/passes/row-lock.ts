import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Transaction } from '../database/database.service.js';

/**
 * Locks the selected rows until the transaction ends (SELECT … FOR UPDATE) on PostgreSQL, where
 * app instances write at once. SQLite needs no row lock: the Database service runs one
 * transaction at a time on its single connection.
 */
export function forUpdate<Entity extends ObjectLiteral>(query: SelectQueryBuilder<Entity>, tx: Transaction): SelectQueryBuilder<Entity> {
  return tx.sql.dialect === 'postgres' ? query.setLock('pessimistic_write') : query;
}

/** A unique index refused the row: on PostgreSQL another transaction committed the same key first. */
export function isUniqueViolation(error: unknown): boolean {
  const candidate = error as { code?: unknown; driverError?: { code?: unknown } };
  const code = candidate?.driverError?.code ?? candidate?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
