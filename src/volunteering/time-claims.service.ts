import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { SelectQueryBuilder } from 'typeorm';
import { isOverseer } from '../common/roles.js';
import { Clock } from '../common/clock.js';
import {
  ForbiddenError,
  NotFoundError,
  ValidationFailedError,
} from '../common/errors/domain-error.js';
import { scopedIdempotencyKey } from '../common/http/idempotency-key.decorator.js';
import type { AuthenticatedUser } from '../common/http/request-context.js';
import { type Page, pageFrom, paginateQuery } from '../common/pagination.js';
import { Database, type Transaction } from '../database/database.service.js';
import {
  Idempotency,
  type IdempotentRequest,
  type Replayable,
  requestFingerprint,
} from '../database/idempotency.js';
import { AuditService } from '../audit/audit.service.js';
import { formatAmount } from '../common/amount.js';
import { LedgerService } from '../ledger/ledger.service.js';
import { DESCRIPTION_LENGTH_MAX as REVERSAL_DESCRIPTION_LENGTH_MAX } from '../ledger/ledger.types.js';
import type {
  ListTimeClaimsQueryDto,
  SubmitTimeClaimDto,
  TimeClaimDto,
} from './dto/time-claim.dto.js';
import { TimeClaim } from './entities/time-claim.entity.js';
import { HourRatesService } from './hour-rates.service.js';
import { formatHours, parseHours } from './hours.js';
import { claimDateProblem, DAY_LIMIT_MINUTES, paymentCommand } from './time-claim-rules.js';
import { TimeClaimViews } from './time-claim-views.js';
import { TimeClaimsStore } from './time-claims.store.js';
import { VOLUNTEERING_IDEMPOTENCY_SCOPE } from './volunteering.limits.js';
import {
  TimeClaimDayLimitExceededError,
  TimeClaimNotApprovedError,
  TimeClaimNotPendingError,
} from './volunteering.errors.js';
import { VolunteeringParties } from './volunteering-parties.js';

/**
 * Time claims: a volunteer claims hours given to an organisation; a manager of that organisation
 * approves (the claim is paid in the same transaction, once) or rejects it; the volunteer may
 * withdraw it while it waits. Volunteers see their own claims, organisations the claims made to
 * them, admins and treasurers all; any other claim answers 404, as if it did not exist.
 */
@Injectable()
export class TimeClaimsService {
  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    private readonly ledger: LedgerService,
    private readonly rates: HourRatesService,
    private readonly parties: VolunteeringParties,
    private readonly store: TimeClaimsStore,
    private readonly idempotency: Idempotency,
    private readonly views: TimeClaimViews,
    private readonly audit: AuditService,
  ) {}

  /**
   * A volunteer claims hours given to an organisation. With an Idempotency-Key a retry answers the
   * claim made the first time instead of claiming the hours twice.
   */
  submit(
    actor: AuthenticatedUser,
    input: SubmitTimeClaimDto,
    idempotencyKey?: string,
  ): Promise<Replayable<TimeClaimDto>> {
    const request =
      idempotencyKey === undefined
        ? undefined
        : this.request(actor, idempotencyKey, { action: 'submit', ...input });
    return this.idempotency.run(request, {
      perform: async (tx) => {
        const claimId = randomUUID();
        return {
          result: await this.createClaim(actor, input, claimId, tx),
          stored: { kind: 'claim', id: claimId },
        };
      },
      replay: async (stored, tx) =>
        this.views.one(await tx.manager.findOneByOrFail(TimeClaim, { id: stored.id })),
    });
  }

  list(actor: AuthenticatedUser, query: ListTimeClaimsQueryDto): Promise<Page<TimeClaimDto>> {
    return this.database.read(async (tx) => {
      const builder = filteredClaims(
        tx.manager.createQueryBuilder(TimeClaim, 'claim'),
        actor,
        query,
      );
      const { limit } = paginateQuery(builder, {
        sortColumn: 'claim.created_at',
        idColumn: 'claim.id',
        page: query,
      });
      const page = pageFrom(
        await builder.getMany(),
        limit,
        (claim) => ({ sortValue: claim.createdAt, id: claim.id }),
        (claim) => claim,
      );
      return { items: await this.views.many(page.items), nextCursor: page.nextCursor };
    });
  }

  get(actor: AuthenticatedUser, claimId: string): Promise<TimeClaimDto> {
    return this.database.read(async (tx) => {
      const claim = await tx.manager.findOneBy(TimeClaim, { id: claimId });
      if (!claim || !isVisible(actor, claim)) throw new NotFoundError('time_claim', claimId);
      return this.views.one(claim);
    });
  }

  /**
   * A manager of the organisation approves a requested claim: it is paid at the rate in force,
   * from the organisation's account to the volunteer's, in the same transaction. Refused (not
   * enough Steerkes, already decided, ...) nothing changes. The payment's ledger key is derived
   * from the claim, so a claim is paid at most once whatever is retried; the request's own key
   * makes a retry answer the first result.
   */
  approve(
    actor: AuthenticatedUser,
    claimId: string,
    idempotencyKey: string,
  ): Promise<Replayable<TimeClaimDto>> {
    return this.idempotency.run(
      this.request(actor, idempotencyKey, { action: 'approve', claimId }),
      {
        lock: async (tx) => void (await this.decidableClaim(actor, claimId, tx)),
        perform: async (tx) => {
          const claim = await this.decidableClaim(actor, claimId, tx);
          assertRequested(claim);
          return {
            result: await this.views.one(await this.pay(actor, claim, tx)),
            stored: { kind: 'claim', id: claimId },
          };
        },
        // A replay answers the claim as it is now, to a manager who may still decide it.
        replay: async (_stored, tx) =>
          this.views.one(await this.decidableClaim(actor, claimId, tx)),
      },
    );
  }

  /** Volunteering's requests share one scope: a key used to submit cannot also approve. */
  private request(
    actor: AuthenticatedUser,
    idempotencyKey: string,
    content: Record<string, unknown>,
  ): IdempotentRequest {
    return {
      scope: VOLUNTEERING_IDEMPOTENCY_SCOPE,
      key: scopedIdempotencyKey(actor.id, idempotencyKey),
      fingerprint: requestFingerprint(content),
    };
  }

  /** Pays a claim at the rate in force with one HOURS entry and records it approved. */
  private async pay(
    actor: AuthenticatedUser,
    claim: TimeClaim,
    tx: Transaction,
  ): Promise<TimeClaim> {
    const rateMinor = await this.rates.rateInForce(claim.organisationPartyId, tx);
    const accounts = {
      organisationAccountId: await this.store.accountOf(claim.organisationPartyId),
      volunteerAccountId: await this.store.accountOf(claim.volunteerPartyId),
    };
    const command = paymentCommand(claim, rateMinor, accounts, actor.id);
    const { result: entry } = await this.ledger.transfer(command);
    const approved: TimeClaim = {
      ...claim,
      status: 'approved',
      rateMinor,
      amountMinor: command.amountMinor,
      entryId: entry.id,
      ...this.decision(actor),
    };
    await tx.manager.update(TimeClaim, { id: claim.id }, approved);
    return approved;
  }

  /** A manager of the organisation rejects a requested claim, saying why. Nothing is paid. */
  reject(actor: AuthenticatedUser, claimId: string, reason: string): Promise<TimeClaimDto> {
    return this.database.transaction(async (tx) => {
      const claim = await this.decidableClaim(actor, claimId, tx);
      assertRequested(claim);
      const rejected: TimeClaim = { ...claim, status: 'rejected', reason, ...this.decision(actor) };
      await tx.manager.update(TimeClaim, { id: claim.id }, rejected);
      return this.views.one(rejected);
    });
  }

  /**
   * A manager of the organisation, or a treasurer, revokes an approved claim, saying why: its
   * HOURS entry is reversed through the ledger and the claim marked revoked in one transaction, so
   * that its hours stop counting for the fiscal guardrail the moment the money is taken back. The
   * reversal's ledger key is derived from the claim: a claim is revoked at most once.
   */
  revoke(actor: AuthenticatedUser, claimId: string, reason: string): Promise<TimeClaimDto> {
    return this.database.transaction(async (tx) => {
      const claim = await this.store.lockClaim(claimId, tx);
      const mayRevoke =
        actor.role === 'treasurer' ||
        (actor.partyId !== null && claim?.organisationPartyId === actor.partyId);
      if (!claim || !mayRevoke) throw new NotFoundError('time_claim', claimId);
      if (claim.status !== 'approved' || claim.entryId === null)
        throw new TimeClaimNotApprovedError(claim.id, claim.status);
      const { result: reversal } = await this.ledger.reverse({
        entryId: claim.entryId,
        description: `Herroepen: ${claim.activity}`.slice(0, REVERSAL_DESCRIPTION_LENGTH_MAX),
        idempotencyKey: `time-claim:${claim.id}:revoke`,
        actorId: actor.id,
        origin: `volunteering:claim:${claim.id}`,
      });
      const revoked: TimeClaim = {
        ...claim,
        status: 'revoked',
        reason,
        revokedBy: actor.id,
        revokedAt: this.clock.now().toISOString(),
        reversalEntryId: reversal.id,
      };
      await tx.manager.update(TimeClaim, { id: claim.id }, revoked);
      await this.audit.record(actor, {
        action: 'time_claim.revoke',
        subjectType: 'time_claim',
        subjectId: claim.id,
        details: {
          reason,
          entryId: claim.entryId,
          reversalEntryId: reversal.id,
          hours: formatHours(claim.minutes),
          amount: claim.amountMinor === null ? null : formatAmount(claim.amountMinor),
        },
      });
      return this.views.one(revoked);
    });
  }

  /** The volunteer takes back a claim that is still waiting; its hours no longer count for the day. */
  withdraw(
    actor: AuthenticatedUser,
    claimId: string,
    reason: string | undefined,
  ): Promise<TimeClaimDto> {
    return this.database.transaction(async (tx) => {
      const claim = await this.store.lockClaim(claimId, tx);
      if (!claim || actor.partyId === null || claim.volunteerPartyId !== actor.partyId)
        throw new NotFoundError('time_claim', claimId);
      assertRequested(claim);
      const withdrawn: TimeClaim = {
        ...claim,
        status: 'withdrawn',
        reason: reason ?? null,
        ...this.decision(actor),
      };
      await tx.manager.update(TimeClaim, { id: claim.id }, withdrawn);
      return this.views.one(withdrawn);
    });
  }

  private async createClaim(
    actor: AuthenticatedUser,
    input: SubmitTimeClaimDto,
    claimId: string,
    tx: Transaction,
  ): Promise<TimeClaimDto> {
    const volunteerId = await this.ownVolunteerParty(actor);
    await this.parties.requireOrganisation(input.organisationId);
    const minutes = parseHours(input.hours);
    if (minutes === undefined)
      throw new ValidationFailedError([{ field: 'hours', code: 'isQuarterHours' }]);
    const dateProblem = claimDateProblem(input.date, this.clock.now());
    if (dateProblem) throw new ValidationFailedError([dateProblem]);
    await this.store.lockVolunteers([volunteerId], tx);
    const claimed =
      (await this.store.claimedMinutesOn([volunteerId], input.date, tx)).get(volunteerId) ?? 0;
    if (claimed + minutes > DAY_LIMIT_MINUTES)
      throw new TimeClaimDayLimitExceededError(input.date, claimed, minutes);
    const claim = tx.manager.create(TimeClaim, {
      id: claimId,
      volunteerPartyId: volunteerId,
      organisationPartyId: input.organisationId,
      claimDate: input.date,
      minutes,
      activity: input.activity,
      status: 'requested',
      submittedBy: actor.id,
      createdAt: this.clock.now().toISOString(),
      batchId: null,
      batchLine: null,
      rateMinor: null,
      amountMinor: null,
      entryId: null,
      decidedBy: null,
      decidedAt: null,
      reason: null,
      revokedBy: null,
      revokedAt: null,
      reversalEntryId: null,
    });
    await tx.manager.insert(TimeClaim, claim);
    return this.views.one(claim);
  }

  /** A claim made to the actor's organisation, locked for the decision; any other answers 404. */
  private async decidableClaim(
    actor: AuthenticatedUser,
    claimId: string,
    tx: Transaction,
  ): Promise<TimeClaim> {
    const claim = await this.store.lockClaim(claimId, tx);
    if (!claim || actor.partyId === null || claim.organisationPartyId !== actor.partyId)
      throw new NotFoundError('time_claim', claimId);
    return claim;
  }

  /** Claims are a volunteer's own: for the volunteer party the user acts for. */
  private async ownVolunteerParty(actor: AuthenticatedUser): Promise<string> {
    const party = actor.partyId === null ? null : await this.parties.findParty(actor.partyId);
    if (!party || party.kind !== 'volunteer') throw new ForbiddenError('ROLE_REQUIRED');
    return party.id;
  }

  private decision(actor: AuthenticatedUser): Pick<TimeClaim, 'decidedBy' | 'decidedAt'> {
    return { decidedBy: actor.id, decidedAt: this.clock.now().toISOString() };
  }
}

function assertRequested(claim: TimeClaim): void {
  if (claim.status !== 'requested') throw new TimeClaimNotPendingError(claim.id, claim.status);
}

/** The claims the actor may see, narrowed by the query's filters. */
function filteredClaims(
  builder: SelectQueryBuilder<TimeClaim>,
  actor: AuthenticatedUser,
  query: ListTimeClaimsQueryDto,
): SelectQueryBuilder<TimeClaim> {
  const scope = visibleScope(actor);
  if (scope.volunteerPartyId !== undefined)
    builder.andWhere('claim.volunteer_party_id = :ownVolunteer', {
      ownVolunteer: scope.volunteerPartyId,
    });
  if (scope.organisationPartyId !== undefined)
    builder.andWhere('claim.organisation_party_id = :ownOrganisation', {
      ownOrganisation: scope.organisationPartyId,
    });
  if (query.status) builder.andWhere('claim.status = :status', { status: query.status });
  if (query.organisationId)
    builder.andWhere('claim.organisation_party_id = :organisationId', {
      organisationId: query.organisationId,
    });
  if (query.volunteerId)
    builder.andWhere('claim.volunteer_party_id = :volunteerId', { volunteerId: query.volunteerId });
  if (query.batchId) builder.andWhere('claim.batch_id = :batchId', { batchId: query.batchId });
  if (query.from) builder.andWhere('claim.claim_date >= :from', { from: query.from });
  if (query.to) builder.andWhere('claim.claim_date <= :to', { to: query.to });
  return builder;
}

/** Which claims an actor may see: a volunteer their own, an organisation's member those made to it. */
function visibleScope(actor: AuthenticatedUser): {
  volunteerPartyId?: string;
  organisationPartyId?: string;
} {
  if (isOverseer(actor.role)) return {};
  if (actor.role === 'volunteer') return { volunteerPartyId: actor.partyId ?? '' };
  return { organisationPartyId: actor.partyId ?? '' };
}

function isVisible(actor: AuthenticatedUser, claim: TimeClaim): boolean {
  const scope = visibleScope(actor);
  if (scope.volunteerPartyId !== undefined && claim.volunteerPartyId !== scope.volunteerPartyId)
    return false;
  if (
    scope.organisationPartyId !== undefined &&
    claim.organisationPartyId !== scope.organisationPartyId
  )
    return false;
  return true;
}
