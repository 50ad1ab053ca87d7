import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { assertInvariant } from '../common/errors/domain-error.js';
import type { Database as SqliteConnection } from 'better-sqlite3';
import { DataSource, type EntityManager, type QueryRunner } from 'typeorm';
import { SqliteGroupCommit, walFileSync } from './sqlite-group-commit.js';
import {
  type Dialect,
  PostgresExecutor,
  type SqlExecutor,
  SqliteExecutor,
} from './sql-executor.js';

/** One database transaction: TypeORM for domain records, plain SQL for the ledger's hot path. */
export interface Transaction {
  readonly manager: EntityManager;
  readonly sql: SqlExecutor;
  /** Per-transaction memory for services (keyed by a symbol of their own), e.g. the ledger's chain head. */
  readonly scratch: Map<symbol, unknown>;
  /** Runs `task` after the work and before COMMIT, inside the transaction (once per call). */
  beforeCommit(task: () => Promise<void>): void;
  /** A read (Database.read): it never commits, and nothing may write in it. */
  readonly readOnly: boolean;
}

function newTransaction(
  manager: EntityManager,
  sql: SqlExecutor,
  beforeCommitTasks: Array<() => Promise<void>> | null,
): Transaction {
  return {
    manager,
    sql,
    scratch: new Map(),
    readOnly: beforeCommitTasks === null,
    beforeCommit: (task) => {
      assertInvariant(beforeCommitTasks, 'beforeCommit in a read: reads never commit');
      beforeCommitTasks.push(task);
    },
  };
}

async function runBeforeCommit(tasks: Array<() => Promise<void>>): Promise<void> {
  for (const task of tasks) await task();
}

/** PostgreSQL's "try again" answers: a serialization failure or a broken deadlock. */
const RETRYABLE_POSTGRES_CODES = new Set(['40001', '40P01']);
const TRANSACTION_ATTEMPTS_MAX = 5;

/**
 * The only way the application opens a transaction. On SQLite, every transaction and every read
 * runs through one group committer (sqlite-group-commit.ts): one at a time on the single shared
 * connection, and transactions that arrive together share one durable commit. On PostgreSQL each
 * transaction has a pooled connection and is retried when the server asks for it. A transaction
 * opened while one is already running in the same async context joins it.
 */
@Injectable()
export class Database implements OnApplicationShutdown {
  readonly dialect: Dialect;
  private readonly logger = new Logger(Database.name);
  private readonly current = new AsyncLocalStorage<Transaction>();
  private sqliteExecutor?: SqliteExecutor;
  private groupCommit?: SqliteGroupCommit;
  private walFile?: ReturnType<typeof walFileSync>;

  constructor(readonly dataSource: DataSource) {
    this.dialect = dataSource.options.type === 'postgres' ? 'postgres' : 'sqlite';
  }

  /**
   * Runs `work` in a transaction: all of it commits, or none of it. Called while a transaction is
   * open in the same async context, it joins that one: this is how a service's work becomes part of
   * its caller's transaction, without any transaction being handed around (docs/ARCHITECTURE.md).
   */
  transaction<T>(work: (transaction: Transaction) => Promise<T>): Promise<T> {
    const joined = this.current.getStore();
    if (joined) {
      assertInvariant(!joined.readOnly, 'a write inside a read: open the transaction first');
      return work(joined);
    }
    return this.dialect === 'sqlite'
      ? this.sqliteGroupCommit().submit('transaction', () => this.sqliteTransaction(work))
      : this.postgresTransaction(work);
  }

  /** Whether the caller runs inside a transaction (which `transaction` and `read` would join). */
  inTransaction(): boolean {
    return this.current.getStore() !== undefined;
  }

  /** Runs read-only `work` against committed data. */
  read<T>(work: (transaction: Transaction) => Promise<T>): Promise<T> {
    const joined = this.current.getStore();
    if (joined) return work(joined);
    if (this.dialect === 'sqlite') {
      return this.sqliteGroupCommit().submit('read', () => {
        const transaction = newTransaction(this.dataSource.manager, this.sqlite(), null);
        return this.current.run(transaction, () => work(transaction));
      });
    }
    return this.postgresRead(work);
  }

  /**
   * Stops the async context tracking, which otherwise slows every later promise in the process,
   * and closes the group committer's handle of the WAL file (every answer has waited for its fsync).
   */
  async onApplicationShutdown(): Promise<void> {
    this.current.disable();
    await this.walFile?.close();
  }

  /** The raw better-sqlite3 connection (SQLite only), e.g. for an online backup or pragmas. */
  sqliteConnection(): SqliteConnection {
    return (this.dataSource.driver as unknown as { databaseConnection: SqliteConnection })
      .databaseConnection;
  }

  private sqlite(): SqliteExecutor {
    this.sqliteExecutor ??= new SqliteExecutor(this.sqliteConnection());
    return this.sqliteExecutor;
  }

  /** The group committer (SQLite only), made on first use: the connection exists only after start-up. */
  private sqliteGroupCommit(): SqliteGroupCommit {
    if (!this.groupCommit) {
      const connection = this.sqliteConnection();
      this.walFile = connection.memory ? undefined : walFileSync(connection.name);
      this.groupCommit = new SqliteGroupCommit(connection, this.walFile);
    }
    return this.groupCommit;
  }

  /**
   * One transaction's work inside the group committer's savepoint. TypeORM's query runner is told a
   * transaction is open (the flags its startTransaction would set), so that entity-manager calls
   * inside join it rather than begin their own. No TypeORM transaction subscribers exist in this
   * application.
   */
  private async sqliteTransaction<T>(work: (transaction: Transaction) => Promise<T>): Promise<T> {
    const queryRunner = this.dataSource.createQueryRunner() as unknown as {
      manager: EntityManager;
      isTransactionActive: boolean;
      transactionDepth: number;
    };
    const beforeCommitTasks: Array<() => Promise<void>> = [];
    const transaction = newTransaction(queryRunner.manager, this.sqlite(), beforeCommitTasks);
    queryRunner.isTransactionActive = true;
    queryRunner.transactionDepth = 1;
    try {
      const result = await this.current.run(transaction, () => work(transaction));
      await runBeforeCommit(beforeCommitTasks);
      return result;
    } finally {
      queryRunner.isTransactionActive = false;
      queryRunner.transactionDepth = 0;
    }
  }

  private async postgresTransaction<T>(work: (transaction: Transaction) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      const queryRunner = this.dataSource.createQueryRunner();
      const beforeCommitTasks: Array<() => Promise<void>> = [];
      const transaction = newTransaction(
        queryRunner.manager,
        new PostgresExecutor(queryRunner),
        beforeCommitTasks,
      );
      try {
        await queryRunner.startTransaction('READ COMMITTED');
        const result = await this.current.run(transaction, () => work(transaction));
        await runBeforeCommit(beforeCommitTasks);
        await queryRunner.commitTransaction();
        return result;
      } catch (error) {
        await this.rollback(queryRunner);
        if (attempt >= TRANSACTION_ATTEMPTS_MAX || !isRetryable(error)) throw error;
        this.logger.warn({ message: 'retrying transaction', attempt, code: postgresCode(error) });
      } finally {
        await queryRunner.release();
      }
    }
  }

  private async postgresRead<T>(work: (transaction: Transaction) => Promise<T>): Promise<T> {
    const queryRunner = this.dataSource.createQueryRunner();
    try {
      const transaction = newTransaction(
        queryRunner.manager,
        new PostgresExecutor(queryRunner),
        null,
      );
      return await this.current.run(transaction, () => work(transaction));
    } finally {
      await queryRunner.release();
    }
  }

  private async rollback(queryRunner: QueryRunner): Promise<void> {
    if (!queryRunner.isTransactionActive) return;
    try {
      await queryRunner.rollbackTransaction();
    } catch (rollbackError) {
      this.logger.error({ message: 'rollback failed', error: String(rollbackError) });
    }
  }
}

function postgresCode(error: unknown): string | undefined {
  const candidate = error as { code?: unknown; driverError?: { code?: unknown } };
  const code = candidate?.driverError?.code ?? candidate?.code;
  return typeof code === 'string' ? code : undefined;
}

function isRetryable(error: unknown): boolean {
  const code = postgresCode(error);
  return code !== undefined && RETRYABLE_POSTGRES_CODES.has(code);
}
