import BetterSqlite3 from 'better-sqlite3';
import type { Database as SqliteConnection, Statement } from 'better-sqlite3';
import { timeOrderedId } from '../src/common/time-ordered-id.js';
import type { BenchTransfer } from './plan.js';

/**
 * The baseline: the same money movement written straight against better-sqlite3 with prepared
 * statements, no framework, no async. Per transfer: idempotency SELECT, two balance SELECTs, the
 * limit check, INSERT entry + two postings + the idempotency row, two balance UPDATEs. The tables
 * mirror the ledger's (same columns, keys and indexes, foreign keys on), so that both sides
 * maintain the same B-trees and write about the same bytes; the baseline skips what only the
 * ledger does (hash chain, closed-period check, command fingerprint), which is the point.
 */
const SCHEMA = `
CREATE TABLE accounts (
  id varchar(36) PRIMARY KEY NOT NULL,
  currency varchar(3) NOT NULL,
  min_balance_minor bigint,
  max_balance_minor bigint,
  status varchar(10) NOT NULL,
  balance_minor bigint NOT NULL DEFAULT 0,
  pending_minor bigint NOT NULL DEFAULT 0
);
CREATE TABLE entries (
  id varchar(36) PRIMARY KEY NOT NULL,
  sequence bigint NOT NULL UNIQUE,
  code varchar(12) NOT NULL,
  description varchar(500) NOT NULL,
  metadata text NOT NULL,
  effective_date varchar(10) NOT NULL,
  created_at varchar(32) NOT NULL,
  created_by varchar(36),
  reverses_entry_id varchar(36) UNIQUE REFERENCES entries (id),
  previous_hash varchar(64) NOT NULL,
  hash varchar(64) NOT NULL
);
CREATE INDEX idx_entries_effective_date ON entries (effective_date);
CREATE TABLE postings (
  entry_id varchar(36) NOT NULL REFERENCES entries (id),
  line integer NOT NULL,
  account_id varchar(36) NOT NULL REFERENCES accounts (id),
  amount_minor bigint NOT NULL,
  balance_after_minor bigint NOT NULL,
  entry_sequence bigint NOT NULL,
  effective_date varchar(10) NOT NULL,
  PRIMARY KEY (entry_id, line)
);
CREATE INDEX idx_postings_account_sequence ON postings (account_id, entry_sequence);
CREATE INDEX idx_postings_account_date ON postings (account_id, effective_date);
CREATE INDEX idx_postings_entry_sequence ON postings (entry_sequence, line);
CREATE TABLE idempotency (
  scope_key varchar(300) PRIMARY KEY NOT NULL,
  fingerprint varchar(64) NOT NULL,
  result_kind varchar(10) NOT NULL,
  result_id varchar(36) NOT NULL,
  created_at varchar(32) NOT NULL
);
`;

interface RawAccount {
  id: string;
  min_balance_minor: bigint | null;
  max_balance_minor: bigint | null;
  status: string;
  balance_minor: bigint;
  pending_minor: bigint;
}

/** Stand-ins for the hash columns, so that the rows are as wide as the ledger's. */
const HASH_FILLER = 'f'.repeat(64);
const FINGERPRINT_FILLER = 'e'.repeat(64);

export class RawLedger {
  readonly connection: SqliteConnection;
  private sequence = 0n;
  private readonly begin: Statement;
  private readonly commit: Statement;
  private readonly findIdempotency: Statement;
  private readonly findAccount: Statement;
  private readonly insertEntry: Statement;
  private readonly insertPosting: Statement;
  private readonly insertIdempotency: Statement;
  private readonly updateBalance: Statement;

  /** `newId` makes entry ids; time-ordered UUIDs (v7) by default, as the ledger does. */
  constructor(
    path: string,
    private readonly newId: () => string = timeOrderedId,
  ) {
    this.connection = new BetterSqlite3(path);
    this.connection.pragma('journal_mode = WAL');
    this.connection.pragma('synchronous = FULL');
    this.connection.pragma('foreign_keys = ON');
    this.connection.exec(SCHEMA);
    this.begin = this.connection.prepare('BEGIN');
    this.commit = this.connection.prepare('COMMIT');
    this.findIdempotency = this.connection.prepare(
      'SELECT fingerprint, result_kind, result_id FROM idempotency WHERE scope_key = ?',
    );
    this.findAccount = this.connection
      .prepare(
        'SELECT id, min_balance_minor, max_balance_minor, status, balance_minor, pending_minor FROM accounts WHERE id = ?',
      )
      .safeIntegers(true);
    this.insertEntry = this.connection.prepare(
      `INSERT INTO entries (id, sequence, code, description, metadata, effective_date, created_at, created_by, reverses_entry_id, previous_hash, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insertPosting = this.connection.prepare(
      `INSERT INTO postings (entry_id, line, account_id, amount_minor, balance_after_minor, entry_sequence, effective_date)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insertIdempotency = this.connection.prepare(
      'INSERT INTO idempotency (scope_key, fingerprint, result_kind, result_id, created_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.updateBalance = this.connection.prepare(
      'UPDATE accounts SET balance_minor = ? WHERE id = ?',
    );
  }

  sqliteVersion(): string {
    return this.connection.prepare('SELECT sqlite_version() AS v').pluck().get() as string;
  }

  /** The same accounts as the ledger's (same ids), opened with the same starting balances. */
  openAccounts(accounts: ReadonlyArray<{ id: string; balanceMinor: bigint }>): void {
    const insert = this.connection.prepare(
      "INSERT INTO accounts (id, currency, min_balance_minor, max_balance_minor, status, balance_minor, pending_minor) VALUES (?, 'STK', 0, NULL, 'open', ?, 0)",
    );
    this.connection.transaction(() => {
      for (const account of accounts) insert.run(account.id, account.balanceMinor);
    })();
  }

  /** One transfer, one durable commit. */
  transferCommitted(transfer: BenchTransfer): boolean {
    this.begin.run();
    try {
      const booked = this.transfer(transfer);
      this.commit.run();
      return booked;
    } catch (error) {
      if (this.connection.inTransaction) this.connection.exec('ROLLBACK');
      throw error;
    }
  }

  /** Many transfers, one durable commit; a refused transfer writes nothing and the rest go on. */
  batchCommitted(transfers: readonly BenchTransfer[]): number {
    this.begin.run();
    try {
      let booked = 0;
      for (const transfer of transfers) if (this.transfer(transfer)) booked += 1;
      this.commit.run();
      return booked;
    } catch (error) {
      if (this.connection.inTransaction) this.connection.exec('ROLLBACK');
      throw error;
    }
  }

  balanceMinor(accountId: string): bigint {
    return (this.findAccount.get(accountId) as RawAccount).balance_minor;
  }

  /** What a balance read costs without any framework: one prepared SELECT. */
  readAccount(accountId: string): unknown {
    return this.findAccount.get(accountId);
  }

  close(): void {
    this.connection.close();
  }

  /** Checks everything first, then writes: a refused transfer returns false having written nothing. */
  private transfer(transfer: BenchTransfer): boolean {
    if (this.findIdempotency.get(transfer.idempotencyKey) !== undefined) return false;
    const from = this.findAccount.get(transfer.fromAccountId) as RawAccount | undefined;
    const to = this.findAccount.get(transfer.toAccountId) as RawAccount | undefined;
    if (!from || !to || from.status !== 'open' || to.status !== 'open') return false;
    const amount = transfer.amountMinor;
    const fromAfter = from.balance_minor - amount;
    const toAfter = to.balance_minor + amount;
    if (from.min_balance_minor !== null && fromAfter - from.pending_minor < from.min_balance_minor)
      return false;
    if (to.max_balance_minor !== null && toAfter > to.max_balance_minor) return false;

    this.sequence += 1n;
    const entryId = this.newId();
    const createdAt = new Date().toISOString();
    this.insertEntry.run(
      entryId,
      this.sequence,
      'TRANSFER',
      transfer.description,
      '{}',
      transfer.effectiveDate,
      createdAt,
      null,
      null,
      HASH_FILLER,
      HASH_FILLER,
    );
    this.insertPosting.run(
      entryId,
      1,
      from.id,
      -amount,
      fromAfter,
      this.sequence,
      transfer.effectiveDate,
    );
    this.updateBalance.run(fromAfter, from.id);
    this.insertPosting.run(
      entryId,
      2,
      to.id,
      amount,
      toAfter,
      this.sequence,
      transfer.effectiveDate,
    );
    this.updateBalance.run(toAfter, to.id);
    this.insertIdempotency.run(
      transfer.idempotencyKey,
      FINGERPRINT_FILLER,
      'entry',
      entryId,
      createdAt,
    );
    return true;
  }
}
