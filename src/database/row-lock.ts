import type { EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Transaction } from './database.service.js';

/**
 * The one way to lock rows (docs/ARCHITECTURE.md). On PostgreSQL, where app instances write at
 * once, the selected rows stay locked (SELECT … FOR UPDATE) until the transaction ends, so two
 * changes of one row take turns. SQLite needs no row lock: the Database service runs one
 * transaction at a time on its single connection.
 */
export function forUpdate<Entity extends ObjectLiteral>(
  query: SelectQueryBuilder<Entity>,
  transaction: Transaction,
): SelectQueryBuilder<Entity> {
  return transaction.sql.dialect === 'postgres' ? query.setLock('pessimistic_write') : query;
}

/** Loads one row by its id, locked as forUpdate locks it; null when there is none. */
export function lockById<Entity extends ObjectLiteral>(
  transaction: Transaction,
  entity: EntityTarget<Entity>,
  id: string,
): Promise<Entity | null> {
  const query = transaction.manager
    .createQueryBuilder(entity, 'locked')
    .where('locked.id = :id', { id });
  return forUpdate(query, transaction).getOne();
}
