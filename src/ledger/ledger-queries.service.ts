import { Injectable } from '@nestjs/common';
import { formatAmount } from '../common/amount.js';
import { Clock } from '../common/clock.js';
import { NotFoundError, ValidationFailedError } from '../common/errors/domain-error.js';
import { decodeCursor, type Page, PAGE_SIZE_DEFAULT, pageFrom } from '../common/pagination.js';
import { Database } from '../database/database.service.js';
import { ledgerStoreOf } from './ledger-transaction.js';
import { entryView, readAccountView } from './ledger-views.js';
import type { AccountRow, LedgerStore } from './ledger.store.js';
import type { AccountView, EntryView, StatementLine } from './ledger.types.js';

/**
 * The ledger read as the treasury reads it: statements, balances as of a date, every account at
 * once, closed periods, movements per account and code, the whole journal. Read-only: the write
 * path is ledger.service.ts.
 */
@Injectable()
export class LedgerQueries {
  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
  ) {}

  /** Postings of an account in booking order with the balance after each; dates filter the effective date. */
  statement(
    accountId: string,
    query: { fromDate?: string; toDate?: string; cursor?: string; limit?: number },
  ): Promise<Page<StatementLine>> {
    return this.database.read(async (tx) => {
      const store = ledgerStoreOf(tx);
      await requireAccount(store, accountId);
      const limit = query.limit ?? PAGE_SIZE_DEFAULT;
      const afterSequence = query.cursor ? sequenceFromCursor(query.cursor) : undefined;
      const rows = await store.statementPage(accountId, {
        fromDate: query.fromDate,
        toDate: query.toDate,
        afterSequence,
        limit: limit + 1,
      });
      return pageFrom(
        rows,
        limit,
        (row) => ({ sortValue: Number(row.entrySequence), id: `${row.entryId}:${row.line}` }),
        (row): StatementLine => ({
          entryId: row.entryId,
          sequence: Number(row.entrySequence),
          code: row.code,
          description: row.description,
          effectiveDate: row.effectiveDate,
          createdAt: row.createdAt,
          amount: formatAmount(row.amountMinor),
          balanceAfter: formatAmount(row.balanceAfterMinor),
        }),
      );
    });
  }

  balanceAsOf(
    accountId: string,
    date: string,
  ): Promise<{ accountId: string; asOf: string; balance: string }> {
    return this.database.read(async (tx) => {
      const store = ledgerStoreOf(tx);
      await requireAccount(store, accountId);
      return {
        accountId,
        asOf: date,
        balance: formatAmount(await store.balanceAsOf(accountId, date)),
      };
    });
  }

  /** Every account with its balance: now (the cached balance), or as of the end of a date. */
  accountsWithBalances(
    asOf?: string,
  ): Promise<Array<{ account: AccountView; balanceAsOf: string }>> {
    return this.database.read(async (tx) => {
      const store = ledgerStoreOf(tx);
      const nowIso = this.clock.now().toISOString();
      const accounts = await store.listAllAccounts();
      const asOfBalances = asOf ? await store.balancesAsOf(asOf) : undefined;
      const result: Array<{ account: AccountView; balanceAsOf: string }> = [];
      for (const account of accounts) {
        const view = await readAccountView(store, account, nowIso);
        result.push({
          account: view,
          balanceAsOf: asOfBalances
            ? formatAmount(asOfBalances.get(account.id) ?? 0n)
            : view.balance,
        });
      }
      return result;
    });
  }

  /** Closed periods, oldest first, each with the closing balance of every account that had postings. */
  closedPeriods(): Promise<
    Array<{
      period: string;
      closedAt: string;
      closedBy: string | null;
      balances: Map<string, bigint>;
    }>
  > {
    return this.database.read(async (tx) => {
      const store = ledgerStoreOf(tx);
      const periods = await store.closedPeriods();
      return Promise.all(
        periods.map(async (period) => ({
          ...period,
          balances: await store.closingBalances(period.period),
        })),
      );
    });
  }

  /** Money in and out per account and entry code between two dates (inclusive), with each account's owner. */
  movementsByAccount(
    fromDate: string,
    toDate: string,
  ): Promise<
    Array<{
      accountId: string;
      partyId: string | null;
      code: string;
      inMinor: bigint;
      outMinor: bigint;
    }>
  > {
    return this.database.read(async (tx) => {
      const store = ledgerStoreOf(tx);
      const owners = new Map(
        (await store.listAllAccounts()).map((account) => [account.id, account.partyId]),
      );
      return (await store.movementsByAccount(fromDate, toDate)).map((movement) => ({
        ...movement,
        partyId: owners.get(movement.accountId) ?? null,
      }));
    });
  }

  /** Walks the whole journal in booking order, a page at a time (for exports). */
  async *journal(pageSize = 1000): AsyncGenerator<EntryView> {
    let after = 0n;
    for (;;) {
      const page = await this.database.read((tx) => ledgerStoreOf(tx).journalPage(after, pageSize));
      if (page.length === 0) return;
      for (const entry of page) yield entryView(entry, entry.postings);
      after = page[page.length - 1].sequence;
    }
  }
}

async function requireAccount(store: LedgerStore, accountId: string): Promise<AccountRow> {
  const account = await store.findAccount(accountId);
  if (!account) throw new NotFoundError('account', accountId);
  return account;
}

function sequenceFromCursor(cursor: string): bigint {
  const position = decodeCursor(cursor);
  if (typeof position.sortValue !== 'number' || !Number.isSafeInteger(position.sortValue)) {
    throw new ValidationFailedError([{ field: 'cursor', code: 'INVALID_CURSOR' }]);
  }
  return BigInt(position.sortValue);
}
