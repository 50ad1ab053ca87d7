import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { isCalendarDate, isPeriod, lastDayOf, localDate, periodOf } from '../common/calendar.js';
import { Clock } from '../common/clock.js';
import {
  assertInvariant,
  DomainError,
  ForbiddenError,
  NotFoundError,
  ValidationFailedError,
} from '../common/errors/domain-error.js';
import { timeOrderedId } from '../common/time-ordered-id.js';
import { Database, type Transaction } from '../database/database.service.js';
import { Idempotency, type Replayable, type StoredResult } from '../database/idempotency.js';
import { entryHash } from './entry-hash.js';
import {
  AccountNotOpenError,
  BooksClosedError,
  CurrencyMismatchError,
  EntryAlreadyReversedError,
  EntryCodeNotAllowedError,
  EntryNotReversibleError,
  HoldAmountExceededError,
  HoldExpiredError,
  HoldNotPendingError,
  PeriodClosedError,
  PeriodNotEndedError,
  PolicyConflictsWithBalanceError,
  SameAccountError,
} from './ledger.errors.js';
import {
  assertPositive,
  checkBalancePolicy,
  commandFingerprint,
  earliest,
  type EntrySpecification,
  validateDescription,
  validateEntryShape,
  validateExpiry,
  validateMetadata,
} from './ledger-rules.js';
import {
  existingLedgerTransactionState,
  type LedgerTransactionState,
  ledgerStoreOf,
  ledgerTransactionState,
} from './ledger-transaction.js';
import { accountView, entryView, holdView, readAccountView } from './ledger-views.js';
import type { AccountRow, EntryRow, HoldRow, LedgerStore, PostingRow } from './ledger.store.js';
import {
  type AccountStatus,
  type AccountView,
  BATCH_COMMANDS_MAX,
  CURRENCY,
  type EntryCode,
  type EntryView,
  type HoldCommand,
  type HoldView,
  type LedgerCommand,
  type LedgerCommandInput,
  type TransferInput,
  type Metadata,
  MONEY_SUPPLY_CODES,
  type PostHoldCommand,
  type ReverseCommand,
  type VoidHoldCommand,
} from './ledger.types.js';

/** What one command works with: the store of its transaction, the moment, the transaction state. */
interface CommandContext {
  store: LedgerStore;
  now: Date;
  nowIso: string;
  state: LedgerTransactionState;
  actorId: string | null;
}

/** What one command made: an entry or a hold. */
type Movement = { kind: 'entry'; entry: EntryView } | { kind: 'hold'; hold: HoldView };

/** One transfer of a batch: booked (or replayed), or refused with why. */
export type TransferBatchOutcome =
  { ok: true; entry: EntryView; replayed: boolean } | { ok: false; error: DomainError };

/** The scope of the ledger's keys in the one idempotency table. */
const IDEMPOTENCY_SCOPE = 'ledger';

/**
 * The one write path for money. Every posting and every balance change in Steerkes goes through
 * one of the typed entry points below, and each of them through `execute`. Each command first
 * checks everything, then writes: a refused command writes nothing, which is what lets a batch
 * refuse one command and keep the others. A domain module calls the ledger inside its own
 * transaction, which the ledger joins, so that its record and the entry commit together.
 */
/** Who owns an account: a party (of a kind) or the system. Fixed when the account is opened. */
export type AccountOwner = Readonly<{
  partyId: string | null;
  partyKind: string | null;
  systemName: string | null;
}>;

/** Account owners kept in memory; past it the memory starts again (about 200 bytes each). */
const ACCOUNT_OWNERS_REMEMBERED_MAX = 50_000;

@Injectable()
export class LedgerService {
  private readonly accountOwners = new Map<string, AccountOwner>();

  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    private readonly idempotency: Idempotency,
  ) {}

  // --- typed entry points: every movement of money ---------------------------------------------

  /** Moves an amount from one account to another in one entry. */
  async transfer(command: TransferInput): Promise<Replayable<EntryView>> {
    return entryOf(await this.execute({ ...command, kind: 'transfer' }));
  }

  /** Books an entry of two or more postings that sum to zero. */
  async bookEntry(command: LedgerCommandInput<'entry'>): Promise<Replayable<EntryView>> {
    return entryOf(await this.execute({ ...command, kind: 'entry' }));
  }

  /** Reserves an amount on the payer's account for a payee, until posted, voided or expired. */
  async hold(command: LedgerCommandInput<'hold'>): Promise<Replayable<HoldView>> {
    return holdOf(await this.execute({ ...command, kind: 'hold' }));
  }

  /** Books a pending hold (all of it, or part and releases the rest). */
  async postHold(command: LedgerCommandInput<'postHold'>): Promise<Replayable<HoldView>> {
    return holdOf(await this.execute({ ...command, kind: 'postHold' }));
  }

  /** Releases a pending hold. */
  async voidHold(command: LedgerCommandInput<'voidHold'>): Promise<Replayable<HoldView>> {
    return holdOf(await this.execute({ ...command, kind: 'voidHold' }));
  }

  /** Books the mirror image of an entry. */
  async reverse(command: LedgerCommandInput<'reverse'>): Promise<Replayable<EntryView>> {
    return entryOf(await this.execute({ ...command, kind: 'reverse' }));
  }

  /** Many transfers, one commit; each is booked or refused on its own (a refusal writes nothing). */
  transferBatch(commands: Array<TransferInput>): Promise<TransferBatchOutcome[]> {
    if (commands.length > BATCH_COMMANDS_MAX) {
      throw new ValidationFailedError([
        { field: 'commands', code: 'arrayMaxSize', parameters: { max: BATCH_COMMANDS_MAX } },
      ]);
    }
    return this.database.transaction(async (tx) => {
      const outcomes: TransferBatchOutcome[] = [];
      for (const command of commands) {
        try {
          // In the batch's own transaction directly: a thousand joins would cost a tenth of a batch.
          const { result, replayed } = entryOf(
            await this.executeIn(tx, { ...command, kind: 'transfer' }),
          );
          outcomes.push({ ok: true, entry: result, replayed });
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          outcomes.push({ ok: false, error });
        }
      }
      return outcomes;
    });
  }

  /** Opens a party's STK account with its balance policy. */
  openAccount(input: {
    partyId: string;
    partyKind: string;
    minBalanceMinor: bigint | null;
    maxBalanceMinor?: bigint | null;
  }): Promise<AccountView> {
    const account: AccountRow = {
      id: randomUUID(),
      partyId: input.partyId,
      partyKind: input.partyKind,
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
    return this.database.transaction(async (transaction) => {
      await ledgerStoreOf(transaction).insertAccount(account);
      return accountView(account, account.pendingMinor);
    });
  }

  /**
   * Sets an account's maximum and status (an admin's decision). Its minimum, the credit limit,
   * stays: that is setCreditLimit's, after a second person approved it.
   */
  updateAccountPolicy(
    accountId: string,
    policy: { maxBalanceMinor: bigint | null; status: AccountStatus },
  ): Promise<AccountView> {
    return this.applyPolicy(accountId, (account) => ({
      minBalanceMinor: account.minBalanceMinor,
      ...policy,
    }));
  }

  /**
   * Sets a party account's lowest available balance: zero, or below zero for an organisation's
   * mutual credit. Every Steerke spent below zero is one nobody issued, so the caller (the
   * treasury's four-eyes approval) has checked who may have how much; the ledger refuses an
   * unbounded limit on a party's account whoever asks.
   */
  setCreditLimit(accountId: string, minBalanceMinor: bigint): Promise<AccountView> {
    if (minBalanceMinor > 0n)
      throw new ValidationFailedError([{ field: 'minBalance', code: 'CREDIT_LIMIT_ABOVE_ZERO' }]);
    return this.applyPolicy(accountId, (account) => ({
      minBalanceMinor,
      maxBalanceMinor: account.maxBalanceMinor,
      status: account.status,
    }));
  }

  private applyPolicy(
    accountId: string,
    next: (account: AccountRow) => {
      minBalanceMinor: bigint | null;
      maxBalanceMinor: bigint | null;
      status: AccountStatus;
    },
  ): Promise<AccountView> {
    return this.database.transaction(async (tx) => {
      const store = ledgerStoreOf(tx);
      await ledgerTransactionState(tx, store);
      const account = await this.requireAccount(store, accountId);
      if (account.systemName !== null) throw new ForbiddenError('SYSTEM_ACCOUNT_POLICY');
      const policy = next(account);
      if (
        policy.minBalanceMinor !== null &&
        policy.maxBalanceMinor !== null &&
        policy.minBalanceMinor > policy.maxBalanceMinor
      ) {
        throw new ValidationFailedError([{ field: 'minBalance', code: 'MIN_ABOVE_MAX' }]);
      }
      // The invariant available ≥ minBalance (and balance ≤ maxBalance) must hold the moment the policy does.
      await this.releaseExpiredHoldsOf(store, account, this.clock.now().toISOString());
      const availableMinor = account.balanceMinor - account.pendingMinor;
      const belowMinimum =
        policy.minBalanceMinor !== null && availableMinor < policy.minBalanceMinor;
      const aboveMaximum =
        policy.maxBalanceMinor !== null && account.balanceMinor > policy.maxBalanceMinor;
      if (belowMinimum || aboveMaximum)
        throw new PolicyConflictsWithBalanceError(account.id, account.balanceMinor, availableMinor);
      await store.updatePolicy(accountId, policy);
      Object.assign(account, policy);
      return this.readAccount(store, account);
    });
  }

  // --- reads -----------------------------------------------------------------------------------

  getAccount(accountId: string): Promise<AccountView> {
    return this.database.read(async (tx) => {
      const store = ledgerStoreOf(tx);
      return this.readAccount(store, await this.requireAccount(store, accountId));
    });
  }

  /**
   * The raw owner of an account, for the access checks of the HTTP layer: asked on every transfer.
   * An account's owner never changes once it is opened, so a found owner is remembered (on every
   * instance alike); an unknown account is asked again, as it may be opened later.
   */
  async findAccountOwner(accountId: string): Promise<AccountOwner | undefined> {
    const known = this.accountOwners.get(accountId);
    if (known) return known;
    const owner = await this.database.read(async (tx) => {
      const account = await ledgerStoreOf(tx).findAccount(accountId);
      return (
        account && {
          partyId: account.partyId,
          partyKind: account.partyKind,
          systemName: account.systemName,
        }
      );
    });
    if (owner) {
      if (this.accountOwners.size >= ACCOUNT_OWNERS_REMEMBERED_MAX) this.accountOwners.clear();
      this.accountOwners.set(accountId, Object.freeze(owner));
    }
    return owner;
  }

  listAccountsOfParty(partyId: string): Promise<AccountView[]> {
    return this.database.read(async (tx) => {
      const store = ledgerStoreOf(tx);
      const accounts = await store.listAccountsOfParty(partyId);
      return Promise.all(accounts.map((account) => this.readAccount(store, account)));
    });
  }

  /**
   * The id of a party's STK account (every party has exactly one). Account ids never change, so a
   * caller may read it before or inside its transaction alike.
   */
  accountIdOfParty(partyId: string): Promise<string> {
    return this.database.read(async (tx) => {
      const account = (await ledgerStoreOf(tx).listAccountsOfParty(partyId)).find(
        (candidate) => candidate.currency === CURRENCY,
      );
      if (!account) throw new NotFoundError('account', partyId);
      return account.id;
    });
  }

  /** The id of a system account such as issuance. */
  getSystemAccountId(systemName: string): Promise<string> {
    return this.database.read(async (tx) => {
      const account = await ledgerStoreOf(tx).findSystemAccount(systemName);
      assertInvariant(
        account,
        `system account ${systemName} is missing: the ledger migration did not run`,
      );
      return account.id;
    });
  }

  getEntry(entryId: string): Promise<EntryView> {
    return this.database.read(async (tx) => {
      const store = ledgerStoreOf(tx);
      const entry = await store.findEntry(entryId);
      if (!entry) throw new NotFoundError('entry', entryId);
      return entryView(entry, await store.postingsOfEntry(entryId));
    });
  }

  getHold(holdId: string): Promise<HoldView> {
    return this.database.read(async (tx) => {
      const hold = await ledgerStoreOf(tx).findHold(holdId);
      if (!hold) throw new NotFoundError('hold', holdId);
      return holdView(hold, this.clock.now().toISOString());
    });
  }

  /**
   * Closes a month: entries dated inside it are refused from now on. Only a month that has ended
   * (in Maastricht) can be closed, and only once.
   */
  closePeriod(
    period: string,
    actorId: string | null,
  ): Promise<{ period: string; closedAt: string; closedBy: string | null; accounts: number }> {
    return this.database.transaction(async (tx) => {
      const store = ledgerStoreOf(tx);
      const state = await ledgerTransactionState(tx, store);
      if (!isPeriod(period))
        throw new ValidationFailedError([{ field: 'period', code: 'isPeriod' }]);
      const now = this.clock.now();
      if (period >= periodOf(localDate(now))) throw new PeriodNotEndedError(period);
      if (await store.isPeriodClosed(period)) throw new PeriodClosedError(period);
      const closedAt = now.toISOString();
      await store.insertPeriod(period, closedAt, actorId);
      // The closing balances are stored with the close: from now on they are asserted, by the
      // integrity check and in every export, and no entry can be dated inside the period.
      const balances = await store.balancesAsOf(lastDayOf(period));
      for (const [accountId, balanceMinor] of balances)
        await store.insertClosingBalance(period, accountId, balanceMinor);
      const latest = await this.latestClosedPeriod(store, state);
      if (latest === null || period > latest) state.latestClosedPeriod = period;
      return { period, closedAt, closedBy: actorId, accounts: balances.size };
    });
  }

  /** Marks every hold that has expired by now as expired and frees what it reserved. */
  releaseExpiredHolds(): Promise<number> {
    return this.database.transaction(async (tx) => {
      const store = ledgerStoreOf(tx);
      await ledgerTransactionState(tx, store);
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

  /**
   * Every command's one way in: in a transaction (the caller's, if any), with the ledger's chain
   * head taken first — on PostgreSQL its lock serialises the ledger's writers, so a retried key is
   * looked up only after the first request with it has committed — then through the one
   * idempotency mechanism, which replays a known key or applies the command and stores the key.
   */
  private execute(command: LedgerCommand): Promise<Replayable<Movement>> {
    return this.database.transaction((tx) => this.executeIn(tx, command));
  }

  private async executeIn(tx: Transaction, command: LedgerCommand): Promise<Replayable<Movement>> {
    const store = ledgerStoreOf(tx);
    const state = existingLedgerTransactionState(tx) ?? (await ledgerTransactionState(tx, store));
    const now = this.clock.now();
    const context: CommandContext = {
      store,
      now,
      nowIso: now.toISOString(),
      state,
      actorId: command.actorId ?? null,
    };
    if (command.idempotencyKey === undefined)
      return { result: await this.apply(context, command), replayed: false };
    // The one idempotency mechanism, called half by half: see Idempotency.lookup.
    const request = {
      scope: IDEMPOTENCY_SCOPE,
      key: command.idempotencyKey,
      fingerprint: commandFingerprint(command),
    };
    const earlier = await this.idempotency.lookup(tx, request);
    if (earlier)
      return { result: await this.replay(store, earlier, context.nowIso), replayed: true };
    const movement = await this.apply(context, command);
    const stored = {
      kind: movement.kind,
      id: movement.kind === 'entry' ? movement.entry.id : movement.hold.id,
    };
    await this.idempotency.record(tx, request, stored, context.nowIso);
    return { result: movement, replayed: false };
  }

  private async apply(context: CommandContext, command: LedgerCommand): Promise<Movement> {
    switch (command.kind) {
      case 'transfer': {
        if (command.fromAccountId === command.toAccountId) throw new SameAccountError();
        assertPositive(command.amountMinor);
        const entry = await this.book(context, {
          code: command.code,
          description: command.description,
          metadata: command.metadata ?? {},
          effectiveDate: command.effectiveDate,
          postings: [
            { accountId: command.fromAccountId, amountMinor: -command.amountMinor },
            { accountId: command.toAccountId, amountMinor: command.amountMinor },
          ],
          reversesEntryId: null,
          origin: command.origin,
        });
        return { kind: 'entry', entry };
      }
      case 'entry': {
        const entry = await this.book(context, {
          ...command,
          metadata: command.metadata ?? {},
          reversesEntryId: null,
        });
        return { kind: 'entry', entry };
      }
      case 'hold':
        return { kind: 'hold', hold: await this.placeHold(context, command) };
      case 'postHold':
        return { kind: 'hold', hold: await this.postPendingHold(context, command) };
      case 'voidHold':
        return { kind: 'hold', hold: await this.voidPendingHold(context, command) };
      case 'reverse':
        return { kind: 'entry', entry: await this.bookReversal(context, command) };
    }
  }

  private async replay(
    store: LedgerStore,
    stored: StoredResult,
    nowIso: string,
  ): Promise<Movement> {
    if (stored.kind === 'entry') {
      const entry = await store.findEntry(stored.id);
      assertInvariant(entry, `idempotency record points at missing entry ${stored.id}`);
      return { kind: 'entry', entry: entryView(entry, await store.postingsOfEntry(stored.id)) };
    }
    assertInvariant(
      stored.kind === 'hold',
      `idempotency record of the ledger points at a ${stored.kind}`,
    );
    const hold = await store.findHold(stored.id);
    assertInvariant(hold, `idempotency record points at missing hold ${stored.id}`);
    return { kind: 'hold', hold: holdView(hold, nowIso) };
  }

  /** Checks an entry whole, then writes it: entry, postings, balances and the chain head. */
  private async book(
    context: CommandContext,
    specification: EntrySpecification,
  ): Promise<EntryView> {
    const { store } = context;
    const metadataText = validateEntryShape(specification);
    const effectiveDate = await this.effectiveDate(context, specification.effectiveDate);
    const accounts = await this.loadOpenAccounts(
      context,
      specification.postings.map((posting) => posting.accountId),
      specification.code,
    );
    for (const posting of specification.postings) {
      const account = accounts.get(posting.accountId)!;
      checkBalancePolicy(
        account,
        posting.amountMinor,
        specification.pendingReleaseMinor?.get(account.id) ?? 0n,
      );
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
      origin: specification.origin ?? null,
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

  private async placeHold(context: CommandContext, command: HoldCommand): Promise<HoldView> {
    const { store } = context;
    if (command.fromAccountId === command.toAccountId) throw new SameAccountError();
    assertPositive(command.amountMinor);
    validateDescription(command.description);
    const metadata = validateMetadata(command.metadata ?? {});
    const expiresAt = validateExpiry(command.expiresAt, context.now);
    const accounts = await this.loadOpenAccounts(
      context,
      [command.fromAccountId, command.toAccountId],
      command.code,
    );
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
      origin: command.origin ?? null,
    };
    await store.insertHold(hold);
    payer.pendingMinor += command.amountMinor;
    payer.nextHoldExpiry = earliest(payer.nextHoldExpiry, expiresAt);
    store.markAccountChanged(payer);
    return holdView(hold, context.nowIso);
  }

  private async postPendingHold(
    context: CommandContext,
    command: PostHoldCommand,
  ): Promise<HoldView> {
    const { store } = context;
    const hold = await this.requirePendingHold(context, command.holdId);
    const amountMinor = command.amountMinor ?? hold.amountMinor;
    assertPositive(amountMinor);
    if (amountMinor > hold.amountMinor)
      throw new HoldAmountExceededError(hold.id, hold.amountMinor, amountMinor);
    const entry = await this.book(context, {
      code: hold.code,
      description: command.description ?? hold.description,
      metadata: { ...(JSON.parse(hold.metadata) as Metadata), holdId: hold.id },
      effectiveDate: command.effectiveDate,
      postings: [
        { accountId: hold.accountId, amountMinor: -amountMinor },
        { accountId: hold.counterpartyAccountId, amountMinor },
      ],
      reversesEntryId: null,
      origin: hold.origin,
      pendingReleaseMinor: new Map([[hold.accountId, hold.amountMinor]]),
    });
    const resolved: HoldRow = {
      ...hold,
      status: 'posted',
      postedMinor: amountMinor,
      resolvedAt: context.nowIso,
      postedEntryId: entry.id,
    };
    await this.resolveHold(store, resolved);
    return holdView(resolved, context.nowIso);
  }

  private async voidPendingHold(
    context: CommandContext,
    command: VoidHoldCommand,
  ): Promise<HoldView> {
    const hold = await this.requirePendingHold(context, command.holdId);
    const resolved: HoldRow = { ...hold, status: 'voided', resolvedAt: context.nowIso };
    await this.resolveHold(context.store, resolved);
    return holdView(resolved, context.nowIso);
  }

  private async bookReversal(context: CommandContext, command: ReverseCommand): Promise<EntryView> {
    const { store } = context;
    const original = await store.findEntry(command.entryId);
    if (!original) throw new NotFoundError('entry', command.entryId);
    if (original.code === 'REVERSAL') throw new EntryNotReversibleError(original.id);
    if (await store.findReversalOf(original.id)) throw new EntryAlreadyReversedError(original.id);
    const postings = await store.postingsOfEntry(original.id);
    return this.book(context, {
      code: 'REVERSAL',
      description: command.description ?? `Reversal of entry ${original.sequence}`,
      metadata: { reversesEntryId: original.id },
      effectiveDate: command.effectiveDate,
      postings: postings.map((posting) => ({
        accountId: posting.accountId,
        amountMinor: -posting.amountMinor,
      })),
      reversesEntryId: original.id,
      // A module's correction of its own entry stays the module's.
      origin: command.origin ?? original.origin,
    });
  }

  // --- helpers of the write path -----------------------------------------------------------------

  private async latestClosedPeriod(
    store: LedgerStore,
    state: LedgerTransactionState,
  ): Promise<string | null> {
    if (state.latestClosedPeriod === undefined)
      state.latestClosedPeriod = await store.latestClosedPeriod();
    return state.latestClosedPeriod;
  }

  private async requireAccount(store: LedgerStore, accountId: string): Promise<AccountRow> {
    const account = await store.findAccount(accountId);
    if (!account) throw new NotFoundError('account', accountId);
    return account;
  }

  /** Loads the accounts of a movement, frees their expired holds, and checks they may move. */
  private async loadOpenAccounts(
    context: CommandContext,
    accountIds: string[],
    code: EntryCode,
  ): Promise<Map<string, AccountRow>> {
    const accounts = new Map<string, AccountRow>();
    for (const accountId of accountIds) {
      // Awaited only when there is something to wait for: a batch finds its accounts cached.
      const account =
        context.store.cachedAccount(accountId) ??
        (await this.requireAccount(context.store, accountId));
      if (hasExpiredHolds(account, context.nowIso))
        await this.releaseExpiredHoldsOf(context.store, account, context.nowIso);
      accounts.set(accountId, account);
    }
    const currencies = new Set<string>();
    for (const account of accounts.values()) {
      if (account.status !== 'open') throw new AccountNotOpenError(account.id, account.status);
      if (account.systemName !== null && !MONEY_SUPPLY_CODES.includes(code))
        throw new EntryCodeNotAllowedError(code);
      currencies.add(account.currency);
    }
    if (currencies.size > 1) throw new CurrencyMismatchError();
    return accounts;
  }

  private async releaseExpiredHoldsOf(
    store: LedgerStore,
    account: AccountRow,
    nowIso: string,
  ): Promise<void> {
    if (!hasExpiredHolds(account, nowIso)) return;
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
    const expired =
      hold.status === 'expired' ||
      (hold.status === 'pending' && hold.expiresAt !== null && hold.expiresAt <= context.nowIso);
    if (expired) throw new HoldExpiredError(hold.id);
    if (hold.status !== 'pending') throw new HoldNotPendingError(hold.id, hold.status);
    return hold;
  }

  /** Marks a hold resolved and takes its amount off the payer's pending total. */
  private async resolveHold(store: LedgerStore, hold: HoldRow): Promise<void> {
    await store.resolveHold(hold.id, {
      status: hold.status,
      postedMinor: hold.postedMinor,
      resolvedAt: hold.resolvedAt!,
      postedEntryId: hold.postedEntryId,
    });
    const payer = await this.requireAccount(store, hold.accountId);
    payer.pendingMinor -= hold.amountMinor;
    assertInvariant(payer.pendingMinor >= 0n, `pending of account ${payer.id} went negative`);
    payer.nextHoldExpiry = await store.nextHoldExpiry(payer.id);
    store.markAccountChanged(payer);
  }

  private async effectiveDate(
    context: CommandContext,
    requested: string | undefined,
  ): Promise<string> {
    const today = localDate(context.now);
    const date = requested ?? today;
    if (requested !== undefined && !isCalendarDate(requested))
      throw new ValidationFailedError([{ field: 'effectiveDate', code: 'isCalendarDate' }]);
    if (date > today)
      throw new ValidationFailedError([
        { field: 'effectiveDate', code: 'EFFECTIVE_DATE_IN_FUTURE', parameters: { today } },
      ]);
    // A closed month's closing balances are the balances as of its last day, so an entry dated on
    // or before the last day of the latest closed month would change them: the books are closed
    // up to there, also for an earlier month that was never closed on its own.
    const known = context.state.latestClosedPeriod;
    const latestClosed =
      known !== undefined ? known : await this.latestClosedPeriod(context.store, context.state);
    if (latestClosed !== null && date <= lastDayOf(latestClosed)) {
      if (await context.store.isPeriodClosed(periodOf(date)))
        throw new PeriodClosedError(periodOf(date));
      throw new BooksClosedError(date, latestClosed);
    }
    return date;
  }

  private readAccount(store: LedgerStore, account: AccountRow): Promise<AccountView> {
    return readAccountView(store, account, this.clock.now().toISOString());
  }
}

/** Whether an account has a pending hold that has expired by now, whose amount is still reserved. */
function hasExpiredHolds(account: AccountRow, nowIso: string): boolean {
  return account.nextHoldExpiry !== null && account.nextHoldExpiry <= nowIso;
}

function entryOf(outcome: Replayable<Movement>): Replayable<EntryView> {
  assertInvariant(outcome.result.kind === 'entry', 'an entry command answers an entry');
  return { result: outcome.result.entry, replayed: outcome.replayed };
}

function holdOf(outcome: Replayable<Movement>): Replayable<HoldView> {
  assertInvariant(outcome.result.kind === 'hold', 'a hold command answers a hold');
  return { result: outcome.result.hold, replayed: outcome.replayed };
}
