import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { formatAmount, parseAmount } from '../common/amount.js';
import { Clock } from '../common/clock.js';
import { type FieldError, ForbiddenError } from '../common/errors/domain-error.js';
import { scopedIdempotencyKey } from '../common/http/idempotency-key.decorator.js';
import type { AuthenticatedUser } from '../common/http/request-context.js';
import type { Transaction } from '../database/database.service.js';
import { Idempotency, type Replayable, requestFingerprint } from '../database/idempotency.js';
import { LedgerService, type TransferBatchOutcome } from '../ledger/ledger.service.js';
import type { BulkTimeClaimsDto, TimeClaimBatchDto } from './dto/time-claim.dto.js';
import { TimeClaimBatch } from './entities/time-claim-batch.entity.js';
import { TimeClaim } from './entities/time-claim.entity.js';
import { HourRatesService } from './hour-rates.service.js';
import { formatHours, parseHours, paymentFor } from './hours.js';
import { claimDateProblem, DAY_LIMIT_MINUTES, paymentCommand } from './time-claim-rules.js';
import { TimeClaimViews } from './time-claim-views.js';
import { TimeClaimsStore } from './time-claims.store.js';
import { TimeClaimsRefusedError } from './volunteering.errors.js';
import { CLAIM_HOURS_PER_DAY_MAX, VOLUNTEERING_IDEMPOTENCY_SCOPE } from './volunteering.limits.js';
import { VolunteeringParties } from './volunteering-parties.js';

/** One participant of the activity once checked: whose hours, how many, what they earn. */
export interface CheckedLine {
  volunteerId: string;
  minutes: number;
  amountMinor: bigint;
}

/** A checked activity, ready to be recorded and paid. */
interface ActivityToPay {
  batchId: string;
  organisationId: string;
  input: BulkTimeClaimsDto;
  rateMinor: bigint;
  lines: CheckedLine[];
}

/**
 * Bulk: a manager records one activity (a buurtfeest, a clean-up) with many volunteers and their
 * hours. Every participant is checked first and every problem is listed at once; if there is any,
 * nothing is recorded. Otherwise each participant gets an approved claim, paid with its own HOURS
 * entry, all in one transaction. The Idempotency-Key makes a retry answer the first result.
 */
@Injectable()
export class BulkTimeClaimsService {
  constructor(
    private readonly clock: Clock,
    private readonly ledger: LedgerService,
    private readonly rates: HourRatesService,
    private readonly parties: VolunteeringParties,
    private readonly store: TimeClaimsStore,
    private readonly idempotency: Idempotency,
    private readonly views: TimeClaimViews,
  ) {}

  record(
    actor: AuthenticatedUser,
    input: BulkTimeClaimsDto,
    idempotencyKey: string,
  ): Promise<Replayable<TimeClaimBatchDto>> {
    const request = {
      scope: VOLUNTEERING_IDEMPOTENCY_SCOPE,
      key: scopedIdempotencyKey(actor.id, idempotencyKey),
      fingerprint: requestFingerprint({ action: 'bulk', ...input }),
    };
    return this.idempotency.run(request, {
      perform: async (tx) => {
        const organisationId = await this.ownOrganisation(actor);
        const batchId = randomUUID();
        const rateMinor = await this.rates.rateInForce(organisationId, tx);
        const lines = await this.check(organisationId, input, rateMinor, tx);
        return {
          result: await this.pay(actor, { batchId, organisationId, input, rateMinor, lines }, tx),
          stored: { kind: 'batch', id: batchId },
        };
      },
      replay: async (stored, tx) => {
        await this.ownOrganisation(actor);
        return this.load(stored.id, tx);
      },
    });
  }

  /** Every rule, on every participant; refuses the whole activity listing every problem found. */
  private async check(
    organisationId: string,
    input: BulkTimeClaimsDto,
    rateMinor: bigint,
    tx: Transaction,
  ): Promise<CheckedLine[]> {
    const dateProblem = claimDateProblem(input.date, this.clock.now());
    const volunteers = await this.parties.findVolunteers(
      input.participants.map((participant) => participant.volunteerId),
    );
    await this.store.lockVolunteers([...volunteers.keys()], tx);
    const dayTotals = await this.store.claimedMinutesOn([...volunteers.keys()], input.date, tx);
    const { lines, problems } = checkParticipants(
      input.participants,
      new Set(volunteers.keys()),
      dayTotals,
      rateMinor,
    );
    const newcomers = await this.newcomerProblems(organisationId, input, volunteers, tx);
    const fundsProblem = await this.fundsProblem(organisationId, lines);
    const all = [
      ...(dateProblem ? [dateProblem] : []),
      ...problems,
      ...newcomers,
      ...(fundsProblem ? [fundsProblem] : []),
    ];
    if (all.length > 0) throw new TimeClaimsRefusedError(all);
    return lines;
  }

  /**
   * A manager records hours in bulk only for volunteers who worked for the organisation before (a
   * claim of theirs it approved): otherwise any volunteer id would do, and hours could be credited
   * to someone who never came. A newcomer submits their first claim themselves (POST /time-claims),
   * which the organisation then approves; after that, bulk includes them.
   */
  private async newcomerProblems(
    organisationId: string,
    input: BulkTimeClaimsDto,
    volunteers: ReadonlyMap<string, unknown>,
    tx: Transaction,
  ): Promise<FieldError[]> {
    const known = [...volunteers.keys()];
    const veterans = await this.store.volunteersWhoWorkedFor(organisationId, known, tx);
    return input.participants.flatMap((participant, index) =>
      volunteers.has(participant.volunteerId) && !veterans.has(participant.volunteerId)
        ? [
            {
              field: `participants.${index}.volunteerId`,
              code: 'TIME_CLAIM_VOLUNTEER_NEW_TO_ORGANISATION',
            },
          ]
        : [],
    );
  }

  /** The organisation must have the total available (down to its credit limit), not only each line. */
  private async fundsProblem(
    organisationId: string,
    lines: CheckedLine[],
  ): Promise<FieldError | undefined> {
    const account = await this.ledger.getAccount(await this.store.accountOf(organisationId));
    if (account.minBalance === null) return undefined;
    const requiredMinor = lines.reduce((sum, line) => sum + line.amountMinor, 0n);
    const spendableMinor =
      parseAmount(account.available, { allowNegative: true, allowZero: true }) -
      parseAmount(account.minBalance, { allowNegative: true, allowZero: true });
    if (requiredMinor <= spendableMinor) return undefined;
    const available = formatAmount(spendableMinor > 0n ? spendableMinor : 0n);
    return {
      field: 'participants',
      code: 'INSUFFICIENT_FUNDS',
      parameters: { accountId: account.id, available, required: formatAmount(requiredMinor) },
    };
  }

  /** Records the activity and its approved claims, and pays each in its own HOURS entry. */
  private async pay(
    actor: AuthenticatedUser,
    activity: ActivityToPay,
    tx: Transaction,
  ): Promise<TimeClaimBatchDto> {
    const { batchId, organisationId, input, rateMinor, lines } = activity;
    const nowIso = this.clock.now().toISOString();
    const batch: TimeClaimBatch = {
      id: batchId,
      organisationPartyId: organisationId,
      claimDate: input.date,
      activity: input.activity,
      totalMinutes: lines.reduce((sum, line) => sum + line.minutes, 0),
      totalAmountMinor: lines.reduce((sum, line) => sum + line.amountMinor, 0n),
      createdBy: actor.id,
      createdAt: nowIso,
    };
    await tx.manager.insert(TimeClaimBatch, batch);
    const organisationAccountId = await this.store.accountOf(organisationId);
    const claims = approvedClaims(activity, actor.id, nowIso);
    const commands = [];
    for (const claim of claims) {
      const volunteerAccountId = await this.store.accountOf(claim.volunteerPartyId);
      commands.push(
        paymentCommand(claim, rateMinor, { organisationAccountId, volunteerAccountId }, actor.id),
      );
    }
    const outcomes = await this.ledger.transferBatch(commands);
    const refusals = ledgerProblems(outcomes, organisationAccountId);
    if (refusals.length > 0) throw new TimeClaimsRefusedError(refusals);
    for (const [index, outcome] of outcomes.entries()) {
      if (outcome.ok) claims[index].entryId = outcome.entry.id;
    }
    await tx.manager.insert(TimeClaim, claims);
    return this.views.batch(batch, claims);
  }

  /** The activity as first recorded, for a replay. */
  private async load(batchId: string, tx: Transaction): Promise<TimeClaimBatchDto> {
    const batch = await tx.manager.findOneByOrFail(TimeClaimBatch, { id: batchId });
    const claims = await tx.manager.find(TimeClaim, {
      where: { batchId },
      order: { batchLine: 'ASC' },
    });
    return this.views.batch(batch, claims);
  }

  /** Bulk is an organisation's own: its manager records for it. A manager of another kind of party may not. */
  private async ownOrganisation(actor: AuthenticatedUser): Promise<string> {
    const party = actor.partyId === null ? null : await this.parties.findParty(actor.partyId);
    if (!party || party.kind !== 'organisation') throw new ForbiddenError('ROLE_REQUIRED');
    return party.id;
  }
}

/** One approved claim per line, decided by whoever records the activity, in the order sent. */
function approvedClaims(activity: ActivityToPay, actorId: string, nowIso: string): TimeClaim[] {
  return activity.lines.map((line, index) => ({
    id: randomUUID(),
    volunteerPartyId: line.volunteerId,
    organisationPartyId: activity.organisationId,
    claimDate: activity.input.date,
    minutes: line.minutes,
    activity: activity.input.activity,
    status: 'approved',
    submittedBy: actorId,
    createdAt: nowIso,
    batchId: activity.batchId,
    batchLine: index,
    rateMinor: activity.rateMinor,
    amountMinor: line.amountMinor,
    entryId: null,
    decidedBy: actorId,
    decidedAt: nowIso,
    reason: null,
    revokedBy: null,
    revokedAt: null,
    reversalEntryId: null,
  }));
}

/**
 * Hours and volunteer of each line, and the day limit: lines count in the order sent, on top of
 * what each volunteer already claimed that day (`dayTotals`, minutes per volunteer); a line that
 * breaks the limit is named and left out of the count, so that only the lines to fix are named.
 */
export function checkParticipants(
  participants: ReadonlyArray<{ volunteerId: string; hours: unknown }>,
  volunteerIds: ReadonlySet<string>,
  dayTotals: ReadonlyMap<string, number>,
  rateMinor: bigint,
): { lines: CheckedLine[]; problems: FieldError[] } {
  const claimed = new Map(dayTotals);
  const lines: CheckedLine[] = [];
  const problems: FieldError[] = [];
  for (const [index, participant] of participants.entries()) {
    const field = `participants.${index}`;
    if (!volunteerIds.has(participant.volunteerId))
      problems.push({ field: `${field}.volunteerId`, code: 'TIME_CLAIM_VOLUNTEER_UNKNOWN' });
    const minutes = parseHours(participant.hours);
    if (minutes === undefined) {
      problems.push({ field: `${field}.hours`, code: 'isQuarterHours' });
      continue;
    }
    const before = claimed.get(participant.volunteerId) ?? 0;
    if (before + minutes > DAY_LIMIT_MINUTES) {
      const parameters = {
        claimed: formatHours(before),
        requested: formatHours(minutes),
        limit: CLAIM_HOURS_PER_DAY_MAX,
      };
      problems.push({ field: `${field}.hours`, code: 'TIME_CLAIM_DAY_LIMIT_EXCEEDED', parameters });
      continue; // a refused line does not count toward the lines after it
    }
    claimed.set(participant.volunteerId, before + minutes);
    lines.push({
      volunteerId: participant.volunteerId,
      minutes,
      amountMinor: paymentFor(minutes, rateMinor),
    });
  }
  return { lines, problems };
}

/**
 * What the ledger refused, line by line (it checks each payment on its own): a problem of the
 * organisation's account is named once on the whole list, one of a volunteer's account on its line.
 */
function ledgerProblems(
  outcomes: TransferBatchOutcome[],
  organisationAccountId: string,
): FieldError[] {
  const problems: FieldError[] = [];
  const organisationCodes = new Set<string>();
  for (const [index, outcome] of outcomes.entries()) {
    if (outcome.ok) continue;
    const { code, parameters } = outcome.error;
    const safeParameters = Object.fromEntries(
      Object.entries(parameters).filter(([, value]) =>
        ['string', 'number', 'boolean'].includes(typeof value),
      ),
    ) as FieldError['parameters'];
    if (parameters.accountId === organisationAccountId) {
      if (!organisationCodes.has(code))
        problems.push({ field: 'participants', code, parameters: safeParameters });
      organisationCodes.add(code);
    } else {
      problems.push({
        field: `participants.${index}.volunteerId`,
        code,
        parameters: safeParameters,
      });
    }
  }
  return problems;
}
