import { Injectable } from '@nestjs/common';
import { parseAmount } from '../common/amount.js';
import { AuditService } from '../audit/audit.service.js';
import { localDate } from '../common/calendar.js';
import { Clock } from '../common/clock.js';
import {
  DomainError,
  ForbiddenError,
  NotFoundError,
  ValidationFailedError,
} from '../common/errors/domain-error.js';
import {
  scopedBatchItemIdempotencyKey,
  scopedIdempotencyKey,
} from '../common/http/idempotency-key.decorator.js';
import type { AuthenticatedUser } from '../common/http/request-context.js';
import type { Page } from '../common/pagination.js';
import { Database } from '../database/database.service.js';
import type { Replayable } from '../database/idempotency.js';
import { isOverseer, type Role } from '../common/roles.js';
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
import {
  CreditLimitNeedsApprovalError,
  EntryCodeNotAllowedError,
  EntryOwnedByModuleError,
  HoldOwnedByModuleError,
  RedemptionRequiredError,
} from './ledger.errors.js';
import { LedgerQueries } from './ledger-queries.service.js';
import { LedgerService } from './ledger.service.js';
import {
  type AccountView,
  type EntryView,
  type HoldView,
  ISSUANCE_ACCOUNT,
  type TransferInput,
  type StatementLine,
} from './ledger.types.js';

/** How far back a member may date a transfer: hours of last month can still be booked. */
const MEMBER_BACKDATE_DAYS_MAX = 62;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Another party's balance is theirs to see: in a shared entry, only the reader's own accounts show it. */
function redactBalances(entry: EntryView, visibleAccounts: ReadonlySet<string>): EntryView {
  return {
    ...entry,
    postings: entry.postings.map((posting) =>
      visibleAccounts.has(posting.accountId) ? posting : { ...posting, balanceAfter: null },
    ),
  };
}

/** A volunteer's Steerkes reach a business only through a redemption (the fiscal guardrail's path). */
function isVolunteerToBusiness(payer: Owner | undefined, payee: Owner | undefined): boolean {
  return payer?.partyKind === 'volunteer' && payee?.partyKind === 'business';
}

/** Roles that move their own party's Steerkes. Admins and treasurers act through the treasury. */
export const SPENDING_ROLES: readonly Role[] = ['org_manager', 'business_operator', 'volunteer'];

type Owner = { partyId: string | null; partyKind: string | null; systemName: string | null };

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
    private readonly queries: LedgerQueries,
    private readonly database: Database,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  transfer(
    actor: AuthenticatedUser,
    input: TransferDto,
    idempotencyKey: string,
  ): Promise<Replayable<EntryView>> {
    return this.database.transaction(async () => {
      await this.assertMayPay(actor, input.fromAccountId, input.toAccountId);
      this.assertNotTooOld(input.effectiveDate);
      const outcome = await this.ledger.transfer(
        this.transferCommand(actor, input, scopedIdempotencyKey(actor.id, idempotencyKey)),
      );
      // The payer sees their own balance after the transfer, not the recipient's.
      return { ...outcome, result: redactBalances(outcome.result, new Set([input.fromAccountId])) };
    });
  }

  /**
   * Many transfers, one request and one commit; each is checked as POST /transfers would check it
   * and booked or refused on its own, so one refusal leaves the others booked. Transfer i takes
   * the Idempotency-Key with its position: a repeated batch answers what was booked, and tries
   * again only what was refused.
   */
  transferBatch(
    actor: AuthenticatedUser,
    input: TransferBatchDto,
    idempotencyKey: string,
  ): Promise<TransferBatchItem[]> {
    if (!SPENDING_ROLES.includes(actor.role)) throw new ForbiddenError('NOT_PAYING_PARTY');
    return this.database.transaction(async () => {
      const items: TransferBatchItem[] = [];
      const commands: Array<TransferInput> = [];
      const commandIndexes: number[] = [];
      const spendChecks = new Map<string, Promise<Owner>>();
      for (const [index, transfer] of input.transfers.entries()) {
        try {
          commands.push(
            await this.batchTransferCommand(
              actor,
              transfer,
              scopedBatchItemIdempotencyKey(actor.id, idempotencyKey, index),
              spendChecks,
            ),
          );
          commandIndexes.push(index);
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          items[index] = { index, status: 'refused', refusal: error };
        }
      }
      const outcomes = await this.ledger.transferBatch(commands);
      for (const [position, outcome] of outcomes.entries()) {
        const index = commandIndexes[position];
        if (!outcome.ok) {
          items[index] = { index, status: 'refused', refusal: outcome.error };
        } else {
          const entry = redactBalances(
            outcome.entry,
            new Set([input.transfers[index].fromAccountId]),
          );
          items[index] = { index, status: 'booked', replayed: outcome.replayed, entry };
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
    spendChecks: Map<string, Promise<Owner>>,
  ): Promise<TransferInput> {
    let spendCheck = spendChecks.get(transfer.fromAccountId);
    if (!spendCheck)
      spendChecks.set(
        transfer.fromAccountId,
        (spendCheck = this.assertMaySpendFrom(actor, transfer.fromAccountId)),
      );
    await this.assertNotVolunteerToBusiness(await spendCheck, transfer.toAccountId);
    this.assertNotTooOld(transfer.effectiveDate);
    return this.transferCommand(actor, transfer, scopedKey);
  }

  private transferCommand(
    actor: AuthenticatedUser,
    input: TransferDto,
    scopedKey: string,
  ): TransferInput {
    return {
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
  bookEntry(
    actor: AuthenticatedUser,
    input: EntryDto,
    idempotencyKey: string,
  ): Promise<Replayable<EntryView>> {
    return this.audited(actor, 'ledger.entry', () =>
      this.ledger.bookEntry({
        code: input.code,
        description: input.description,
        metadata: input.metadata,
        effectiveDate: input.effectiveDate,
        postings: input.postings.map((posting, index) => ({
          accountId: posting.accountId,
          amountMinor: parseAmount(posting.amount, {
            field: `postings.${index}.amount`,
            allowNegative: true,
          }),
        })),
        idempotencyKey: scopedIdempotencyKey(actor.id, idempotencyKey),
        actorId: actor.id,
      }),
    );
  }

  issue(
    actor: AuthenticatedUser,
    input: IssueDto,
    idempotencyKey: string,
  ): Promise<Replayable<EntryView>> {
    return this.audited(actor, 'ledger.issue', async () =>
      this.ledger.transfer({
        fromAccountId: await this.ledger.getSystemAccountId(ISSUANCE_ACCOUNT),
        toAccountId: input.toAccountId,
        amountMinor: parseAmount(input.amount),
        code: 'ISSUE',
        description: input.description,
        metadata: input.metadata,
        idempotencyKey: scopedIdempotencyKey(actor.id, idempotencyKey),
        actorId: actor.id,
      }),
    );
  }

  retire(
    actor: AuthenticatedUser,
    input: RetireDto,
    idempotencyKey: string,
  ): Promise<Replayable<EntryView>> {
    return this.audited(actor, 'ledger.retire', async () =>
      this.ledger.transfer({
        fromAccountId: input.fromAccountId,
        toAccountId: await this.ledger.getSystemAccountId(ISSUANCE_ACCOUNT),
        amountMinor: parseAmount(input.amount),
        code: 'RETIRE',
        description: input.description,
        metadata: input.metadata,
        idempotencyKey: scopedIdempotencyKey(actor.id, idempotencyKey),
        actorId: actor.id,
      }),
    );
  }

  reverse(
    actor: AuthenticatedUser,
    entryId: string,
    input: ReversalDto,
    idempotencyKey: string,
  ): Promise<Replayable<EntryView>> {
    return this.audited(actor, 'ledger.reversal', async () => {
      // A module's entry (a claim's hours, a redemption, a booking's payment) is corrected through
      // its own record, so that the record, its limits and the fiscal count move with the money.
      const entry = await this.ledger.getEntry(entryId);
      if (entry.origin !== null) throw new EntryOwnedByModuleError(entry.id, entry.origin);
      if (entry.code === 'REDEEM') throw new EntryCodeNotAllowedError('REDEEM');
      return this.ledger.reverse({
        entryId,
        description: input.description,
        idempotencyKey: scopedIdempotencyKey(actor.id, idempotencyKey),
        actorId: actor.id,
      });
    });
  }

  /** Runs a treasury movement and records it in the audit log in the same transaction (not its replays). */
  private audited(
    actor: AuthenticatedUser,
    action: string,
    work: () => Promise<Replayable<EntryView>>,
  ): Promise<Replayable<EntryView>> {
    return this.database.transaction(async () => {
      const outcome = await work();
      if (!outcome.replayed) {
        const entry = outcome.result;
        await this.audit.record(actor, {
          action,
          subjectType: 'entry',
          subjectId: entry.id,
          details: {
            sequence: entry.sequence,
            code: entry.code,
            description: entry.description,
            reversesEntryId: entry.reversesEntryId,
            postings: entry.postings.map(({ accountId, amount }) => ({ accountId, amount })),
          },
        });
      }
      return outcome;
    });
  }

  hold(
    actor: AuthenticatedUser,
    input: HoldDto,
    idempotencyKey: string,
  ): Promise<Replayable<HoldView>> {
    return this.database.transaction(async () => {
      await this.assertMayPay(actor, input.fromAccountId, input.toAccountId);
      return this.ledger.hold({
        fromAccountId: input.fromAccountId,
        toAccountId: input.toAccountId,
        amountMinor: parseAmount(input.amount),
        code: input.code ?? 'TRANSFER',
        description: input.description,
        metadata: input.metadata,
        expiresAt: input.expiresAt,
        idempotencyKey: scopedIdempotencyKey(actor.id, idempotencyKey),
        actorId: actor.id,
      });
    });
  }

  /** The receiving party (or a treasurer) captures a hold, like a shop capturing a card payment. */
  postHold(
    actor: AuthenticatedUser,
    holdId: string,
    input: PostHoldDto,
    idempotencyKey: string,
  ): Promise<Replayable<HoldView>> {
    return this.database.transaction(async () => {
      const { payer, payee } = await this.assertMayResolveHold(actor, holdId);
      // A hold placed before the rule existed is not captured past it either; voiding stays open.
      if (isVolunteerToBusiness(payer, payee)) throw new RedemptionRequiredError();
      return this.ledger.postHold({
        holdId,
        amountMinor: input.amount === undefined ? undefined : parseAmount(input.amount),
        description: input.description,
        idempotencyKey: scopedIdempotencyKey(actor.id, idempotencyKey),
        actorId: actor.id,
      });
    });
  }

  /** The receiving party (or a treasurer) releases a hold; the payer cannot take back a promise. */
  voidHold(
    actor: AuthenticatedUser,
    holdId: string,
    idempotencyKey: string | undefined,
  ): Promise<Replayable<HoldView>> {
    return this.database.transaction(async () => {
      await this.assertMayResolveHold(actor, holdId);
      return this.ledger.voidHold({
        holdId,
        idempotencyKey: scopedIdempotencyKey(actor.id, idempotencyKey),
        actorId: actor.id,
      });
    });
  }

  async getHold(actor: AuthenticatedUser, holdId: string): Promise<HoldView> {
    const hold = await this.ledger.getHold(holdId);
    const owners = await Promise.all(
      [hold.fromAccountId, hold.toAccountId].map((id) => this.ledger.findAccountOwner(id)),
    );
    if (!owners.some((owner) => owner && this.maySee(actor, owner)))
      throw new NotFoundError('hold', holdId);
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
  ): Promise<
    { account: AccountView; balanceAsOf?: { asOf: string; balance: string } } & Page<StatementLine>
  > {
    await this.assertMaySee(actor, accountId);
    const account = await this.ledger.getAccount(accountId);
    const page = await this.queries.statement(accountId, {
      fromDate: query.from,
      toDate: query.to,
      cursor: query.cursor,
      limit: query.limit,
    });
    if (!query.asOf) return { account, ...page };
    const { asOf, balance } = await this.queries.balanceAsOf(accountId, query.asOf);
    return { account, ...page, balanceAsOf: { asOf, balance } };
  }

  async getEntry(actor: AuthenticatedUser, entryId: string): Promise<EntryView> {
    const entry = await this.ledger.getEntry(entryId);
    if (isOverseer(actor.role)) return entry;
    const owners = await Promise.all(
      entry.postings.map((posting) => this.ledger.findAccountOwner(posting.accountId)),
    );
    const ownAccounts = new Set(
      entry.postings
        .filter((_, index) => owners[index] && this.maySee(actor, owners[index]))
        .map((posting) => posting.accountId),
    );
    if (ownAccounts.size === 0) throw new NotFoundError('entry', entryId);
    return redactBalances(entry, ownAccounts);
  }

  accountsOfParty(actor: AuthenticatedUser, partyId: string): Promise<AccountView[]> {
    if (!isOverseer(actor.role) && actor.partyId !== partyId)
      throw new NotFoundError('party', partyId);
    return this.ledger.listAccountsOfParty(partyId);
  }

  updatePolicy(
    actor: AuthenticatedUser,
    accountId: string,
    input: AccountPolicyDto,
  ): Promise<AccountView> {
    return this.database.transaction(async () => {
      const before = await this.ledger.getAccount(accountId);
      const after = await this.updatePolicyIn(accountId, input, before);
      await this.audit.record(actor, {
        action: 'account.policy',
        subjectType: 'account',
        subjectId: accountId,
        details: {
          before: {
            minBalance: before.minBalance,
            maxBalance: before.maxBalance,
            status: before.status,
          },
          after: {
            minBalance: after.minBalance,
            maxBalance: after.maxBalance,
            status: after.status,
          },
        },
      });
      return after;
    });
  }

  /** The maximum and status; a minBalance, if sent, must be the one in force (see setCreditLimit). */
  private updatePolicyIn(
    accountId: string,
    input: AccountPolicyDto,
    current: AccountView,
  ): Promise<AccountView> {
    // A system account's policy is refused whole by the ledger (403); a party's limit is compared.
    if (
      input.minBalance !== undefined &&
      input.minBalance !== null &&
      current.systemName === null
    ) {
      const requested = parseAmount(input.minBalance, {
        field: 'minBalance',
        allowNegative: true,
        allowZero: true,
      });
      const inForce =
        current.minBalance === null
          ? null
          : parseAmount(current.minBalance, { allowNegative: true, allowZero: true });
      if (requested !== inForce) throw new CreditLimitNeedsApprovalError(accountId);
    }
    return this.ledger.updateAccountPolicy(accountId, {
      maxBalanceMinor:
        input.maxBalance === null ? null : parseAmount(input.maxBalance, { field: 'maxBalance' }),
      status: input.status,
    });
  }

  closePeriod(actor: AuthenticatedUser, period: string) {
    return this.database.transaction(async () => {
      const closed = await this.ledger.closePeriod(period, actor.id);
      await this.audit.record(actor, {
        action: 'period.close',
        subjectType: 'period',
        subjectId: period,
        details: { accounts: closed.accounts },
      });
      return closed;
    });
  }

  /** Members book into recent days only (hours of last month, say); older corrections are the treasury's. */
  private assertNotTooOld(effectiveDate: string | undefined): void {
    if (effectiveDate === undefined) return;
    const oldest = localDate(
      new Date(this.clock.now().getTime() - MEMBER_BACKDATE_DAYS_MAX * DAY_MS),
    );
    if (effectiveDate < oldest) {
      throw new ValidationFailedError([
        { field: 'effectiveDate', code: 'EFFECTIVE_DATE_TOO_OLD', parameters: { oldest } },
      ]);
    }
  }

  private maySee(actor: AuthenticatedUser, owner: Owner): boolean {
    return isOverseer(actor.role) || (owner.partyId !== null && owner.partyId === actor.partyId);
  }

  private async assertMaySee(actor: AuthenticatedUser, accountId: string): Promise<Owner> {
    const owner = await this.ledger.findAccountOwner(accountId);
    if (!owner || !this.maySee(actor, owner)) throw new NotFoundError('account', accountId);
    return owner;
  }

  private async assertMaySpendFrom(actor: AuthenticatedUser, accountId: string): Promise<Owner> {
    const owner = await this.assertMaySee(actor, accountId);
    if (
      owner.partyId === null ||
      owner.partyId !== actor.partyId ||
      !SPENDING_ROLES.includes(actor.role)
    ) {
      throw new ForbiddenError('NOT_PAYING_PARTY');
    }
    return owner;
  }

  /** The payer's member moves its Steerkes, and not from a volunteer to a business. */
  private async assertMayPay(
    actor: AuthenticatedUser,
    fromAccountId: string,
    toAccountId: string,
  ): Promise<void> {
    await this.assertNotVolunteerToBusiness(
      await this.assertMaySpendFrom(actor, fromAccountId),
      toAccountId,
    );
  }

  /**
   * A volunteer pays a business only by a redemption (pass, PIN, daily limit, fiscal guardrail);
   * a transfer, a hold or a batch line the other way round would slip past all four. An unknown
   * payee is left to the ledger, which answers 404 as before.
   */
  private async assertNotVolunteerToBusiness(payer: Owner, toAccountId: string): Promise<void> {
    if (payer.partyKind !== 'volunteer') return;
    if (isVolunteerToBusiness(payer, await this.ledger.findAccountOwner(toAccountId)))
      throw new RedemptionRequiredError();
  }

  /** Refuses whoever may not settle the hold; answers the owners of its two accounts. */
  private async assertMayResolveHold(
    actor: AuthenticatedUser,
    holdId: string,
  ): Promise<{ payer: Owner | undefined; payee: Owner | undefined }> {
    const hold = await this.ledger.getHold(holdId);
    const payee = await this.ledger.findAccountOwner(hold.toAccountId);
    const payer = await this.ledger.findAccountOwner(hold.fromAccountId);
    const visible = [payee, payer].some((owner) => owner && this.maySee(actor, owner));
    if (!visible) throw new NotFoundError('hold', holdId);
    const isPayeeMember = payee?.partyId != null && payee.partyId === actor.partyId;
    if (!isPayeeMember && actor.role !== 'treasurer')
      throw new ForbiddenError('NOT_RECEIVING_PARTY');
    // A booking's hold is settled by the booking's steps, which keep the booking in step with it.
    if (hold.origin !== null) throw new HoldOwnedByModuleError(hold.id, hold.origin);
    return { payer, payee };
  }
}
