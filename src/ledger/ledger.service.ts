import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { formatAmount } from '../common/amount.js';
import { isCalendarDate, isPeriod, lastDayOf, localDate, periodOf } from '../common/calendar.js';
import { Clock } from '../common/clock.js';
import { timeOrderedId } from '../common/time-ordered-id.js';
import { assertInvariant, DomainError, ForbiddenError, InvalidAmountError, NotFoundError, ValidationFailedError } from '../common/errors/domain-error.js';
import { decodeCursor, type Page, PAGE_SIZE_DEFAULT, pageFrom } from '../common/pagination.js';
import { Database, type Transaction } from '../database/database.service.js';
import { canonicalJson, sha256Hex } from './canonical-json.js';
import { entryHash } from './entry-hash.js';
import {
  AccountNotOpenError,
  BalanceLimitExceededError,
  CurrencyMismatchError,
  EntryAlreadyReversedError,
  EntryCodeNotAllowedError,
  EntryNotReversibleError,
  EntryUnbalancedError,
  HoldAmountExceededError,
  HoldExpiredError,
  HoldNotPendingError,
  IdempotencyKeyReusedError,
  InsufficientFundsError,
  PeriodClosedError,
  PeriodNotEndedError,
  PolicyConflictsWithBalanceError,
  SameAccountError,
} from './ledger.errors.js';
import { type AccountRow, type ChainHead, type EntryRow, type HoldRow, LedgerStore, type PostingRow } from './ledger.store.js';
import {
  type AccountStatus,
  type AccountView,
  BATCH_COMMANDS_MAX,
  type BatchItemOutcome,
  CURRENCY,
  DESCRIPTION_LENGTH_MAX,
  ENTRY_CODES,
  type EntryCode,
  type EntryView,
  HOLD_LIFETIME_MAX_MS,
  type HoldCommand,
  type HoldView,
  IDEMPOTENCY_SCOPE_KEY_LENGTH_MAX,
  type LedgerCommand,
  type LedgerOutcome,
  type Metadata,
  METADATA_BYTES_MAX,
  MONEY_SUPPLY_CODES,
  type PostHoldCommand,
  type PostingInput,
  POSTINGS_PER_ENTRY_MAX,
  type ReverseCommand,
  type StatementLine,
  type VoidHoldCommand,
} from './ledger.types.js';

/**
 * What the ledger remembers for the length of one database transaction: the chain head (read,
 * and on PostgreSQL locked, by the first command; written back once, just before COMMIT) and
 * which periods are closed. A batch of a thousand transfers thus reads and writes the head once.
 */
interface LedgerTransactionState {
  head: ChainHead;
  storedSequence: bigint;
  closedPeriods: Map<string, boolean>;
}

const LEDGER_TRANSACTION_STATE = Symbol('ledger transaction state');
const LEDGER_STORE = Symbol('ledger store');

/** What one command works with: the store of its transaction, the moment, the transaction state. */
interface CommandContext {
  store: LedgerStore;
  now: Date;
  nowIso: string;
  state: LedgerTransactionState;
  actorId: string | null;
}

/** An entry about to be booked, after its command has been translated. */
interface EntrySpecification {
  code: EntryCode;
  description: string;
  metadata: Metadata;
  effectiveDate?: string;
  postings: PostingInput[];
  reversesEntryId: string | null;
  /** Holds being posted release their reservation in the same step: count it as available. */
  pendingReleaseMinor?: ReadonlyMap<string, bigint>;
}

/**
 * The one write path for money. Every posting and every balance change in Steerkes goes through
 * `execute` or `executeBatch`. Each command first checks everything, then writes: a refused
 * command writes nothing, which is what lets a batch refuse one command and keep the others.
 * Domain modules pass their own transaction, so their record and the entry commit together.
 */
@Injectable()
export class LedgerService {
  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
  ) {}

  execute(command: LedgerCommand, transaction?: Transaction): Promise<LedgerOutcome> {
    const work = (tx: Transaction) => this.executeInTransaction(tx, command);
    return transaction ? work(transaction) : this.database.transaction(work);
  }

  /** Many commands, one commit; each succeeds or is refused on its own. */
  executeBatch(commands: LedgerCommand[], transaction?: Transaction): Promise<BatchItemOutcome[]> {
    if (commands.length > BATCH_COMMANDS_MAX) {
      throw new ValidationFailedError([{ field: 'commands', code: 'arrayMaxSize', parameters: { max: BATCH_COMMANDS_MAX } }]);
    }
    const work = async (tx: Transaction) => {
      const outcomes: BatchItemOutcome[] = [];
      for (const command of commands) {
        try {
          outcomes.push({ ok: true, outcome: await this.executeInTransaction(tx, command) });
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          outcomes.push({ ok: false, error });
        }
      }
      return outcomes;
    };
    return transaction ? work(transaction) : this.database.transaction(work);
  }

  /** Opens a party's STK account with its balance policy. */
  async openAccount(
    input: { partyId: string; minBalanceMinor: bigint | null; maxBalanceMinor?: bigint | null },
    transaction: Transaction,
  ): Promise<AccountView> {
    const account: AccountRow = {
      id: randomUUID(),
      partyId: input.partyId,
      systemName: null,
      currency: CURRENCY,
      minBalanceMinor: input.minBalanceMinor,
      maxBalanceMinor: input.maxBalanceMinor ?? null,
      status: 'open',
      balanceMinor: 0n,
      pendingMinor: 0n,
      nextHoldExpiry: null,
      createdAt: this.clock.now().toISOString(),
    };
    await this.storeOf(transaction).insertAccount(account);
    return accountView(account, account.pendingMinor);
  }

  /** Sets an account's limits and status (an admin's decision). */
  updateAccountPolicy(
    accountId: string,
    policy: { minBalanceMinor: bigint | null; maxBalanceMinor: bigint | null; status: AccountStatus },
  ): Promise<AccountView> {
    return this.database.transaction(async (tx) => {
      const store = this.storeOf(tx);
      await this.transactionState(tx, store);
      const account = await this.requireAccount(store, accountId);
      if (account.systemName !== null) throw new ForbiddenError('SYSTEM_ACCOUNT_POLICY');
      if (policy.minBalanceMinor !== null && policy.maxBalanceMinor !== null && policy.minBalanceMinor > policy.maxBalanceMinor) {
        throw new ValidationFailedError([{ field: 'minBalance', code: 'MIN_ABOVE_MAX' }]);
      }
      // The invariant available ≥ minBalance (and balance ≤ maxBalance) must hold the moment the policy does.
      await this.releaseExpiredHoldsOf(store, account, this.clock.now().toISOString());
      const availableMinor = account.balanceMinor - account.pendingMinor;
      const belowMinimum = policy.minBalanceMinor !== null && availableMinor < policy.minBalanceMinor;
      const aboveMaximum = policy.maxBalanceMinor !== null && account.balanceMinor > policy.maxBalanceMinor;
      if (belowMinimum || aboveMaximum) throw new PolicyConflictsWithBalanceError(account.id, account.balanceMinor, availableMinor);
      await store.updatePolicy(accountId, policy);
      Object.assign(account, policy);
      return this.readAccount(store, account);
    });
  }

  // --- reads -----------------------------------------------------------------------------------

  getAccount(accountId: string, transaction?: Transaction): Promise<AccountView> {
    const work = async (tx: Transaction) => {
      const store = this.storeOf(tx);
      return this.readAccount(store, await this.requireAccount(store, accountId));
    };
    return transaction ? work(transaction) : this.database.read(work);
  }

  /** The raw owner of an account, for the access checks of the HTTP layer. */
  findAccountOwner(accountId: string, transaction?: Transaction): Promise<{ partyId: string | null; systemName: string | null } | undefined> {
    const work = async (tx: Transaction) => {
      const account = await this.storeOf(tx).findAccount(accountId);
      return account && { partyId: account.partyId, systemName: account.systemName };
    };
    return transaction ? work(transaction) : this.database.read(work);
  }

  listAccountsOfParty(partyId: string, transaction?: Transaction): Promise<AccountView[]> {
    const work = async (tx: Transaction) => {
      const store = this.storeOf(tx);
      const accounts = await store.listAccountsOfParty(partyId);
      return Promise.all(accounts.map((account) => this.readAccount(store, account)));
    };
    return transaction ? work(transaction) : this.database.read(work);
  }

  /** The id of a system account such as issuance. */
  getSystemAccountId(systemName: string, transaction?: Transaction): Promise<string> {
    const work = async (tx: Transaction) => {
      const account = await this.storeOf(tx).findSystemAccount(systemName);
      assertInvariant(account, `system account ${systemName} is missing: the ledger migration did not run`);
      return account.id;
    };
    return transaction ? work(transaction) : this.database.read(work);
  }

  getEntry(entryId: string, transaction?: Transaction): Promise<EntryView> {
    const work = async (tx: Transaction) => {
      const store = this.storeOf(tx);
      const entry = await store.findEntry(entryId);
      if (!entry) throw new NotFoundError('entry', entryId);
      return entryView(entry, await store.postingsOfEntry(entryId));
    };
    return transaction ? work(transaction) : this.database.read(work);
  }

  getHold(holdId: string, transaction?: Transaction): Promise<HoldView> {
    const work = async (tx: Transaction) => {
      const hold = await this.storeOf(tx).findHold(holdId);
      if (!hold) throw new NotFoundError('hold', holdId);
      return holdView(hold, this.clock.now().toISOString());
    };
    return transaction ? work(transaction) : this.database.read(work);
  }

  /** Postings of an account in booking order with the balance after each; dates filter the effective date. */
  statement(accountId: string, query: { fromDate?: string; toDate?: string; cursor?: string; limit?: number }): Promise<Page<StatementLine>> {
    return this.database.read(async (tx) => {
      const store = this.storeOf(tx);
      await this.requireAccount(store, accountId);
      const limit = query.limit ?? PAGE_SIZE_DEFAULT;
      const afterSequence = query.cursor ? sequenceFromCursor(query.cursor) : undefined;
      const rows = await store.statementPage(accountId, { fromDate: query.fromDate, toDate: query.toDate, afterSequence, limit: limit + 1 });
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

  balanceAsOf(accountId: string, date: string): Promise<{ accountId: string; asOf: string; balance: string }> {
    return this.database.read(async (tx) => {
      const store = this.storeOf(tx);
      await this.requireAccount(store, accountId);
      return { accountId, asOf: date, balance: formatAmount(await store.balanceAsOf(accountId, date)) };
    });
  }

  /**
   * Closes a month: entries dated inside it are refused from now on. Only a month that has ended
   * (in Maastricht) can be closed, and only once.
   */
  closePeriod(period: string, actorId: string | null): Promise<{ period: string; closedAt: string; closedBy: string | null; accounts: number }> {
    return this.database.transaction(async (tx) => {
      const store = this.storeOf(tx);
      const state = await this.transactionState(tx, store);
      if (!isPeriod(period)) throw new ValidationFailedError([{ field: 'period', code: 'isPeriod' }]);
      const now = this.clock.now();
      if (period >= periodOf(localDate(now))) throw new PeriodNotEndedError(period);
      if (await this.isPeriodClosed(store, state, period)) throw new PeriodClosedError(period);
      const closedAt = now.toISOString();
      await store.insertPeriod(period, closedAt, actorId);
      // The closing balances are stored with the close: from now on they are asserted, by the
      // integrity check and in every export, and no entry can be dated inside the period.
      const balances = await store.balancesAsOf(lastDayOf(period));
      for (const [accountId, balanceMinor] of balances) await store.insertClosingBalance(period, accountId, balanceMinor);
      state.closedPeriods.set(period, true);
      return { period, closedAt, closedBy: actorId, accounts: balances.size };
    });
  }

  /** Every account with its balance: now (the cached balance), or as of the end of a date. */
  accountsWithBalances(asOf?: string): Promise<Array<{ account: AccountView; balanceAsOf: string }>> {
    return this.database.read(async (tx) => {
      const store = this.storeOf(tx);
      const accounts = await store.listAllAccounts();
      const asOfBalances = asOf ? await store.balancesAsOf(asOf) : undefined;
      const result: Array<{ account: AccountView; balanceAsOf: string }> = [];
      for (const account of accounts) {
        const view = await this.readAccount(store, account);
        result.push({ account: view, balanceAsOf: asOfBalances ? formatAmount(asOfBalances.get(account.id) ?? 0n) : view.balance });
      }
      return result;
    });
  }

  /** Closed periods, oldest first, each with the closing balance of every account that had postings. */
  closedPeriods(): Promise<Array<{ period: string; closedAt: string; closedBy: string | null; balances: Map<string, bigint> }>> {
    return this.database.read(async (tx) => {
      const store = this.storeOf(tx);
      const periods = await store.closedPeriods();
      return Promise.all(periods.map(async (period) => ({ ...period, balances: await store.closingBalances(period.period) })));
    });
  }

  /** Money in and out per account and entry code between two dates (inclusive), with each account's owner. */
  movementsByAccount(fromDate: string, toDate: string): Promise<Array<{ accountId: string; partyId: string | null; code: string; inMinor: bigint; outMinor: bigint }>> {
    return this.database.read(async (tx) => {
      const store = this.storeOf(tx);
      const owners = new Map((await store.listAllAccounts()).map((account) => [account.id, account.partyId]));
      return (await store.movementsByAccount(fromDate, toDate)).map((movement) => ({ ...movement, partyId: owners.get(movement.accountId) ?? null }));
    });
  }

  /** Walks the whole journal in booking order, a page at a time (for exports). */
  async *journal(pageSize = 1000): AsyncGenerator<EntryView> {
    let after = 0n;
    for (;;) {
      const page = await this.database.read((tx) => this.storeOf(tx).journalPage(after, pageSize));
      if (page.length === 0) return;
      for (const entry of page) yield entryView(entry, entry.postings);
      after = page[page.length - 1].sequence;
    }
  }

  /** Marks every hold that has expired by now as expired and frees what it reserved. */
  releaseExpiredHolds(): Promise<number> {
    return this.database.transaction(async (tx) => {
      const store = this.storeOf(tx);
      await this.transactionState(tx, store);
      const nowIso = this.clock.now().toISOString();
      const accountIds = await store.accountsWithExpiredHolds(nowIso);
      for (const accountId of accountIds) {
        const account = await this.requireAccount(store, accountId);
        await this.releaseExpiredHoldsOf(store, account, nowIso);
      }
      return accountIds.length;
    });
  }

  // --- the write path ----------------------------------------------------------------------------

  private async executeInTransaction(tx: Transaction, command: LedgerCommand): Promise<LedgerOutcome> {
    const store = this.storeOf(tx);
    const now = this.clock.now();
    const state = await this.transactionState(tx, store);
    const context: CommandContext = { store, now, nowIso: now.toISOString(), state, actorId: command.actorId ?? null };
    const scopeKey = command.idempotencyKey;
    let fingerprint = '';
    if (scopeKey !== undefined) {
      if (scopeKey.length === 0 || scopeKey.length > IDEMPOTENCY_SCOPE_KEY_LENGTH_MAX) throw new DomainError('IDEMPOTENCY_KEY_REQUIRED');
      fingerprint = commandFingerprint(command);
      const earlier = await store.findIdempotency(scopeKey);
      if (earlier) {
        if (earlier.fingerprint !== fingerprint) throw new IdempotencyKeyReusedError();
        return this.replay(store, earlier.resultKind, earlier.resultId, context.nowIso);
      }
    }
    const outcome = await this.apply(context, command);
    if (scopeKey !== undefined) {
      const resultId = outcome.kind === 'entry' ? outcome.entry.id : outcome.hold.id;
      await store.insertIdempotency(scopeKey, { fingerprint, resultKind: outcome.kind, resultId }, context.nowIso);
    }
    return outcome;
  }

  private async apply(context: CommandContext, command: LedgerCommand): Promise<LedgerOutcome> {
    switch (command.kind) {
      case 'transfer': {
        if (command.fromAccountId === command.toAccountId) throw new SameAccountError();
        assertPositive(command.amountMinor);
        const entry = await this.bookEntry(context, {
          code: command.code,
          description: command.description,
          metadata: command.metadata ?? {},
          effectiveDate: command.effectiveDate,
          postings: [
            { accountId: command.fromAccountId, amountMinor: -command.amountMinor },
            { accountId: command.toAccountId, amountMinor: command.amountMinor },
          ],
          reversesEntryId: null,
        });
        return { kind: 'entry', entry, replayed: false };
      }
      case 'entry': {
        const entry = await this.bookEntry(context, { ...command, metadata: command.metadata ?? {}, reversesEntryId: null });
        return { kind: 'entry', entry, replayed: false };
      }
      case 'hold':
        return { kind: 'hold', hold: await this.createHold(context, command), replayed: false };
      case 'postHold':
        return { kind: 'hold', hold: await this.postHold(context, command), replayed: false };
      case 'voidHold':
        return { kind: 'hold', hold: await this.voidHold(context, command), replayed: false };
      case 'reverse':
        return { kind: 'entry', entry: await this.reverse(context, command), replayed: false };
    }
  }

  private async replay(store: LedgerStore, kind: 'entry' | 'hold', id: string, nowIso: string): Promise<LedgerOutcome> {
    if (kind === 'entry') {
      const entry = await store.findEntry(id);
      assertInvariant(entry, `idempotency record points at missing entry ${id}`);
      return { kind, entry: entryView(entry, await store.postingsOfEntry(id)), replayed: true };
    }
    const hold = await store.findHold(id);
    assertInvariant(hold, `idempotency record points at missing hold ${id}`);
    return { kind, hold: holdView(hold, nowIso), replayed: true };
  }

  /** Checks an entry whole, then writes it: entry, postings, balances and the chain head. */
  private async bookEntry(context: CommandContext, specification: EntrySpecification): Promise<EntryView> {
    const { store } = context;
    const metadataText = validateEntryShape(specification);
    const effectiveDate = await this.effectiveDate(context, specification.effectiveDate);
    const accounts = await this.loadOpenAccounts(context, specification.postings.map((posting) => posting.accountId), specification.code);
    for (const posting of specification.postings) {
      const account = accounts.get(posting.accountId)!;
      checkBalancePolicy(account, posting.amountMinor, specification.pendingReleaseMinor?.get(account.id) ?? 0n);
    }

    // Everything is checked; from here on nothing may refuse.
    const sequence = context.state.head.lastSequence + 1n;
    const entry: EntryRow = {
      id: timeOrderedId(),
      sequence,
      code: specification.code,
      description: specification.description,
      metadata: metadataText,
      effectiveDate,
      createdAt: context.nowIso,
      createdBy: context.actorId,
      reversesEntryId: specification.reversesEntryId,
      previousHash: context.state.head.lastHash,
      hash: '',
    };
    entry.hash = entryHash(entry.previousHash, { ...entry, postings: specification.postings });
    await store.insertEntry(entry);
    const postings: PostingRow[] = [];
    for (const [index, posting] of specification.postings.entries()) {
      const account = accounts.get(posting.accountId)!;
      account.balanceMinor += posting.amountMinor;
      const row: PostingRow = {
        entryId: entry.id,
        line: index + 1,
        accountId: account.id,
        amountMinor: posting.amountMinor,
        balanceAfterMinor: account.balanceMinor,
        entrySequence: sequence,
        effectiveDate,
      };
      await store.insertPosting(row);
      store.markAccountChanged(account);
      postings.push(row);
    }
    context.state.head = { lastSequence: sequence, lastHash: entry.hash };
    return entryView(entry, postings, specification.metadata);
  }

  private async createHold(context: CommandContext, command: HoldCommand): Promise<HoldView> {
    const { store } = context;
    if (command.fromAccountId === command.toAccountId) throw new SameAccountError();
    assertPositive(command.amountMinor);
    validateDescription(command.description);
    const metadata = validateMetadata(command.metadata ?? {});
    const expiresAt = validateExpiry(command.expiresAt, context.now);
    const accounts = await this.loadOpenAccounts(context, [command.fromAccountId, command.toAccountId], command.code);
    const payer = accounts.get(command.fromAccountId)!;
    checkBalancePolicy(payer, -command.amountMinor, 0n);

    const hold: HoldRow = {
      id: timeOrderedId(),
      accountId: payer.id,
      counterpartyAccountId: command.toAccountId,
      amountMinor: command.amountMinor,
      postedMinor: null,
      status: 'pending',
      code: command.code,
      description: command.description,
      metadata,
      expiresAt,
      createdAt: context.nowIso,
      createdBy: context.actorId,
      resolvedAt: null,
      postedEntryId: null,
    };
    await store.insertHold(hold);
    payer.pendingMinor += command.amountMinor;
    payer.nextHoldExpiry = earliest(payer.nextHoldExpiry, expiresAt);
    store.markAccountChanged(payer);
    return holdView(hold, context.nowIso);
  }

  private async postHold(context: CommandContext, command: PostHoldCommand): Promise<HoldView> {
    const { store } = context;
    const hold = await this.requirePendingHold(context, command.holdId);
    const amountMinor = command.amountMinor ?? hold.amountMinor;
    assertPositive(amountMinor);
    if (amountMinor > hold.amountMinor) throw new HoldAmountExceededError(hold.id, hold.amountMinor, amountMinor);
    const entry = await this.bookEntry(context, {
      code: hold.code,
      description: command.description ?? hold.description,
      metadata: { ...(JSON.parse(hold.metadata) as Metadata), holdId: hold.id },
      effectiveDate: command.effectiveDate,
      postings: [
        { accountId: hold.accountId, amountMinor: -amountMinor },
        { accountId: hold.counterpartyAccountId, amountMinor },
      ],
      reversesEntryId: null,
      pendingReleaseMinor: new Map([[hold.accountId, hold.amountMinor]]),
    });
    const resolved: HoldRow = { ...hold, status: 'posted', postedMinor: amountMinor, resolvedAt: context.nowIso, postedEntryId: entry.id };
    await this.resolveHold(store, resolved);
    return holdView(resolved, context.nowIso);
  }

  private async voidHold(context: CommandContext, command: VoidHoldCommand): Promise<HoldView> {
    const hold = await this.requirePendingHold(context, command.holdId);
    const resolved: HoldRow = { ...hold, status: 'voided', resolvedAt: context.nowIso };
    await this.resolveHold(context.store, resolved);
    return holdView(resolved, context.nowIso);
  }

  private async reverse(context: CommandContext, command: ReverseCommand): Promise<EntryView> {
    const { store } = context;
    const original = await store.findEntry(command.entryId);
    if (!original) throw new NotFoundError('entry', command.entryId);
    if (original.code === 'REVERSAL') throw new EntryNotReversibleError(original.id);
    if (await store.findReversalOf(original.id)) throw new EntryAlreadyReversedError(original.id);
    const postings = await store.postingsOfEntry(original.id);
    return this.bookEntry(context, {
      code: 'REVERSAL',
      description: command.description ?? `Reversal of entry ${original.sequence}`,
      metadata: { reversesEntryId: original.id },
      effectiveDate: command.effectiveDate,
      postings: postings.map((posting) => ({ accountId: posting.accountId, amountMinor: -posting.amountMinor })),
      reversesEntryId: original.id,
    });
  }

  // --- helpers of the write path -----------------------------------------------------------------

  /**
   * The ledger's memory of this transaction, made by its first ledger command: that command
   * reads the chain head (on PostgreSQL: locks its row, which serialises ledger writers across
   * instances until COMMIT) and arranges for the head to be written back before COMMIT.
   */
  private async transactionState(tx: Transaction, store: LedgerStore): Promise<LedgerTransactionState> {
    const existing = tx.scratch.get(LEDGER_TRANSACTION_STATE) as LedgerTransactionState | undefined;
    if (existing) return existing;
    const head = await store.lockChain();
    store.forgetAccounts();
    const state: LedgerTransactionState = { head, storedSequence: head.lastSequence, closedPeriods: new Map() };
    tx.scratch.set(LEDGER_TRANSACTION_STATE, state);
    tx.beforeCommit(async () => {
      await store.flushAccounts();
      if (state.head.lastSequence !== state.storedSequence) await store.advanceChain(state.head);
    });
    return state;
  }

  /** The store of a transaction: one per transaction, so that its account cache is shared. */
  private storeOf(tx: Transaction): LedgerStore {
    let store = tx.scratch.get(LEDGER_STORE) as LedgerStore | undefined;
    if (!store) {
      store = new LedgerStore(tx.sql);
      tx.scratch.set(LEDGER_STORE, store);
    }
    return store;
  }

  private async isPeriodClosed(store: LedgerStore, state: LedgerTransactionState, period: string): Promise<boolean> {
    let closed = state.closedPeriods.get(period);
    if (closed === undefined) {
      closed = await store.isPeriodClosed(period);
      state.closedPeriods.set(period, closed);
    }
    return closed;
  }

  private async requireAccount(store: LedgerStore, accountId: string): Promise<AccountRow> {
    const account = await store.findAccount(accountId);
    if (!account) throw new NotFoundError('account', accountId);
    return account;
  }

  /** Loads the accounts of a movement, frees their expired holds, and checks they may move. */
  private async loadOpenAccounts(context: CommandContext, accountIds: string[], code: EntryCode): Promise<Map<string, AccountRow>> {
    const accounts = new Map<string, AccountRow>();
    for (const accountId of accountIds) {
      const account = await this.requireAccount(context.store, accountId);
      await this.releaseExpiredHoldsOf(context.store, account, context.nowIso);
      accounts.set(accountId, account);
    }
    const currencies = new Set<string>();
    for (const account of accounts.values()) {
      if (account.status !== 'open') throw new AccountNotOpenError(account.id, account.status);
      if (account.systemName !== null && !MONEY_SUPPLY_CODES.includes(code)) throw new EntryCodeNotAllowedError(code);
      currencies.add(account.currency);
    }
    if (currencies.size > 1) throw new CurrencyMismatchError();
    return accounts;
  }

  private async releaseExpiredHoldsOf(store: LedgerStore, account: AccountRow, nowIso: string): Promise<void> {
    if (account.nextHoldExpiry === null || account.nextHoldExpiry > nowIso) return;
    const releasedMinor = await store.expirePendingHolds(account.id, nowIso);
    account.pendingMinor -= releasedMinor;
    account.nextHoldExpiry = await store.nextHoldExpiry(account.id);
    assertInvariant(account.pendingMinor >= 0n, `pending of account ${account.id} went negative`);
    store.markAccountChanged(account);
  }

  private async requirePendingHold(context: CommandContext, holdId: string): Promise<HoldRow> {
    const hold = await context.store.findHold(holdId);
    if (!hold) throw new NotFoundError('hold', holdId);
    // Expired is expired, whether or not a sweep has marked it yet.
    const expired = hold.status === 'expired' || (hold.status === 'pending' && hold.expiresAt !== null && hold.expiresAt <= context.nowIso);
    if (expired) throw new HoldExpiredError(hold.id);
    if (hold.status !== 'pending') throw new HoldNotPendingError(hold.id, hold.status);
    return hold;
  }

  /** Marks a hold resolved and takes its amount off the payer's pending total. */
  private async resolveHold(store: LedgerStore, hold: HoldRow): Promise<void> {
    await store.resolveHold(hold.id, { status: hold.status, postedMinor: hold.postedMinor, resolvedAt: hold.resolvedAt!, postedEntryId: hold.postedEntryId });
    const payer = await this.requireAccount(store, hold.accountId);
    payer.pendingMinor -= hold.amountMinor;
    assertInvariant(payer.pendingMinor >= 0n, `pending of account ${payer.id} went negative`);
    payer.nextHoldExpiry = await store.nextHoldExpiry(payer.id);
    store.markAccountChanged(payer);
  }

  private async effectiveDate(context: CommandContext, requested: string | undefined): Promise<string> {
    const today = localDate(context.now);
    const date = requested ?? today;
    if (requested !== undefined && !isCalendarDate(requested)) throw new ValidationFailedError([{ field: 'effectiveDate', code: 'isCalendarDate' }]);
    if (date > today) throw new ValidationFailedError([{ field: 'effectiveDate', code: 'EFFECTIVE_DATE_IN_FUTURE', parameters: { today } }]);
    if (await this.isPeriodClosed(context.store, context.state, periodOf(date))) throw new PeriodClosedError(periodOf(date));
    return date;
  }

  private async readAccount(store: LedgerStore, account: AccountRow): Promise<AccountView> {
    const nowIso = this.clock.now().toISOString();
    // A hold that expired but was not yet swept no longer reserves anything.
    const pendingMinor =
      account.nextHoldExpiry !== null && account.nextHoldExpiry <= nowIso ? await store.livePendingTotal(account.id, nowIso) : account.pendingMinor;
    return accountView(account, pendingMinor);
  }
}

// --- pure rules --------------------------------------------------------------------------------------

function assertPositive(amountMinor: bigint): void {
  if (amountMinor <= 0n) throw new InvalidAmountError('amount', 'not positive');
}

/** available = balance − pending must stay ≥ minBalance; the balance must stay ≤ maxBalance. */
export function checkBalancePolicy(account: AccountRow, amountMinor: bigint, pendingReleaseMinor: bigint): void {
  const balanceAfter = account.balanceMinor + amountMinor;
  if (amountMinor < 0n && account.minBalanceMinor !== null) {
    const availableAfter = balanceAfter - (account.pendingMinor - pendingReleaseMinor);
    if (availableAfter < account.minBalanceMinor) {
      const spendable = account.balanceMinor - (account.pendingMinor - pendingReleaseMinor) - account.minBalanceMinor;
      throw new InsufficientFundsError(account.id, spendable > 0n ? spendable : 0n, -amountMinor);
    }
  }
  if (amountMinor > 0n && account.maxBalanceMinor !== null && balanceAfter > account.maxBalanceMinor) {
    throw new BalanceLimitExceededError(account.id, account.maxBalanceMinor);
  }
}

/** Checks everything an entry must be on its own; answers its metadata as stored text. */
export function validateEntryShape(specification: EntrySpecification): string {
  if (!ENTRY_CODES.includes(specification.code)) throw new EntryCodeNotAllowedError(String(specification.code));
  validateDescription(specification.description);
  const metadataText = validateMetadata(specification.metadata);
  const { postings } = specification;
  if (postings.length < 2) throw new EntryUnbalancedError('FEWER_THAN_TWO_POSTINGS');
  if (postings.length > POSTINGS_PER_ENTRY_MAX) throw new EntryUnbalancedError('TOO_MANY_POSTINGS');
  if (new Set(postings.map((posting) => posting.accountId)).size !== postings.length) throw new EntryUnbalancedError('ACCOUNT_TWICE');
  if (postings.some((posting) => posting.amountMinor === 0n)) throw new EntryUnbalancedError('ZERO_POSTING');
  const total = postings.reduce((sum, posting) => sum + posting.amountMinor, 0n);
  if (total !== 0n) throw new EntryUnbalancedError('SUM_NOT_ZERO', total);
  return metadataText;
}

function validateDescription(description: string): void {
  if (typeof description !== 'string' || description.trim().length === 0 || description.length > DESCRIPTION_LENGTH_MAX) {
    throw new ValidationFailedError([{ field: 'description', code: 'isLength', parameters: { max: DESCRIPTION_LENGTH_MAX } }]);
  }
}

const EMPTY_METADATA = '{}';

function validateMetadata(metadata: Metadata): string {
  if (metadata !== null && typeof metadata === 'object' && !Array.isArray(metadata) && Object.keys(metadata).length === 0) return EMPTY_METADATA;
  const isFlat =
    metadata !== null &&
    typeof metadata === 'object' &&
    !Array.isArray(metadata) &&
    Object.values(metadata).every((value) => value === null || ['string', 'number', 'boolean'].includes(typeof value));
  const text = isFlat ? canonicalJson(metadata) : '';
  if (!isFlat || Buffer.byteLength(text) > METADATA_BYTES_MAX) {
    throw new ValidationFailedError([{ field: 'metadata', code: 'METADATA_INVALID', parameters: { bytesMax: METADATA_BYTES_MAX } }]);
  }
  return text;
}

function validateExpiry(expiresAt: string | undefined, now: Date): string | null {
  if (expiresAt === undefined) return null;
  const moment = new Date(expiresAt);
  const valid = !Number.isNaN(moment.getTime()) && moment > now && moment.getTime() - now.getTime() <= HOLD_LIFETIME_MAX_MS;
  if (!valid) throw new ValidationFailedError([{ field: 'expiresAt', code: 'HOLD_EXPIRY_INVALID' }]);
  return moment.toISOString();
}

function earliest(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a < b ? a : b;
}

/**
 * What makes two commands "the same request" for idempotency: every field but key and actor, in
 * a fixed order per kind (cheaper than sorting keys on the hot path; metadata is sorted).
 */
function commandFingerprint(command: LedgerCommand): string {
  const metadata = 'metadata' in command && command.metadata ? canonicalJson(command.metadata) : null;
  let fields: unknown[];
  switch (command.kind) {
    case 'transfer':
      fields = [command.fromAccountId, command.toAccountId, command.amountMinor.toString(), command.code, command.description, metadata, command.effectiveDate ?? null];
      break;
    case 'entry':
      fields = [command.code, command.description, metadata, command.effectiveDate ?? null, command.postings.map((posting) => [posting.accountId, posting.amountMinor.toString()])];
      break;
    case 'hold':
      fields = [command.fromAccountId, command.toAccountId, command.amountMinor.toString(), command.code, command.description, metadata, command.expiresAt ?? null];
      break;
    case 'postHold':
      fields = [command.holdId, command.amountMinor?.toString() ?? null, command.description ?? null, command.effectiveDate ?? null];
      break;
    case 'voidHold':
      fields = [command.holdId];
      break;
    case 'reverse':
      fields = [command.entryId, command.description ?? null, command.effectiveDate ?? null];
      break;
  }
  return sha256Hex(JSON.stringify([command.kind, ...fields]));
}

function sequenceFromCursor(cursor: string): bigint {
  const position = decodeCursor(cursor);
  if (typeof position.sortValue !== 'number' || !Number.isSafeInteger(position.sortValue)) {
    throw new ValidationFailedError([{ field: 'cursor', code: 'INVALID_CURSOR' }]);
  }
  return BigInt(position.sortValue);
}

function accountView(account: AccountRow, pendingMinor: bigint): AccountView {
  return {
    id: account.id,
    partyId: account.partyId,
    systemName: account.systemName,
    currency: account.currency,
    balance: formatAmount(account.balanceMinor),
    pending: formatAmount(pendingMinor),
    available: formatAmount(account.balanceMinor - pendingMinor),
    minBalance: account.minBalanceMinor === null ? null : formatAmount(account.minBalanceMinor),
    maxBalance: account.maxBalanceMinor === null ? null : formatAmount(account.maxBalanceMinor),
    status: account.status,
    createdAt: account.createdAt,
  };
}

export function entryView(entry: EntryRow, postings: PostingRow[], metadata?: Metadata): EntryView {
  return {
    id: entry.id,
    sequence: Number(entry.sequence),
    code: entry.code,
    description: entry.description,
    metadata: metadata ?? (JSON.parse(entry.metadata) as Metadata),
    effectiveDate: entry.effectiveDate,
    createdAt: entry.createdAt,
    createdBy: entry.createdBy,
    reversesEntryId: entry.reversesEntryId,
    hash: entry.hash,
    previousHash: entry.previousHash,
    postings: postings.map((posting) => ({
      accountId: posting.accountId,
      amount: formatAmount(posting.amountMinor),
      balanceAfter: formatAmount(posting.balanceAfterMinor),
    })),
  };
}

/** A pending hold past its expiry shows as expired even before the sweep marks it. */
function holdView(hold: HoldRow, nowIso: string): HoldView {
  const expired = hold.status === 'pending' && hold.expiresAt !== null && hold.expiresAt <= nowIso;
  return {
    id: hold.id,
    fromAccountId: hold.accountId,
    toAccountId: hold.counterpartyAccountId,
    amount: formatAmount(hold.amountMinor),
    postedAmount: hold.postedMinor === null ? null : formatAmount(hold.postedMinor),
    status: expired ? 'expired' : hold.status,
    code: hold.code,
    description: hold.description,
    metadata: JSON.parse(hold.metadata) as Metadata,
    expiresAt: hold.expiresAt,
    createdAt: hold.createdAt,
    createdBy: hold.createdBy,
    resolvedAt: hold.resolvedAt,
    postedEntryId: hold.postedEntryId,
  };
}
