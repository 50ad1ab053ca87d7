import { Injectable } from '@nestjs/common';
import { parseAmount } from '../common/amount.js';
import { AuditService } from '../audit/audit.service.js';
import { localDate } from '../common/calendar.js';
import { Clock } from '../common/clock.js';
import { assertInvariant, DomainError, ForbiddenError, NotFoundError, ValidationFailedError } from '../common/errors/domain-error.js';
import { scopedBatchItemIdempotencyKey, scopedIdempotencyKey } from '../common/http/idempotency-key.decorator.js';
import type { AuthenticatedUser } from '../common/http/request-context.js';
import type { Page } from '../common/pagination.js';
import { Database, type Transaction } from '../database/database.service.js';
import { isOverseer, type Role } from '../auth/roles.js';
import type {
  AccountPolicyDto,
  EntryDto,
  HoldDto,
  IssueDto,
  PostHoldDto,
  RetireDto,
  ReversalDto,
  StatementQueryDto,
  TransferBatchDto,
  TransferDto,
} from './dto/ledger.dto.js';
import { EntryCodeNotAllowedError } from './ledger.errors.js';
import { LedgerService } from './ledger.service.js';
import {
  type AccountView,
  type EntryView,
  type HoldView,
  ISSUANCE_ACCOUNT,
  type LedgerCommand,
  type LedgerOutcome,
  type StatementLine,
} from './ledger.types.js';

/** How far back a member may date a transfer: hours of last month can still be booked. */
const MEMBER_BACKDATE_DAYS_MAX = 62;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Another party's balance is theirs to see: in a shared entry, only the reader's own accounts show it. */
function redactBalances(entry: EntryView, visibleAccounts: ReadonlySet<string>): EntryView {
  return {
    ...entry,
    postings: entry.postings.map((posting) => (visibleAccounts.has(posting.accountId) ? posting : { ...posting, balanceAfter: null })),
  };
}

/** Roles that move their own party's Steerkes. Admins and treasurers act through the treasury. */
export const SPENDING_ROLES: readonly Role[] = ['org_manager', 'business_operator', 'volunteer'];

type Owner = { partyId: string | null; systemName: string | null };

/** One transfer of a batch: booked (its entry, as the payer sees it) or refused, with why. */
export type TransferBatchItem =
  | { index: number; status: 'booked'; replayed: boolean; entry: EntryView }
  | { index: number; status: 'refused'; refusal: DomainError };

/**
 * The ledger as the HTTP API offers it: who may read and move which account. A party's members
 * move only their own party's Steerkes; treasurers issue, retire, book multi-posting entries and
 * reverse; an account of a party the caller does not belong to answers 404, as if it did not exist.
 */
@Injectable()
export class LedgerAccessService {
  constructor(
    private readonly ledger: LedgerService,
    private readonly database: Database,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  transfer(actor: AuthenticatedUser, input: TransferDto, idempotencyKey: string): Promise<LedgerOutcome> {
    return this.database.transaction(async (tx) => {
      await this.assertMaySpendFrom(actor, input.fromAccountId, tx);
      this.assertNotTooOld(input.effectiveDate);
      const outcome = await this.ledger.execute(this.transferCommand(actor, input, scopedIdempotencyKey(actor.id, idempotencyKey)), tx);
      // The payer sees their own balance after the transfer, not the recipient's.
      return outcome.kind === 'entry' ? { ...outcome, entry: redactBalances(outcome.entry, new Set([input.fromAccountId])) } : outcome;
    });
  }

  /**
   * Many transfers, one request and one commit; each is checked as POST /transfers would check it
   * and booked or refused on its own, so one refusal leaves the others booked. Transfer i takes
   * the Idempotency-Key with its position: a repeated batch answers what was booked, and tries
   * again only what was refused.
   */
  transferBatch(actor: AuthenticatedUser, input: TransferBatchDto, idempotencyKey: string): Promise<TransferBatchItem[]> {
    if (!SPENDING_ROLES.includes(actor.role)) throw new ForbiddenError('NOT_PAYING_PARTY');
    return this.database.transaction(async (tx) => {
      const items: TransferBatchItem[] = [];
      const commands: LedgerCommand[] = [];
      const commandIndexes: number[] = [];
      const spendChecks = new Map<string, Promise<void>>();
      for (const [index, transfer] of input.transfers.entries()) {
        try {
          commands.push(await this.batchTransferCommand(actor, transfer, scopedBatchItemIdempotencyKey(actor.id, idempotencyKey, index), spendChecks, tx));
          commandIndexes.push(index);
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          items[index] = { index, status: 'refused', refusal: error };
        }
      }
      const outcomes = await this.ledger.executeBatch(commands, tx);
      for (const [position, outcome] of outcomes.entries()) {
        const index = commandIndexes[position];
        if (!outcome.ok) {
          items[index] = { index, status: 'refused', refusal: outcome.error };
        } else {
          assertInvariant(outcome.outcome.kind === 'entry', 'a transfer books an entry');
          const entry = redactBalances(outcome.outcome.entry, new Set([input.transfers[index].fromAccountId]));
          items[index] = { index, status: 'booked', replayed: outcome.outcome.replayed, entry };
        }
      }
      return items;
    });
  }

  /** The checks of POST /transfers for one transfer of a batch; each paying account is looked up once. */
  private async batchTransferCommand(
    actor: AuthenticatedUser,
    transfer: TransferDto,
    scopedKey: string,
    spendChecks: Map<string, Promise<void>>,
    tx: Transaction,
  ): Promise<LedgerCommand> {
    let spendCheck = spendChecks.get(transfer.fromAccountId);
    if (!spendCheck) spendChecks.set(transfer.fromAccountId, (spendCheck = this.assertMaySpendFrom(actor, transfer.fromAccountId, tx)));
    await spendCheck;
    this.assertNotTooOld(transfer.effectiveDate);
    return this.transferCommand(actor, transfer, scopedKey);
  }

  private transferCommand(actor: AuthenticatedUser, input: TransferDto, scopedKey: string): LedgerCommand {
    return {
      kind: 'transfer',
      fromAccountId: input.fromAccountId,
      toAccountId: input.toAccountId,
      amountMinor: parseAmount(input.amount),
      code: input.code ?? 'TRANSFER',
      description: input.description,
      metadata: input.metadata,
      effectiveDate: input.effectiveDate,
      idempotencyKey: scopedKey,
      actorId: actor.id,
    };
  }

  /** Treasurer only (enforced by the controller's role guard). */
  bookEntry(actor: AuthenticatedUser, input: EntryDto, idempotencyKey: string): Promise<LedgerOutcome> {
    return this.audited(actor, 'ledger.entry', (tx) => this.ledger.execute({
      kind: 'entry',
      code: input.code,
      description: input.description,
      metadata: input.metadata,
      effectiveDate: input.effectiveDate,
      postings: input.postings.map((posting, index) => ({
        accountId: posting.accountId,
        amountMinor: parseAmount(posting.amount, { field: `postings.${index}.amount`, allowNegative: true }),
      })),
      idempotencyKey: scopedIdempotencyKey(actor.id, idempotencyKey),
      actorId: actor.id,
    }, tx));
  }

  issue(actor: AuthenticatedUser, input: IssueDto, idempotencyKey: string): Promise<LedgerOutcome> {
    return this.audited(actor, 'ledger.issue', async (tx) => {
      const issuance = await this.ledger.getSystemAccountId(ISSUANCE_ACCOUNT, tx);
      return this.ledger.execute(
        {
          kind: 'transfer',
          fromAccountId: issuance,
          toAccountId: input.toAccountId,
          amountMinor: parseAmount(input.amount),
          code: 'ISSUE',
          description: input.description,
          metadata: input.metadata,
          idempotencyKey: scopedIdempotencyKey(actor.id, idempotencyKey),
          actorId: actor.id,
        },
        tx,
      );
    });
  }

  retire(actor: AuthenticatedUser, input: RetireDto, idempotencyKey: string): Promise<LedgerOutcome> {
    return this.audited(actor, 'ledger.retire', async (tx) => {
      const issuance = await this.ledger.getSystemAccountId(ISSUANCE_ACCOUNT, tx);
      return this.ledger.execute(
        {
          kind: 'transfer',
          fromAccountId: input.fromAccountId,
          toAccountId: issuance,
          amountMinor: parseAmount(input.amount),
          code: 'RETIRE',
          description: input.description,
          metadata: input.metadata,
          idempotencyKey: scopedIdempotencyKey(actor.id, idempotencyKey),
          actorId: actor.id,
        },
        tx,
      );
    });
  }

  reverse(actor: AuthenticatedUser, entryId: string, input: ReversalDto, idempotencyKey: string): Promise<LedgerOutcome> {
    return this.audited(actor, 'ledger.reversal', async (tx) => {
      // A redemption is corrected through its own record (POST /redemptions/:id/reversal), so that
      // its stock, limits and fiscal count move with the money.
      if ((await this.ledger.getEntry(entryId, tx)).code === 'REDEEM') throw new EntryCodeNotAllowedError('REDEEM');
      return this.ledger.execute(
        { kind: 'reverse', entryId, description: input.description, idempotencyKey: scopedIdempotencyKey(actor.id, idempotencyKey), actorId: actor.id },
        tx,
      );
    });
  }

  /** Runs a treasury movement and records it in the audit log in the same transaction (not its replays). */
  private audited(actor: AuthenticatedUser, action: string, work: (tx: Transaction) => Promise<LedgerOutcome>): Promise<LedgerOutcome> {
    return this.database.transaction(async (tx) => {
      const outcome = await work(tx);
      if (!outcome.replayed && outcome.kind === 'entry') {
        const { entry } = outcome;
        await this.audit.record(tx, actor, {
          action,
          subjectType: 'entry',
          subjectId: entry.id,
          details: { sequence: entry.sequence, code: entry.code, description: entry.description, reversesEntryId: entry.reversesEntryId, postings: entry.postings.map(({ accountId, amount }) => ({ accountId, amount })) },
        });
      }
      return outcome;
    });
  }

  hold(actor: AuthenticatedUser, input: HoldDto, idempotencyKey: string): Promise<LedgerOutcome> {
    return this.database.transaction(async (tx) => {
      await this.assertMaySpendFrom(actor, input.fromAccountId, tx);
      return this.ledger.execute(
        {
          kind: 'hold',
          fromAccountId: input.fromAccountId,
          toAccountId: input.toAccountId,
          amountMinor: parseAmount(input.amount),
          code: input.code ?? 'TRANSFER',
          description: input.description,
          metadata: input.metadata,
          expiresAt: input.expiresAt,
          idempotencyKey: scopedIdempotencyKey(actor.id, idempotencyKey),
          actorId: actor.id,
        },
        tx,
      );
    });
  }

  /** The receiving party (or a treasurer) captures a hold, like a shop capturing a card payment. */
  postHold(actor: AuthenticatedUser, holdId: string, input: PostHoldDto, idempotencyKey: string): Promise<LedgerOutcome> {
    return this.database.transaction(async (tx) => {
      await this.assertMayResolveHold(actor, holdId, tx);
      return this.ledger.execute(
        {
          kind: 'postHold',
          holdId,
          amountMinor: input.amount === undefined ? undefined : parseAmount(input.amount),
          description: input.description,
          idempotencyKey: scopedIdempotencyKey(actor.id, idempotencyKey),
          actorId: actor.id,
        },
        tx,
      );
    });
  }

  /** The receiving party (or a treasurer) releases a hold; the payer cannot take back a promise. */
  voidHold(actor: AuthenticatedUser, holdId: string, idempotencyKey: string | undefined): Promise<LedgerOutcome> {
    return this.database.transaction(async (tx) => {
      await this.assertMayResolveHold(actor, holdId, tx);
      return this.ledger.execute({ kind: 'voidHold', holdId, idempotencyKey: scopedIdempotencyKey(actor.id, idempotencyKey), actorId: actor.id }, tx);
    });
  }

  async getHold(actor: AuthenticatedUser, holdId: string): Promise<HoldView> {
    const hold = await this.ledger.getHold(holdId);
    const owners = await Promise.all([hold.fromAccountId, hold.toAccountId].map((id) => this.ledger.findAccountOwner(id)));
    if (!owners.some((owner) => owner && this.maySee(actor, owner))) throw new NotFoundError('hold', holdId);
    return hold;
  }

  async getAccount(actor: AuthenticatedUser, accountId: string): Promise<AccountView> {
    await this.assertMaySee(actor, accountId);
    return this.ledger.getAccount(accountId);
  }

  async statement(
    actor: AuthenticatedUser,
    accountId: string,
    query: StatementQueryDto,
  ): Promise<{ account: AccountView; balanceAsOf?: { asOf: string; balance: string } } & Page<StatementLine>> {
    await this.assertMaySee(actor, accountId);
    const account = await this.ledger.getAccount(accountId);
    const page = await this.ledger.statement(accountId, { fromDate: query.from, toDate: query.to, cursor: query.cursor, limit: query.limit });
    if (!query.asOf) return { account, ...page };
    const { asOf, balance } = await this.ledger.balanceAsOf(accountId, query.asOf);
    return { account, ...page, balanceAsOf: { asOf, balance } };
  }

  async getEntry(actor: AuthenticatedUser, entryId: string): Promise<EntryView> {
    const entry = await this.ledger.getEntry(entryId);
    if (isOverseer(actor.role)) return entry;
    const owners = await Promise.all(entry.postings.map((posting) => this.ledger.findAccountOwner(posting.accountId)));
    const ownAccounts = new Set(entry.postings.filter((_, index) => owners[index] && this.maySee(actor, owners[index])).map((posting) => posting.accountId));
    if (ownAccounts.size === 0) throw new NotFoundError('entry', entryId);
    return redactBalances(entry, ownAccounts);
  }

  accountsOfParty(actor: AuthenticatedUser, partyId: string): Promise<AccountView[]> {
    if (!isOverseer(actor.role) && actor.partyId !== partyId) throw new NotFoundError('party', partyId);
    return this.ledger.listAccountsOfParty(partyId);
  }

  updatePolicy(actor: AuthenticatedUser, accountId: string, input: AccountPolicyDto): Promise<AccountView> {
    return this.database.transaction(async (tx) => {
      const before = await this.ledger.getAccount(accountId, tx);
      const after = await this.updatePolicyIn(accountId, input);
      await this.audit.record(tx, actor, {
        action: 'account.policy',
        subjectType: 'account',
        subjectId: accountId,
        details: { before: { minBalance: before.minBalance, maxBalance: before.maxBalance, status: before.status }, after: { minBalance: after.minBalance, maxBalance: after.maxBalance, status: after.status } },
      });
      return after;
    });
  }

  private updatePolicyIn(accountId: string, input: AccountPolicyDto): Promise<AccountView> {
    return this.ledger.updateAccountPolicy(accountId, {
      minBalanceMinor: input.minBalance === null ? null : parseAmount(input.minBalance, { field: 'minBalance', allowNegative: true, allowZero: true }),
      maxBalanceMinor: input.maxBalance === null ? null : parseAmount(input.maxBalance, { field: 'maxBalance' }),
      status: input.status,
    });
  }

  closePeriod(actor: AuthenticatedUser, period: string) {
    return this.database.transaction(async (tx) => {
      const closed = await this.ledger.closePeriod(period, actor.id);
      await this.audit.record(tx, actor, { action: 'period.close', subjectType: 'period', subjectId: period, details: { accounts: closed.accounts } });
      return closed;
    });
  }

  /** Members book into recent days only (hours of last month, say); older corrections are the treasury's. */
  private assertNotTooOld(effectiveDate: string | undefined): void {
    if (effectiveDate === undefined) return;
    const oldest = localDate(new Date(this.clock.now().getTime() - MEMBER_BACKDATE_DAYS_MAX * DAY_MS));
    if (effectiveDate < oldest) {
      throw new ValidationFailedError([{ field: 'effectiveDate', code: 'EFFECTIVE_DATE_TOO_OLD', parameters: { oldest } }]);
    }
  }

  private maySee(actor: AuthenticatedUser, owner: Owner): boolean {
    return isOverseer(actor.role) || (owner.partyId !== null && owner.partyId === actor.partyId);
  }

  private async assertMaySee(actor: AuthenticatedUser, accountId: string, tx?: Transaction): Promise<Owner> {
    const owner = await this.ledger.findAccountOwner(accountId, tx);
    if (!owner || !this.maySee(actor, owner)) throw new NotFoundError('account', accountId);
    return owner;
  }

  private async assertMaySpendFrom(actor: AuthenticatedUser, accountId: string, tx: Transaction): Promise<void> {
    const owner = await this.assertMaySee(actor, accountId, tx);
    if (owner.partyId === null || owner.partyId !== actor.partyId || !SPENDING_ROLES.includes(actor.role)) {
      throw new ForbiddenError('NOT_PAYING_PARTY');
    }
  }

  private async assertMayResolveHold(actor: AuthenticatedUser, holdId: string, tx: Transaction): Promise<void> {
    const hold = await this.ledger.getHold(holdId, tx);
    const payee = await this.ledger.findAccountOwner(hold.toAccountId, tx);
    const payer = await this.ledger.findAccountOwner(hold.fromAccountId, tx);
    const visible = [payee, payer].some((owner) => owner && this.maySee(actor, owner));
    if (!visible) throw new NotFoundError('hold', holdId);
    const isPayeeMember = payee?.partyId != null && payee.partyId === actor.partyId;
    if (!isPayeeMember && actor.role !== 'treasurer') throw new ForbiddenError('NOT_RECEIVING_PARTY');
  }
}

