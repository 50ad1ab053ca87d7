import { assertInvariant } from '../common/errors/domain-error.js';
import type { SqlExecutor } from '../database/sql-executor.js';
import type { AccountStatus, EntryCode, HoldStatus } from './ledger.types.js';

/**
 * Every SQL statement of the ledger, and nothing else: no rules live here. Statements are plain
 * SQL with `?` placeholders, prepared once per connection, so that the write path costs little
 * more than the inserts and updates it must do. Only the ledger module uses this class.
 */

export interface AccountRow {
  id: string;
  partyId: string | null;
  /** The kind of the owning party (organisation, volunteer, business, institution); null: a system account. */
  partyKind: string | null;
  systemName: string | null;
  currency: string;
  minBalanceMinor: bigint | null;
  maxBalanceMinor: bigint | null;
  status: AccountStatus;
  balanceMinor: bigint;
  pendingMinor: bigint;
  nextHoldExpiry: string | null;
  createdAt: string;
}

export interface EntryRow {
  id: string;
  sequence: bigint;
  code: EntryCode;
  description: string;
  metadata: string;
  effectiveDate: string;
  createdAt: string;
  createdBy: string | null;
  reversesEntryId: string | null;
  previousHash: string;
  hash: string;
  /** The module record that made the entry (`volunteering:claim:<id>`); not hashed. */
  origin: string | null;
}

export interface PostingRow {
  entryId: string;
  line: number;
  accountId: string;
  amountMinor: bigint;
  balanceAfterMinor: bigint;
  entrySequence: bigint;
  effectiveDate: string;
}

export interface HoldRow {
  id: string;
  accountId: string;
  counterpartyAccountId: string;
  amountMinor: bigint;
  postedMinor: bigint | null;
  status: HoldStatus;
  code: EntryCode;
  description: string;
  metadata: string;
  expiresAt: string | null;
  createdAt: string;
  createdBy: string | null;
  resolvedAt: string | null;
  postedEntryId: string | null;
  /** The module record that made the hold (`catalogue:booking:<id>`). */
  origin: string | null;
}

export interface ChainHead {
  lastSequence: bigint;
  lastHash: string;
}

const ACCOUNT_COLUMNS =
  'id, party_id, party_kind, system_name, currency, min_balance_minor, max_balance_minor, status, balance_minor, pending_minor, next_hold_expiry, created_at';
const ENTRY_COLUMNS =
  'id, sequence, code, description, metadata, effective_date, created_at, created_by, reverses_entry_id, previous_hash, hash, origin';
const POSTING_COLUMNS =
  'entry_id, line, account_id, amount_minor, balance_after_minor, entry_sequence, effective_date';
const HOLD_COLUMNS =
  'id, account_id, counterparty_account_id, amount_minor, posted_minor, status, code, description, metadata, expires_at, created_at, created_by, resolved_at, posted_entry_id, origin';

/**
 * Hot-path SQL as constants: built once, so that the prepared-statement cache finds each by the
 * same string object instead of hashing a freshly built string on every call.
 */
const SQL = {
  readChain: 'SELECT last_sequence, last_hash FROM ledger_chain WHERE id = 1',
  lockChainForUpdate: 'SELECT last_sequence, last_hash FROM ledger_chain WHERE id = 1 FOR UPDATE',
  findAccount: `SELECT ${ACCOUNT_COLUMNS} FROM ledger_accounts WHERE id = ?`,
  findSystemAccount: `SELECT ${ACCOUNT_COLUMNS} FROM ledger_accounts WHERE system_name = ?`,
  accountsOfParty: `SELECT ${ACCOUNT_COLUMNS} FROM ledger_accounts WHERE party_id = ? ORDER BY currency`,
  insertAccount: `INSERT INTO ledger_accounts (${ACCOUNT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  insertEntry: `INSERT INTO ledger_entries (${ENTRY_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  insertPosting: `INSERT INTO ledger_postings (${POSTING_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  findEntry: `SELECT ${ENTRY_COLUMNS} FROM ledger_entries WHERE id = ?`,
  postingsOfEntry: `SELECT ${POSTING_COLUMNS} FROM ledger_postings WHERE entry_id = ? ORDER BY line`,
  insertHold: `INSERT INTO ledger_holds (${HOLD_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  findHold: `SELECT ${HOLD_COLUMNS} FROM ledger_holds WHERE id = ?`,
  writeAccountMovements:
    'UPDATE ledger_accounts SET balance_minor = ?, pending_minor = ?, next_hold_expiry = ? WHERE id = ?',
} as const;

type Raw = Record<string, unknown>;
const big = (value: unknown): bigint => BigInt(value as bigint | string | number);
const bigOrNull = (value: unknown): bigint | null =>
  value === null || value === undefined ? null : big(value);
const text = (value: unknown): string => value as string;
const textOrNull = (value: unknown): string | null => (value ?? null) as string | null;

function toAccount(row: Raw): AccountRow {
  return {
    id: text(row.id),
    partyId: textOrNull(row.party_id),
    partyKind: textOrNull(row.party_kind),
    systemName: textOrNull(row.system_name),
    currency: text(row.currency),
    minBalanceMinor: bigOrNull(row.min_balance_minor),
    maxBalanceMinor: bigOrNull(row.max_balance_minor),
    status: text(row.status) as AccountStatus,
    balanceMinor: big(row.balance_minor),
    pendingMinor: big(row.pending_minor),
    nextHoldExpiry: textOrNull(row.next_hold_expiry),
    createdAt: text(row.created_at),
  };
}

function toEntry(row: Raw): EntryRow {
  return {
    id: text(row.id),
    sequence: big(row.sequence),
    code: text(row.code) as EntryCode,
    description: text(row.description),
    metadata: text(row.metadata),
    effectiveDate: text(row.effective_date),
    createdAt: text(row.created_at),
    createdBy: textOrNull(row.created_by),
    reversesEntryId: textOrNull(row.reverses_entry_id),
    previousHash: text(row.previous_hash),
    hash: text(row.hash),
    origin: textOrNull(row.origin),
  };
}

function toPosting(row: Raw): PostingRow {
  return {
    entryId: text(row.entry_id),
    line: Number(row.line),
    accountId: text(row.account_id),
    amountMinor: big(row.amount_minor),
    balanceAfterMinor: big(row.balance_after_minor),
    entrySequence: big(row.entry_sequence),
    effectiveDate: text(row.effective_date),
  };
}

function toHold(row: Raw): HoldRow {
  return {
    id: text(row.id),
    accountId: text(row.account_id),
    counterpartyAccountId: text(row.counterparty_account_id),
    amountMinor: big(row.amount_minor),
    postedMinor: bigOrNull(row.posted_minor),
    status: text(row.status) as HoldStatus,
    code: text(row.code) as EntryCode,
    description: text(row.description),
    metadata: text(row.metadata),
    expiresAt: textOrNull(row.expires_at),
    createdAt: text(row.created_at),
    createdBy: textOrNull(row.created_by),
    resolvedAt: textOrNull(row.resolved_at),
    postedEntryId: textOrNull(row.posted_entry_id),
    origin: textOrNull(row.origin),
  };
}

/**
 * One store per transaction. Account rows are cached for the length of the transaction and their
 * balances and pending totals written back once, by flushAccounts() just before COMMIT: a batch
 * that moves the same accounts a thousand times writes each of them once. Only the ledger writes
 * these rows, and on PostgreSQL every ledger writer holds the chain lock first, so the cache
 * cannot go stale within its transaction.
 */
export class LedgerStore {
  private readonly accountCache = new Map<string, AccountRow>();
  private readonly changedAccounts = new Set<AccountRow>();

  constructor(private readonly sql: SqlExecutor) {}

  // --- the chain head: on PostgreSQL its row lock serialises every ledger write -------------

  async lockChain(): Promise<ChainHead> {
    const row = await this.sql.get<Raw>(
      this.sql.dialect === 'postgres' ? SQL.lockChainForUpdate : SQL.readChain,
    );
    assertInvariant(row, 'ledger_chain has no head row: the ledger migration did not run');
    return { lastSequence: big(row.last_sequence), lastHash: text(row.last_hash) };
  }

  async advanceChain(head: ChainHead): Promise<void> {
    await this.sql.run('UPDATE ledger_chain SET last_sequence = ?, last_hash = ? WHERE id = 1', [
      head.lastSequence,
      head.lastHash,
    ]);
  }

  // --- accounts --------------------------------------------------------------------------

  /** The account's row if this transaction has read it already (findAccount without an await). */
  cachedAccount(id: string): AccountRow | undefined {
    return this.accountCache.get(id);
  }

  /** The account's row, the same object for the whole transaction: change it, then markAccountChanged. */
  async findAccount(id: string): Promise<AccountRow | undefined> {
    const cached = this.accountCache.get(id);
    if (cached) return cached;
    const row = await this.sql.get<Raw>(SQL.findAccount, [id]);
    return row && this.cached(toAccount(row));
  }

  async findSystemAccount(systemName: string): Promise<AccountRow | undefined> {
    const row = await this.sql.get<Raw>(SQL.findSystemAccount, [systemName]);
    return row && this.cached(toAccount(row));
  }

  async listAccountsOfParty(partyId: string): Promise<AccountRow[]> {
    const rows = await this.sql.all<Raw>(SQL.accountsOfParty, [partyId]);
    return rows.map((row) => this.cached(toAccount(row)));
  }

  /**
   * Forgets every cached row. Called when the transaction takes the chain lock: rows read before
   * it (an access check, say) may since have been changed by a writer that held the lock, and
   * caching them past it would lose that writer's update.
   */
  forgetAccounts(): void {
    assertInvariant(
      this.changedAccounts.size === 0,
      'accounts changed before the chain lock was taken',
    );
    this.accountCache.clear();
  }

  /** Remembers that an account's balance, pending total or next expiry changed. */
  markAccountChanged(account: AccountRow): void {
    this.changedAccounts.add(account);
  }

  /** Writes every changed account once; the transaction calls it before COMMIT. */
  async flushAccounts(): Promise<void> {
    for (const account of this.changedAccounts) {
      await this.sql.run(SQL.writeAccountMovements, [
        account.balanceMinor,
        account.pendingMinor,
        account.nextHoldExpiry,
        account.id,
      ]);
    }
    this.changedAccounts.clear();
  }

  /** A row read from the database, unless the transaction already holds (and may have changed) it. */
  private cached(account: AccountRow): AccountRow {
    const known = this.accountCache.get(account.id);
    if (known) return known;
    this.accountCache.set(account.id, account);
    return account;
  }

  async listAllAccounts(): Promise<AccountRow[]> {
    const rows = await this.sql.all<Raw>(
      `SELECT ${ACCOUNT_COLUMNS} FROM ledger_accounts ORDER BY created_at, id`,
    );
    return rows.map(toAccount);
  }

  async insertAccount(account: AccountRow): Promise<void> {
    await this.sql.run(SQL.insertAccount, [
      account.id,
      account.partyId,
      account.partyKind,
      account.systemName,
      account.currency,
      account.minBalanceMinor,
      account.maxBalanceMinor,
      account.status,
      account.balanceMinor,
      account.pendingMinor,
      account.nextHoldExpiry,
      account.createdAt,
    ]);
  }

  async updatePolicy(
    accountId: string,
    policy: {
      minBalanceMinor: bigint | null;
      maxBalanceMinor: bigint | null;
      status: AccountStatus;
    },
  ): Promise<void> {
    await this.sql.run(
      'UPDATE ledger_accounts SET min_balance_minor = ?, max_balance_minor = ?, status = ? WHERE id = ?',
      [policy.minBalanceMinor, policy.maxBalanceMinor, policy.status, accountId],
    );
  }

  // --- entries and postings ----------------------------------------------------------------

  // The inserts of the hot path hand back the executor's promise rather than awaiting it in an
  // async function of their own: one promise per statement fewer (see BENCHMARKS.md, issue 15).
  insertEntry(entry: EntryRow): Promise<number> {
    return this.sql.run(SQL.insertEntry, [
      entry.id,
      entry.sequence,
      entry.code,
      entry.description,
      entry.metadata,
      entry.effectiveDate,
      entry.createdAt,
      entry.createdBy,
      entry.reversesEntryId,
      entry.previousHash,
      entry.hash,
      entry.origin,
    ]);
  }

  insertPosting(posting: PostingRow): Promise<number> {
    return this.sql.run(SQL.insertPosting, [
      posting.entryId,
      posting.line,
      posting.accountId,
      posting.amountMinor,
      posting.balanceAfterMinor,
      posting.entrySequence,
      posting.effectiveDate,
    ]);
  }

  async findEntry(id: string): Promise<EntryRow | undefined> {
    const row = await this.sql.get<Raw>(SQL.findEntry, [id]);
    return row && toEntry(row);
  }

  async findReversalOf(entryId: string): Promise<string | undefined> {
    const row = await this.sql.get<Raw>(
      'SELECT id FROM ledger_entries WHERE reverses_entry_id = ?',
      [entryId],
    );
    return row ? text(row.id) : undefined;
  }

  async postingsOfEntry(entryId: string): Promise<PostingRow[]> {
    const rows = await this.sql.all<Raw>(SQL.postingsOfEntry, [entryId]);
    return rows.map(toPosting);
  }

  /** A page of an account's postings in booking order, optionally within effective dates. */
  async statementPage(
    accountId: string,
    filter: { fromDate?: string; toDate?: string; afterSequence?: bigint; limit: number },
  ): Promise<Array<PostingRow & { code: EntryCode; description: string; createdAt: string }>> {
    const rows = await this.sql.all<Raw>(
      `SELECT p.entry_id, p.line, p.account_id, p.amount_minor, p.balance_after_minor, p.entry_sequence, p.effective_date,
              e.code, e.description, e.created_at
         FROM ledger_postings p JOIN ledger_entries e ON e.id = p.entry_id
        WHERE p.account_id = ? AND p.entry_sequence > ? AND p.effective_date >= ? AND p.effective_date <= ?
        ORDER BY p.entry_sequence, p.line
        LIMIT ?`,
      [
        accountId,
        filter.afterSequence ?? -1n,
        filter.fromDate ?? '0000-01-01',
        filter.toDate ?? '9999-12-31',
        filter.limit,
      ],
    );
    return rows.map((row) => ({
      ...toPosting(row),
      code: text(row.code) as EntryCode,
      description: text(row.description),
      createdAt: text(row.created_at),
    }));
  }

  /** Σ of an account's postings with an effective date on or before `date`. */
  async balanceAsOf(accountId: string, date: string): Promise<bigint> {
    const row = await this.sql.get<Raw>(
      'SELECT COALESCE(SUM(amount_minor), 0) AS total FROM ledger_postings WHERE account_id = ? AND effective_date <= ?',
      [accountId, date],
    );
    return big(row?.total ?? 0);
  }

  // --- holds ---------------------------------------------------------------------------------

  async insertHold(hold: HoldRow): Promise<void> {
    await this.sql.run(SQL.insertHold, [
      hold.id,
      hold.accountId,
      hold.counterpartyAccountId,
      hold.amountMinor,
      hold.postedMinor,
      hold.status,
      hold.code,
      hold.description,
      hold.metadata,
      hold.expiresAt,
      hold.createdAt,
      hold.createdBy,
      hold.resolvedAt,
      hold.postedEntryId,
      hold.origin,
    ]);
  }

  async findHold(id: string): Promise<HoldRow | undefined> {
    const row = await this.sql.get<Raw>(SQL.findHold, [id]);
    return row && toHold(row);
  }

  async resolveHold(
    id: string,
    resolution: {
      status: HoldStatus;
      postedMinor: bigint | null;
      resolvedAt: string;
      postedEntryId: string | null;
    },
  ): Promise<void> {
    await this.sql.run(
      'UPDATE ledger_holds SET status = ?, posted_minor = ?, resolved_at = ?, posted_entry_id = ? WHERE id = ?',
      [
        resolution.status,
        resolution.postedMinor,
        resolution.resolvedAt,
        resolution.postedEntryId,
        id,
      ],
    );
  }

  /** Pending holds of an account that have expired by `now`: their total, and the marking of them. */
  async expirePendingHolds(accountId: string, now: string): Promise<bigint> {
    const row = await this.sql.get<Raw>(
      `SELECT COALESCE(SUM(amount_minor), 0) AS total FROM ledger_holds
        WHERE account_id = ? AND status = 'pending' AND expires_at IS NOT NULL AND expires_at <= ?`,
      [accountId, now],
    );
    await this.sql.run(
      `UPDATE ledger_holds SET status = 'expired', resolved_at = ?
        WHERE account_id = ? AND status = 'pending' AND expires_at IS NOT NULL AND expires_at <= ?`,
      [now, accountId, now],
    );
    return big(row?.total ?? 0);
  }

  /** The earliest expiry among an account's pending holds, or null. */
  async nextHoldExpiry(accountId: string): Promise<string | null> {
    const row = await this.sql.get<Raw>(
      "SELECT MIN(expires_at) AS next FROM ledger_holds WHERE account_id = ? AND status = 'pending' AND expires_at IS NOT NULL",
      [accountId],
    );
    return textOrNull(row?.next);
  }

  /** Σ of an account's pending holds not yet expired at `now`: what a read shows before a sweep. */
  async livePendingTotal(accountId: string, now: string): Promise<bigint> {
    const row = await this.sql.get<Raw>(
      `SELECT COALESCE(SUM(amount_minor), 0) AS total FROM ledger_holds
        WHERE account_id = ? AND status = 'pending' AND (expires_at IS NULL OR expires_at > ?)`,
      [accountId, now],
    );
    return big(row?.total ?? 0);
  }

  async accountsWithExpiredHolds(now: string): Promise<string[]> {
    const rows = await this.sql.all<Raw>(
      'SELECT id FROM ledger_accounts WHERE next_hold_expiry IS NOT NULL AND next_hold_expiry <= ?',
      [now],
    );
    return rows.map((row) => text(row.id));
  }

  // --- periods -----------------------------------------------------------------

  async insertPeriod(period: string, closedAt: string, closedBy: string | null): Promise<void> {
    await this.sql.run(
      'INSERT INTO ledger_periods (period, closed_at, closed_by) VALUES (?, ?, ?)',
      [period, closedAt, closedBy],
    );
  }

  /** Every account's Σ postings dated on or before `date` (accounts without postings are absent). */
  async balancesAsOf(date: string): Promise<Map<string, bigint>> {
    const rows = await this.sql.all<Raw>(
      'SELECT account_id, SUM(amount_minor) AS total FROM ledger_postings WHERE effective_date <= ? GROUP BY account_id',
      [date],
    );
    return new Map(rows.map((row) => [text(row.account_id), big(row.total)]));
  }

  async insertClosingBalance(
    period: string,
    accountId: string,
    balanceMinor: bigint,
  ): Promise<void> {
    await this.sql.run(
      'INSERT INTO ledger_closing_balances (period, account_id, balance_minor) VALUES (?, ?, ?)',
      [period, accountId, balanceMinor],
    );
  }

  async closedPeriods(): Promise<
    Array<{ period: string; closedAt: string; closedBy: string | null }>
  > {
    const rows = await this.sql.all<Raw>(
      'SELECT period, closed_at, closed_by FROM ledger_periods ORDER BY period',
    );
    return rows.map((row) => ({
      period: text(row.period),
      closedAt: text(row.closed_at),
      closedBy: textOrNull(row.closed_by),
    }));
  }

  async closingBalances(period: string): Promise<Map<string, bigint>> {
    const rows = await this.sql.all<Raw>(
      'SELECT account_id, balance_minor FROM ledger_closing_balances WHERE period = ?',
      [period],
    );
    return new Map(rows.map((row) => [text(row.account_id), big(row.balance_minor)]));
  }

  /** A page of entries in booking order, with their postings. */
  async journalPage(
    afterSequence: bigint,
    limit: number,
  ): Promise<Array<EntryRow & { postings: PostingRow[] }>> {
    const entries = (
      await this.sql.all<Raw>(
        `SELECT ${ENTRY_COLUMNS} FROM ledger_entries WHERE sequence > ? ORDER BY sequence LIMIT ?`,
        [afterSequence, limit],
      )
    ).map(toEntry);
    if (entries.length === 0) return [];
    const postings = (
      await this.sql.all<Raw>(
        `SELECT ${POSTING_COLUMNS} FROM ledger_postings WHERE entry_sequence > ? AND entry_sequence <= ? ORDER BY entry_sequence, line`,
        [afterSequence, entries[entries.length - 1].sequence],
      )
    ).map(toPosting);
    const byEntry = new Map<string, PostingRow[]>();
    for (const posting of postings) {
      const list = byEntry.get(posting.entryId) ?? [];
      list.push(posting);
      byEntry.set(posting.entryId, list);
    }
    return entries.map((entry) => ({ ...entry, postings: byEntry.get(entry.id) ?? [] }));
  }

  /**
   * Money in and out per account and entry code, for postings dated in [fromDate, toDate], net of
   * reversals (a figure of a period may be negative when it reverses more than it books).
   */
  async movementsByAccount(
    fromDate: string,
    toDate: string,
  ): Promise<Array<{ accountId: string; code: string; inMinor: bigint; outMinor: bigint }>> {
    // A reversal counts under the code of the entry it reverses, as that movement undone: its
    // credit takes back money that went out, its debit money that came in. So a reversed HOURS
    // entry nets to nothing in "Steerkes for hours", in the period of the reversal's date.
    const rows = await this.sql.all<Raw>(
      `SELECT p.account_id, COALESCE(o.code, e.code) AS code,
              COALESCE(SUM(CASE
                WHEN o.id IS NULL AND p.amount_minor > 0 THEN p.amount_minor
                WHEN o.id IS NOT NULL AND p.amount_minor < 0 THEN p.amount_minor
                ELSE 0 END), 0) AS money_in,
              COALESCE(SUM(CASE
                WHEN o.id IS NULL AND p.amount_minor < 0 THEN -p.amount_minor
                WHEN o.id IS NOT NULL AND p.amount_minor > 0 THEN -p.amount_minor
                ELSE 0 END), 0) AS money_out
         FROM ledger_postings p
         JOIN ledger_entries e ON e.id = p.entry_id
         LEFT JOIN ledger_entries o ON e.code = 'REVERSAL' AND o.id = e.reverses_entry_id
        WHERE p.effective_date >= ? AND p.effective_date <= ?
        GROUP BY p.account_id, COALESCE(o.code, e.code)`,
      [fromDate, toDate],
    );
    return rows.map((row) => ({
      accountId: text(row.account_id),
      code: text(row.code),
      inMinor: big(row.money_in),
      outMinor: big(row.money_out),
    }));
  }

  /** The latest closed month, or null when none is. */
  async latestClosedPeriod(): Promise<string | null> {
    const row = await this.sql.get<Raw>('SELECT MAX(period) AS period FROM ledger_periods');
    return textOrNull(row?.period);
  }

  async isPeriodClosed(period: string): Promise<boolean> {
    return (
      (await this.sql.get<Raw>('SELECT period FROM ledger_periods WHERE period = ?', [period])) !==
      undefined
    );
  }
}
