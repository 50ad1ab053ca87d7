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
      await this.checkEntrySums(tx, report);
      await this.checkClosingBalances(tx, report);
      const { entries, postings } = await this.checkChain(tx, report, onProgress);
      return { ok: discrepancies.length === 0, checked: { accounts, entries, postings, holds }, discrepancies };
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
        report({ check: 'ACCOUNT_BALANCE', subject: id, message: `cached balance ${formatAmount(balance)} ≠ Σ postings ${formatAmount(big(row.posted))}` });
      }
      if (big(row.pending_minor) !== big(row.held)) {
        report({ check: 'ACCOUNT_PENDING', subject: id, message: `cached pending ${formatAmount(big(row.pending_minor))} ≠ Σ pending holds ${formatAmount(big(row.held))}` });
      }
      const currency = row.currency as string;
      totals.set(currency, (totals.get(currency) ?? 0n) + balance);
    }
    for (const [currency, total] of totals) {
      if (total !== 0n) report({ check: 'CURRENCY_TOTAL', subject: currency, message: `Σ of all ${currency} balances is ${formatAmount(total)}, not 0` });
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
      const matches = posted !== null && row.debited !== null && row.credited !== null && big(row.debited) === -posted && big(row.credited) === posted;
      if (!matches) report({ check: 'HOLD_POSTING', subject: row.id as string, message: 'posted hold does not match the postings of its entry' });
    }
    return rows.length;
  }

  private async checkEntrySums(tx: Transaction, report: (d: Discrepancy) => void): Promise<void> {
    const rows = await tx.sql.all<Raw>(
      `SELECT e.id, COUNT(p.line) AS lines, COALESCE(SUM(p.amount_minor), 0) AS total
         FROM ledger_entries e LEFT JOIN ledger_postings p ON p.entry_id = e.id
        GROUP BY e.id
       HAVING COUNT(p.line) < 2 OR COALESCE(SUM(p.amount_minor), 0) <> 0`,
    );
    for (const row of rows) {
      const id = row.id as string;
      if (Number(row.lines) < 2) report({ check: 'ENTRY_TOO_FEW_POSTINGS', subject: id, message: `entry has ${row.lines} posting(s)` });
      if (big(row.total) !== 0n) report({ check: 'ENTRY_UNBALANCED', subject: id, message: `postings sum to ${formatAmount(big(row.total))}` });
    }
  }

  /** A closed period's stored closing balances must still be what its postings add up to. */
  private async checkClosingBalances(tx: Transaction, report: (d: Discrepancy) => void): Promise<void> {
    const periods = await tx.sql.all<Raw>('SELECT period FROM ledger_periods ORDER BY period');
    for (const { period } of periods) {
      const stored = new Map(
        (await tx.sql.all<Raw>('SELECT account_id, balance_minor FROM ledger_closing_balances WHERE period = ?', [period])).map((row) => [
          row.account_id as string,
          big(row.balance_minor),
        ]),
      );
      const recomputed = await tx.sql.all<Raw>(
        'SELECT account_id, SUM(amount_minor) AS total FROM ledger_postings WHERE effective_date <= ? GROUP BY account_id',
        [lastDayOf(period as string)],
      );
      const seen = new Set<string>();
      for (const row of recomputed) {
        const accountId = row.account_id as string;
        seen.add(accountId);
        if ((stored.get(accountId) ?? 0n) !== big(row.total)) {
          report({ check: 'CLOSING_BALANCE', subject: accountId, message: `closing balance of ${period} was ${formatAmount(stored.get(accountId) ?? 0n)}, the postings now say ${formatAmount(big(row.total))}` });
        }
      }
      for (const [accountId, balance] of stored) {
        if (!seen.has(accountId) && balance !== 0n) report({ check: 'CLOSING_BALANCE', subject: accountId, message: `closing balance of ${period} was ${formatAmount(balance)}, the postings now say 0.00` });
      }
    }
  }

  /** Walks every entry in sequence order: contiguous sequences, links, hashes, running balances. */
  private async checkChain(
    tx: Transaction,
    report: (d: Discrepancy) => void,
    onProgress?: (done: number, total: number) => void,
  ): Promise<{ entries: number; postings: number }> {
    const total = Number((await tx.sql.get<Raw>('SELECT COUNT(*) AS n FROM ledger_entries'))?.n ?? 0);
    const runningBalances = new Map<string, bigint>();
    let expectedSequence = 1n;
    let previousHash = GENESIS_HASH;
    let entries = 0;
    let postings = 0;
    for (;;) {
      const rows = await tx.sql.all<Raw>(
        `SELECT e.id, e.sequence, e.code, e.description, e.metadata, e.effective_date, e.created_at, e.created_by,
                e.reverses_entry_id, e.previous_hash, e.hash, p.line, p.account_id, p.amount_minor, p.balance_after_minor
           FROM ledger_entries e LEFT JOIN ledger_postings p ON p.entry_id = e.id
          WHERE e.sequence >= ? AND e.sequence < ?
          ORDER BY e.sequence, p.line`,
        [expectedSequence, expectedSequence + BigInt(CHAIN_PAGE_ENTRIES)],
      );
      if (rows.length === 0) break;
      for (const group of groupByEntry(rows)) {
        const head = group[0];
        const id = head.id as string;
        const sequence = big(head.sequence);
        if (sequence !== expectedSequence) {
          report({ check: 'CHAIN_SEQUENCE', subject: id, message: `sequence ${sequence} where ${expectedSequence} was expected: an entry is missing` });
        }
        if (head.previous_hash !== previousHash) report({ check: 'CHAIN_LINK', subject: id, message: `entry ${sequence} does not name the hash of the entry before it` });
        const lines = group.filter((row) => row.line !== null && row.line !== undefined);
        const recomputed = entryHash(head.previous_hash as string, {
          id,
          sequence,
          code: head.code as string,
          description: head.description as string,
          metadata: head.metadata as string,
          effectiveDate: head.effective_date as string,
          createdAt: head.created_at as string,
          createdBy: (head.created_by ?? null) as string | null,
          reversesEntryId: (head.reverses_entry_id ?? null) as string | null,
          postings: lines.map((row) => ({ accountId: row.account_id as string, amountMinor: big(row.amount_minor) })),
        });
        if (recomputed !== head.hash) report({ check: 'CHAIN_HASH', subject: id, message: `entry ${sequence} was changed after it was booked (its hash no longer matches)` });
        for (const row of lines) {
          const accountId = row.account_id as string;
          const running = (runningBalances.get(accountId) ?? 0n) + big(row.amount_minor);
          runningBalances.set(accountId, running);
          if (running !== big(row.balance_after_minor)) {
            report({ check: 'RUNNING_BALANCE', subject: accountId, message: `after entry ${sequence} the balance is ${formatAmount(running)}, the posting says ${formatAmount(big(row.balance_after_minor))}` });
            runningBalances.set(accountId, big(row.balance_after_minor));
          }
          postings += 1;
        }
        previousHash = head.hash as string;
        expectedSequence = sequence + 1n;
        entries += 1;
      }
      onProgress?.(entries, total);
    }
    const chain = await tx.sql.get<Raw>('SELECT last_sequence, last_hash FROM ledger_chain WHERE id = 1');
    if (!chain || big(chain.last_sequence) !== expectedSequence - 1n || chain.last_hash !== previousHash) {
      report({ check: 'CHAIN_HEAD', subject: 'ledger_chain', message: 'the chain head does not point at the last entry: the last entries were removed or replaced' });
    }
    return { entries, postings };
  }
}

function groupByEntry(rows: Raw[]): Raw[][] {
  const groups: Raw[][] = [];
  for (const row of rows) {
    const current = groups[groups.length - 1];
    if (current && current[0].id === row.id) current.push(row);
    else groups.push([row]);
  }
  return groups;
}
