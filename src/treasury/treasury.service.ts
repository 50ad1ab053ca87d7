import { Injectable } from '@nestjs/common';
import { csvWithText } from '../common/csv.js';
import { formatAmount, parseAmount } from '../common/amount.js';
import { dayBefore, firstDayOf, lastDayOf } from '../common/calendar.js';
import { Clock } from '../common/clock.js';
import { PAGE_SIZE_MAX } from '../common/pagination.js';
import { LedgerQueries } from '../ledger/ledger-queries.service.js';
import { LedgerService } from '../ledger/ledger.service.js';
import type { AccountView, EntryView, StatementLine } from '../ledger/ledger.types.js';
import { PartiesService } from '../parties/parties.service.js';
import { type AccountLabel, labelAccounts } from './account-names.js';
import { beancountFile, type ExportFormat, hledgerJournal, journalCsv } from './journal-export.js';

export interface TrialBalanceLine {
  accountId: string;
  partyId: string | null;
  name: string;
  balance: string;
  pending: string;
}

export interface TrialBalance {
  asOf: string | null;
  currency: 'STK';
  groups: Array<{ group: string; total: string; accounts: TrialBalanceLine[] }>;
  /** Σ of every balance: zero, always (DESIGN.md §4.9). */
  total: string;
  balanced: boolean;
  /** Steerkes held by parties: the money supply, minus the issuance account's balance. */
  circulation: string;
  pendingHolds: string;
  /** Mutual credit: Steerkes that may be, and that are, spent below zero (nobody issued them). */
  creditExtended: CreditExtended;
}

export interface CreditExtended {
  /** Σ of the organisations' credit limits below zero, as they stand now (not as of a date). */
  limits: string;
  /** Σ of the party balances below zero (as of the date): credit actually drawn. */
  drawn: string;
}

export interface AccountPeriodStatement {
  account: AccountView;
  name: string;
  period: string;
  openingBalance: string;
  closingBalance: string;
  movements: StatementLine[];
}

const GROUP_ORDER = ['organisation', 'institution', 'business', 'volunteer', 'system'];

/** What a treasurer needs at month end: the trial balance, statements and exports for real bookkeeping tools. */
@Injectable()
export class TreasuryService {
  constructor(
    private readonly ledger: LedgerService,
    private readonly ledgerQueries: LedgerQueries,
    private readonly parties: PartiesService,
    private readonly clock: Clock,
  ) {}

  async trialBalance(asOf?: string): Promise<TrialBalance> {
    const accounts = await this.ledgerQueries.accountsWithBalances(asOf);
    const labels = labelAccounts(
      accounts.map(({ account }) => account),
      await this.parties.listAll(),
    );
    const groups = new Map<string, { total: bigint; accounts: TrialBalanceLine[] }>();
    let total = 0n;
    let circulation = 0n;
    let pending = 0n;
    let limitsMinor = 0n;
    let drawnMinor = 0n;
    for (const { account, balanceAsOf } of accounts) {
      const label = labels.get(account.id)!;
      const balanceMinor = parseAmount(balanceAsOf, { allowNegative: true, allowZero: true });
      const group = groups.get(label.group) ?? { total: 0n, accounts: [] };
      group.total += balanceMinor;
      group.accounts.push({
        accountId: account.id,
        partyId: account.partyId,
        name: label.name,
        balance: balanceAsOf,
        pending: account.pending,
      });
      groups.set(label.group, group);
      total += balanceMinor;
      if (account.systemName === null) {
        circulation += balanceMinor;
        if (balanceMinor < 0n) drawnMinor -= balanceMinor;
        const minMinor =
          account.minBalance === null
            ? 0n
            : parseAmount(account.minBalance, { allowNegative: true, allowZero: true });
        if (minMinor < 0n) limitsMinor -= minMinor;
      }
      pending += parseAmount(account.pending, { allowZero: true });
    }
    return {
      asOf: asOf ?? null,
      currency: 'STK',
      groups: [...groups.entries()]
        .sort(([a], [b]) => GROUP_ORDER.indexOf(a) - GROUP_ORDER.indexOf(b))
        .map(([group, { total: groupTotal, accounts: lines }]) => ({
          group,
          total: formatAmount(groupTotal),
          accounts: lines,
        })),
      total: formatAmount(total),
      balanced: total === 0n,
      circulation: formatAmount(circulation),
      pendingHolds: formatAmount(pending),
      creditExtended: { limits: formatAmount(limitsMinor), drawn: formatAmount(drawnMinor) },
    };
  }

  /** Opening balance, every movement and the closing balance of one account in one month. */
  async accountStatement(accountId: string, period: string): Promise<AccountPeriodStatement> {
    const account = await this.ledger.getAccount(accountId);
    const labels = labelAccounts([account], await this.parties.listAll());
    const opening = await this.ledgerQueries.balanceAsOf(accountId, dayBefore(firstDayOf(period)));
    const movements: StatementLine[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.ledgerQueries.statement(accountId, {
        fromDate: firstDayOf(period),
        toDate: lastDayOf(period),
        cursor,
        limit: PAGE_SIZE_MAX,
      });
      movements.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const closing = await this.ledgerQueries.balanceAsOf(accountId, lastDayOf(period));
    return {
      account,
      name: labels.get(accountId)!.name,
      period,
      openingBalance: opening.balance,
      closingBalance: closing.balance,
      movements,
    };
  }

  accountStatementCsv(statement: AccountPeriodStatement): string {
    const rows: unknown[][] = [
      [`${statement.period}-01`, '', 'OPENING', 'Opening balance', '', statement.openingBalance],
    ];
    let running = parseAmount(statement.openingBalance, { allowNegative: true, allowZero: true });
    for (const line of statement.movements) {
      running += parseAmount(line.amount, { allowNegative: true });
      rows.push([
        line.effectiveDate,
        line.sequence,
        line.code,
        line.description,
        line.amount,
        formatAmount(running),
      ]);
    }
    rows.push([
      lastDayOf(statement.period),
      '',
      'CLOSING',
      'Closing balance',
      '',
      statement.closingBalance,
    ]);
    // Descriptions are typed by people: made inert for a spreadsheet; amounts stay numbers.
    return csvWithText(
      ['date', 'sequence', 'code', 'description', 'amount', 'balance'],
      rows,
      new Set(['description']),
    );
  }

  /** The closed months, oldest first: when and by whom (their closing balances stay inside). */
  async closedPeriods(): Promise<
    Array<{ period: string; closedAt: string; closedBy: string | null }>
  > {
    return (await this.ledgerQueries.closedPeriods()).map(({ period, closedAt, closedBy }) => ({
      period,
      closedAt,
      closedBy,
    }));
  }

  /** The whole journal in one of the formats, with balance assertions at every closed period's end. */
  async exportJournal(format: ExportFormat): Promise<string> {
    const entries: EntryView[] = [];
    for await (const entry of this.ledgerQueries.journal()) entries.push(entry);
    const accounts = (await this.ledgerQueries.accountsWithBalances()).map(
      ({ account }) => account,
    );
    const labels: Map<string, AccountLabel> = labelAccounts(accounts, await this.parties.listAll());
    const closedPeriods = (await this.ledgerQueries.closedPeriods()).map(
      ({ period, balances }) => ({ period, balances }),
    );
    const input = { entries, labels, closedPeriods, generatedAt: this.clock.now().toISOString() };
    if (format === 'csv') return journalCsv(input);
    if (format === 'hledger') return hledgerJournal(input);
    return beancountFile(input);
  }
}
