import { Injectable } from '@nestjs/common';
import { formatAmount } from '../common/amount.js';
import { lastDayOf } from '../common/calendar.js';
import { Database, type Transaction } from '../database/database.service.js';
import { GENESIS_HASH } from '../database/migrations/1763900100000-ledger.js';
import { entryHash } from './entry-hash.js';

export interface Discrepancy {
  /** What kind of check failed: stable, for machines. */
  check:
    | 'ACCOUNT_BALANCE'
    | 'ACCOUNT_PENDING'
    | 'ENTRY_UNBALANCED'
    | 'ENTRY_TOO_FEW_POSTINGS'
    | 'RUNNING_BALANCE'
    | 'CHAIN_SEQUENCE'
    | 'CHAIN_LINK'
    | 'CHAIN_HASH'
    | 'CHAIN_HEAD'
    | 'POSTING_SEQUENCE'
    | 'CURRENCY_TOTAL'
    | 'HOLD_POSTING'
    | 'CLOSING_BALANCE';
  /** The row it concerns: an account, entry or hold id, or a currency. */
  subject: string;
  message: string;
}

export interface IntegrityReport {
  ok: boolean;
  checked: { accounts: number; entries: number; postings: number; holds: number };
  discrepancies: Discrepancy[];
}

/** How many entries the chain check reads at a time: bounds memory on a large ledger. */
const CHAIN_PAGE_ENTRIES = 5000;
/** Stop listing after this many: a broken ledger should not answer with a million lines. */
const DISCREPANCIES_MAX = 1000;

type Raw = Record<string, unknown>;
const big = (value: unknown) => BigInt(value as bigint | string | number);

/**
 * Recomputes the ledger from its postings and compares: cached balances and pending totals,
 * entries that sum to zero, running balances, the hash chain end to end, holds against their
 * postings, and Σ balances = 0 per currency. A row changed or deleted behind the ledger's back is
 * found and named. Reads only; on SQLite it holds the queue for its duration, so the figures are
 * of one consistent moment.
 */
@Injectable()
export class LedgerIntegrityService {
  constructor(private readonly database: Database) {}

  verify(onProgress?: (done: number, total: number) => void): Promise<IntegrityReport> {
    return this.database.read(async (tx) => {
      const discrepancies: Discrepancy[] = [];
      const report = (discrepancy: Discrepancy) => {
        if (discrepancies.length < DISCREPANCIES_MAX) discrepancies.push(discrepancy);
      };
      const accounts = await this.checkAccounts(tx, report);
      const holds = await this.checkHolds(tx, report);
      await this.checkClosingBalances(tx, report);
      const { entries, postings } = await this.checkChain(tx, report, onProgress);
      return {
        ok: discrepancies.length === 0,
        checked: { accounts, entries, postings, holds },
        discrepancies,
      };
    });
  }

  private async checkAccounts(tx: Transaction, report: (d: Discrepancy) => void): Promise<number> {
    const rows = await tx.sql.all<Raw>(
      `SELECT a.id, a.currency, a.balance_minor, a.pending_minor,
              (SELECT COALESCE(SUM(p.amount_minor), 0) FROM ledger_postings p WHERE p.account_id = a.id) AS posted,
              (SELECT COALESCE(SUM(h.amount_minor), 0) FROM ledger_holds h WHERE h.account_id = a.id AND h.status = 'pending') AS held
         FROM ledger_accounts a`,
    );
    const totals = new Map<string, bigint>();
    for (const row of rows) {
      const id = row.id as string;
      const balance = big(row.balance_minor);
      if (balance !== big(row.posted)) {
        report({
          check: 'ACCOUNT_BALANCE',
          subject: id,
          message: `cached balance ${formatAmount(balance)} ≠ Σ postings ${formatAmount(big(row.posted))}`,
        });
      }
      if (big(row.pending_minor) !== big(row.held)) {
        report({
          check: 'ACCOUNT_PENDING',
          subject: id,
          message: `cached pending ${formatAmount(big(row.pending_minor))} ≠ Σ pending holds ${formatAmount(big(row.held))}`,
        });
      }
      const currency = row.currency as string;
      totals.set(currency, (totals.get(currency) ?? 0n) + balance);
    }
    for (const [currency, total] of totals) {
      if (total !== 0n)
        report({
          check: 'CURRENCY_TOTAL',
          subject: currency,
          message: `Σ of all ${currency} balances is ${formatAmount(total)}, not 0`,
        });
    }
    return rows.length;
  }

  private async checkHolds(tx: Transaction, report: (d: Discrepancy) => void): Promise<number> {
    const rows = await tx.sql.all<Raw>(
      `SELECT h.id, h.status, h.account_id, h.counterparty_account_id, h.posted_minor, h.posted_entry_id,
              (SELECT p.amount_minor FROM ledger_postings p WHERE p.entry_id = h.posted_entry_id AND p.account_id = h.account_id) AS debited,
              (SELECT p.amount_minor FROM ledger_postings p WHERE p.entry_id = h.posted_entry_id AND p.account_id = h.counterparty_account_id) AS credited
         FROM ledger_holds h`,
    );
    for (const row of rows) {
      if (row.status !== 'posted') continue;
      const posted = row.posted_minor === null ? null : big(row.posted_minor);
      const matches =
        posted !== null &&
        row.debited !== null &&
        row.credited !== null &&
        big(row.debited) === -posted &&
        big(row.credited) === posted;
      if (!matches)
        report({
          check: 'HOLD_POSTING',
          subject: row.id as string,
          message: 'posted hold does not match the postings of its entry',
        });
    }
    return rows.length;
  }

  /** A closed period's stored closing balances must still be what its postings add up to. */
  private async checkClosingBalances(
    tx: Transaction,
    report: (d: Discrepancy) => void,
  ): Promise<void> {
    const periods = await tx.sql.all<{ period: string }>(
      'SELECT period FROM ledger_periods ORDER BY period',
    );
    for (const { period } of periods) {
      const stored = new Map(
        (
          await tx.sql.all<Raw>(
            'SELECT account_id, balance_minor FROM ledger_closing_balances WHERE period = ?',
            [period],
          )
        ).map((row) => [row.account_id as string, big(row.balance_minor)]),
      );
      const recomputed = await tx.sql.all<Raw>(
        'SELECT account_id, SUM(amount_minor) AS total FROM ledger_postings WHERE effective_date <= ? GROUP BY account_id',
        [lastDayOf(period)],
      );
      const seen = new Set<string>();
      for (const row of recomputed) {
        const accountId = row.account_id as string;
        seen.add(accountId);
        if ((stored.get(accountId) ?? 0n) !== big(row.total)) {
          report({
            check: 'CLOSING_BALANCE',
            subject: accountId,
            message: `closing balance of ${period} was ${formatAmount(stored.get(accountId) ?? 0n)}, the postings now say ${formatAmount(big(row.total))}`,
          });
        }
      }
      for (const [accountId, balance] of stored) {
        if (!seen.has(accountId) && balance !== 0n)
          report({
            check: 'CLOSING_BALANCE',
            subject: accountId,
            message: `closing balance of ${period} was ${formatAmount(balance)}, the postings now say 0.00`,
          });
      }
    }
  }

  /**
   * Walks every entry in sequence order: contiguous sequences, links, hashes, postings that sum to
   * zero, running balances. Entries and postings are read as two ordered range scans a page at a
   * time (postings by their entry_sequence index), never joined by the random entry id.
   */
  private async checkChain(
    tx: Transaction,
    report: (d: Discrepancy) => void,
    onProgress?: (done: number, total: number) => void,
  ): Promise<{ entries: number; postings: number }> {
    const total = Number(
      (await tx.sql.get<Raw>('SELECT COUNT(*) AS n FROM ledger_entries'))?.n ?? 0,
    );
    const walk: ChainWalk = {
      runningBalances: new Map(),
      expectedSequence: 1n,
      previousHash: GENESIS_HASH,
      entries: 0,
      postings: 0,
    };
    let lastSequence = 0n;
    for (;;) {
      const entryRows = await tx.sql.allArrays<EntryRow>(
        `SELECT id, sequence, code, description, metadata, effective_date, created_at, created_by, reverses_entry_id, previous_hash, hash
           FROM ledger_entries WHERE sequence > ? ORDER BY sequence LIMIT ?`,
        [lastSequence, CHAIN_PAGE_ENTRIES],
      );
      if (entryRows.length === 0) break;
      const pageEnd = big(entryRows[entryRows.length - 1][1]);
      const postingRows = await tx.sql.allArrays<PostingRow>(
        `SELECT entry_id, entry_sequence, account_id, amount_minor, balance_after_minor
           FROM ledger_postings WHERE entry_sequence > ? AND entry_sequence <= ? ORDER BY entry_sequence, line`,
        [lastSequence, pageEnd],
      );
      const postingsBySequence = groupBySequence(postingRows);
      for (const entry of entryRows)
        this.checkEntry(entry, postingsBySequence.get(big(entry[1])) ?? [], walk, report);
      for (const orphans of postingsBySequence.values()) {
        for (const [entryId, entrySequence] of orphans) {
          report({
            check: 'POSTING_SEQUENCE',
            subject: entryId,
            message: `a posting of this entry is filed under sequence ${entrySequence}, which has no entry`,
          });
        }
      }
      lastSequence = pageEnd;
      onProgress?.(walk.entries, total);
    }
    const beyondTheLastEntry = await tx.sql.allArrays<
      [entryId: string, entrySequence: bigint | string]
    >(
      'SELECT entry_id, entry_sequence FROM ledger_postings WHERE entry_sequence > ? ORDER BY entry_sequence LIMIT ?',
      [lastSequence, DISCREPANCIES_MAX],
    );
    for (const [entryId, entrySequence] of beyondTheLastEntry) {
      report({
        check: 'POSTING_SEQUENCE',
        subject: entryId,
        message: `a posting of this entry is filed under sequence ${entrySequence}, after the last entry`,
      });
    }
    const chain = await tx.sql.get<Raw>(
      'SELECT last_sequence, last_hash FROM ledger_chain WHERE id = 1',
    );
    if (
      !chain ||
      big(chain.last_sequence) !== walk.expectedSequence - 1n ||
      chain.last_hash !== walk.previousHash
    ) {
      report({
        check: 'CHAIN_HEAD',
        subject: 'ledger_chain',
        message:
          'the chain head does not point at the last entry: the last entries were removed or replaced',
      });
    }
    return { entries: walk.entries, postings: walk.postings };
  }

  /** One entry of the walk, with the postings filed under its sequence (taken out of `filed`). */
  private checkEntry(
    entry: EntryRow,
    filed: PostingRow[],
    walk: ChainWalk,
    report: (d: Discrepancy) => void,
  ): void {
    const [
      id,
      sequenceValue,
      code,
      description,
      metadata,
      effectiveDate,
      createdAt,
      createdBy,
      reversesEntryId,
      previousHash,
      hash,
    ] = entry;
    const sequence = big(sequenceValue);
    if (sequence !== walk.expectedSequence) {
      report({
        check: 'CHAIN_SEQUENCE',
        subject: id,
        message: `sequence ${sequence} where ${walk.expectedSequence} was expected: an entry is missing`,
      });
    }
    if (previousHash !== walk.previousHash)
      report({
        check: 'CHAIN_LINK',
        subject: id,
        message: `entry ${sequence} does not name the hash of the entry before it`,
      });
    const lines: PostingRow[] = [];
    for (const posting of filed.splice(0)) {
      if (posting[0] === id) lines.push(posting);
      else
        report({
          check: 'POSTING_SEQUENCE',
          subject: posting[0],
          message: `a posting of this entry is filed under sequence ${sequence}, which is entry ${id}`,
        });
    }
    const sum = lines.reduce((total, [, , , amount]) => total + big(amount), 0n);
    if (lines.length < 2)
      report({
        check: 'ENTRY_TOO_FEW_POSTINGS',
        subject: id,
        message: `entry has ${lines.length} posting(s)`,
      });
    if (sum !== 0n)
      report({
        check: 'ENTRY_UNBALANCED',
        subject: id,
        message: `postings sum to ${formatAmount(sum)}`,
      });
    const recomputed = entryHash(previousHash, {
      id,
      sequence,
      code,
      description,
      metadata,
      effectiveDate,
      createdAt,
      createdBy: createdBy ?? null,
      reversesEntryId: reversesEntryId ?? null,
      postings: lines.map(([, , accountId, amount]) => ({ accountId, amountMinor: big(amount) })),
    });
    if (recomputed !== hash)
      report({
        check: 'CHAIN_HASH',
        subject: id,
        message: `entry ${sequence} was changed after it was booked (its hash no longer matches)`,
      });
    for (const [, , accountId, amount, balanceAfter] of lines) {
      const running = (walk.runningBalances.get(accountId) ?? 0n) + big(amount);
      walk.runningBalances.set(accountId, running);
      if (running !== big(balanceAfter)) {
        report({
          check: 'RUNNING_BALANCE',
          subject: accountId,
          message: `after entry ${sequence} the balance is ${formatAmount(running)}, the posting says ${formatAmount(big(balanceAfter))}`,
        });
        walk.runningBalances.set(accountId, big(balanceAfter));
      }
      walk.postings += 1;
    }
    walk.previousHash = hash;
    walk.expectedSequence = sequence + 1n;
    walk.entries += 1;
  }
}

/** An entry as the chain walk reads it: the columns of its SELECT, in order. */
type EntryRow = [
  id: string,
  sequence: bigint | string,
  code: string,
  description: string,
  metadata: string,
  effectiveDate: string,
  createdAt: string,
  createdBy: string | null,
  reversesEntryId: string | null,
  previousHash: string,
  hash: string,
];
/** A posting as the chain walk reads it. Integers: bigint on SQLite, string on PostgreSQL. */
type PostingRow = [
  entryId: string,
  entrySequence: bigint | string,
  accountId: string,
  amountMinor: bigint | string,
  balanceAfterMinor: bigint | string,
];

/** Where the chain walk stands between entries. */
interface ChainWalk {
  runningBalances: Map<string, bigint>;
  expectedSequence: bigint;
  previousHash: string;
  entries: number;
  postings: number;
}

function groupBySequence(rows: PostingRow[]): Map<bigint, PostingRow[]> {
  const groups = new Map<bigint, PostingRow[]>();
  for (const row of rows) {
    const sequence = big(row[1]);
    const group = groups.get(sequence);
    if (group) group.push(row);
    else groups.set(sequence, [row]);
  }
  return groups;
}
