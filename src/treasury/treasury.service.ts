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
import {
  beancountFile,
  type ExportFormat,
  hledgerJournal,
  journalCsv,
  type OpeningBalances,
} from './journal-export.js';

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

  /**
   * The whole journal, or one month of it, in one of the formats, with balance assertions at every
   * closed period's end (a month's export: that month's, when it is closed).
   */
  async exportJournal(format: ExportFormat, period?: string): Promise<string> {
    const inPeriod = (date: string) =>
      period === undefined || (date >= firstDayOf(period) && date <= lastDayOf(period));
    const entries: EntryView[] = [];
    for await (const entry of this.ledgerQueries.journal())
      if (inPeriod(entry.effectiveDate)) entries.push(entry);
    const accounts = (await this.ledgerQueries.accountsWithBalances()).map(
      ({ account }) => account,
    );
    const labels: Map<string, AccountLabel> = labelAccounts(accounts, await this.parties.listAll());
    const closedPeriods = (await this.ledgerQueries.closedPeriods())
      .filter((closed) => period === undefined || closed.period === period)
      .map(({ period: closedPeriod, balances }) => ({ period: closedPeriod, balances }));
    const input = {
      entries,
      labels,
      closedPeriods,
      generatedAt: this.clock.now().toISOString(),
      opening: period === undefined ? undefined : await this.openingBalances(period),
    };
    if (format === 'csv') return journalCsv(input);
    if (format === 'hledger') return hledgerJournal(input);
    return beancountFile(input);
  }

  private async openingBalances(period: string): Promise<OpeningBalances> {
    const balances = await this.ledgerQueries.accountsWithBalances(dayBefore(firstDayOf(period)));
    return {
      date: firstDayOf(period),
      balances: new Map(
        balances.map(({ account, balanceAsOf }) => [
          account.id,
          parseAmount(balanceAsOf, { allowNegative: true, allowZero: true }),
        ]),
      ),
    };
  }

  /**
   * The monthly statement of every account as CSV: its opening balance, money in, money out and
   * closing balance in the month; accounts without a balance or a movement are left out.
   */
  async monthlyStatementCsv(period: string): Promise<string> {
    const from = firstDayOf(period);
    const to = lastDayOf(period);
    const opening = await this.ledgerQueries.accountsWithBalances(dayBefore(from));
    const closing = new Map(
      (await this.ledgerQueries.accountsWithBalances(to)).map(({ account, balanceAsOf }) => [
        account.id,
        balanceAsOf,
      ]),
    );
    const moved = new Map<string, { in: bigint; out: bigint }>();
    for (const movement of await this.ledgerQueries.movementsByAccount(from, to)) {
      const sum = moved.get(movement.accountId) ?? { in: 0n, out: 0n };
      sum.in += movement.inMinor;
      sum.out += movement.outMinor;
      moved.set(movement.accountId, sum);
    }
    const labels = labelAccounts(
      opening.map(({ account }) => account),
      await this.parties.listAll(),
    );
    const rows: unknown[][] = [];
    for (const { account, balanceAsOf } of opening) {
      const sum = moved.get(account.id) ?? { in: 0n, out: 0n };
      const closingBalance = closing.get(account.id) ?? '0.00';
      if (balanceAsOf === '0.00' && closingBalance === '0.00' && sum.in === 0n && sum.out === 0n)
        continue;
      const label = labels.get(account.id)!;
      rows.push([
        period,
        account.id,
        label.group,
        label.name,
        balanceAsOf,
        formatAmount(sum.in),
        formatAmount(sum.out),
        closingBalance,
      ]);
    }
    rows.sort((a, b) =>
      String(a[2]) === String(b[2])
        ? String(a[3]).localeCompare(String(b[3]))
        : GROUP_ORDER.indexOf(String(a[2])) - GROUP_ORDER.indexOf(String(b[2])),
    );
    // Names are typed by people: made inert for a spreadsheet; amounts stay numbers.
    return csvWithText(
      [
        'period',
        'account_id',
        'account_group',
        'account_name',
        'opening_balance',
        'money_in',
        'money_out',
        'closing_balance',
      ],
      rows,
      new Set(['account_group', 'account_name']),
    );
  }
}
