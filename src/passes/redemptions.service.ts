import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { SelectQueryBuilder } from 'typeorm';
import { PasswordHasher, type Verdict } from '../common/password-hasher.js';
import { isOverseer } from '../common/roles.js';
import { formatAmount } from '../common/amount.js';
import { localDate } from '../common/calendar.js';
import { Clock } from '../common/clock.js';
import {
  assertInvariant,
  DomainError,
  NotFoundError,
  ValidationFailedError,
} from '../common/errors/domain-error.js';
import { scopedIdempotencyKey } from '../common/http/idempotency-key.decorator.js';
import type { AuthenticatedUser } from '../common/http/request-context.js';
import { type Page, type PageQueryDto, pageFrom, paginateQuery } from '../common/pagination.js';
import { Database, type Transaction } from '../database/database.service.js';
import { Idempotency, type Replayable, requestFingerprint } from '../database/idempotency.js';
import { LedgerService } from '../ledger/ledger.service.js';
import { PartiesService } from '../parties/parties.service.js';
import { toBigInt } from '../database/bigint-column.js';
import type { Offer } from './entities/offer.entity.js';
import { Pass } from './entities/pass.entity.js';
import { PassPinFailure } from './entities/pass-pin-failure.entity.js';
import { Redemption, type RedemptionStatus } from './entities/redemption.entity.js';
import type { FiscalMeasure } from './fiscal-rules.js';
import {
  type CounterFiscalWarningView,
  counterWarningView,
  FiscalService,
} from './fiscal.service.js';
import { inactiveReason, OffersService } from './offers.service.js';
import {
  OfferNotActiveError,
  OfferOfAnotherBusinessError,
  OfferOutOfStockError,
  OfferPerPassLimitReachedError,
  PassBalanceInsufficientError,
  PassBlockedError,
  PassDailyLimitReachedError,
  PassNotFoundError,
  PinAttemptsExhaustedError,
  PinAttemptsPausedError,
  PinIncorrectError,
  PinRequiredError,
  RedemptionNotCompletedError,
  RedemptionVoidWindowClosedError,
} from './passes.errors.js';
import { PassesSettingsService } from './passes-settings.service.js';
import { assertUsable, PassesService, requirePassNumber } from './passes.service.js';
import { dailyRoomMinor, perPassRoom, periodStart } from './redemption-limits.js';
import { lockById } from '../database/row-lock.js';
import { countRedemption, quantityTaken, spentOnPass } from './redemption-totals.store.js';

/** Five wrong PINs in a row block the pass: enough for typos, far too few to guess 10,000 PINs. */
export const PIN_ATTEMPTS_MAX = 5;
/**
 * Wrong PINs one business may enter on one pass within the window; then that business may not try
 * the pass until the window has passed (or the volunteer sets a new PIN). Fewer than
 * PIN_ATTEMPTS_MAX, so that one shop that saw a pass cannot block it on its own.
 */
export const PIN_ATTEMPTS_PER_BUSINESS_MAX = 3;
export const PIN_PAUSE_WINDOW_MS = 60 * 60 * 1000;
/** One counter transaction takes at most this many of one offer. */
export const REDEMPTION_QUANTITY_MAX = 20;
const MINUTE_MS = 60 * 1000;
const MONTHS_PER_YEAR = 12;
/** Businesses see the last digits of a pass, enough to tell passes apart at the counter. */
const PASS_DIGITS_SHOWN_TO_BUSINESS = 4;

export interface RedeemInput {
  passNumber: string;
  offerId: string;
  quantity?: number;
  pin?: string;
}

export interface RedemptionView {
  id: string;
  offerId: string;
  offerTitle: { nl: string; en: string };
  businessId: string;
  /** The volunteer's party; not shown to the business (it knows the pass, not the person). */
  volunteerId: string | null;
  /** In full for the volunteer and the treasury; masked but for the last digits for the business. */
  passNumber: string;
  quantity: number;
  unitPrice: string;
  amount: string;
  unitEuroValue: string;
  euroValue: string;
  status: RedemptionStatus;
  entryId: string;
  reversalEntryId: string | null;
  redeemedAt: string;
  /** Until when the business may void it itself. */
  voidableUntil: string;
  closedAt: string | null;
}

export interface RedemptionReceipt extends RedemptionView {
  /** Fiscal limits at 80 % or more after this redemption: tell the volunteer (who sees the figures in their app). */
  fiscalWarnings: CounterFiscalWarningView[];
}

export interface SponsorshipSummary {
  businessId: string;
  businessName: string | null;
  year: number;
  redemptions: number;
  steerkes: string;
  euroValue: string;
  months: Array<{ month: string; redemptions: number; steerkes: string; euroValue: string }>;
}

export interface RedemptionQuery extends PageQueryDto {
  status?: RedemptionStatus;
  from?: string;
  to?: string;
  businessId?: string;
  volunteerId?: string;
}

type PinVerdict = ({ pinHash: string } & Verdict) | null;

/** What is read before the transaction: the slow PIN check, and the (never changing) ledger accounts. */
interface LookAhead {
  verdict: PinVerdict;
  accounts: {
    volunteerPartyId: string;
    volunteerAccountId: string;
    businessAccountId: string;
  } | null;
}
type RedeemResult =
  { kind: 'redeemed'; receipt: RedemptionReceipt } | { kind: 'pinRefused'; error: DomainError };

interface StoredWarning {
  limit: FiscalMeasure['limit'];
  basis: string;
  limitMinor: string;
  receivedMinor: string;
}

/** The counter's insert as plain SQL (the hot path; TypeORM's insert cost more than the statement). */
const INSERT_REDEMPTION =
  'INSERT INTO redemptions (id, pass_id, volunteer_party_id, business_party_id, offer_id, quantity, ' +
  'unit_price_minor, unit_euro_value_minor, amount_minor, euro_value_minor, status, entry_id, ' +
  'reversal_entry_id, redeemed_at, redeemed_date, redeemed_by, fiscal_warnings, closed_at, closed_by) ' +
  'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';

/** Scopes of the redemption module's keys in the one idempotency table. */
const REDEEM_SCOPE = 'redemption';
const CLOSE_SCOPE = 'redemption-close';

function storedWarnings(measures: FiscalMeasure[]): string | null {
  if (measures.length === 0) return null;
  const stored: StoredWarning[] = measures.map((measure) => ({
    limit: measure.limit,
    basis: measure.basis,
    limitMinor: measure.limitMinor.toString(),
    receivedMinor: measure.receivedMinor.toString(),
  }));
  return JSON.stringify(stored);
}

function warningsOf(redemption: Redemption): CounterFiscalWarningView[] {
  if (!redemption.fiscalWarnings) return [];
  return (JSON.parse(redemption.fiscalWarnings) as StoredWarning[]).map((stored) =>
    counterWarningView({
      limit: stored.limit,
      basis: stored.basis,
      limitMinor: BigInt(stored.limitMinor),
      receivedMinor: BigInt(stored.receivedMinor),
    }),
  );
}

/**
 * Redemptions: a business's operator takes a volunteer's pass for one of the business's offers.
 * Everything is checked inside one transaction with the pass and the offer locked — pass status,
 * PIN, offer, stock, per-pass limits, the pass's daily limit, the fiscal guardrail — and then one
 * REDEEM entry moves the Steerkes from the volunteer to the business, in the same commit as the
 * redemption and the stock. The business may void it within the void window (a ledger reversal);
 * after that only a treasurer reverses it. A voided or reversed redemption no longer counts for
 * stock, limits or the guardrail.
 */
@Injectable()
export class RedemptionsService {
  constructor(
    private readonly database: Database,
    private readonly idempotency: Idempotency,
    private readonly clock: Clock,
    private readonly ledger: LedgerService,
    private readonly passes: PassesService,
    private readonly offers: OffersService,
    private readonly fiscal: FiscalService,
    private readonly settings: PassesSettingsService,
    private readonly parties: PartiesService,
    private readonly hasher: PasswordHasher,
  ) {}

  async redeem(
    actor: AuthenticatedUser,
    input: RedeemInput,
    idempotencyKey: string,
  ): Promise<Replayable<RedemptionReceipt>> {
    const passNumber = requirePassNumber(input.passNumber, 'passNumber');
    const quantity = input.quantity ?? 1;
    const request = { passNumber, offerId: input.offerId, quantity, pin: input.pin };
    const lookAhead = await this.lookAhead(passNumber, actor, input.pin);
    // The PIN is never part of what makes two requests the same: a retry after a wrong PIN may carry the right one.
    const key = {
      scope: REDEEM_SCOPE,
      key: scopedIdempotencyKey(actor.id, idempotencyKey),
      fingerprint: requestFingerprint([passNumber, input.offerId, quantity]),
    };
    const outcome = await this.idempotency.run<RedeemResult>(key, {
      perform: async (tx) => {
        const result = await this.redeemInTransaction(tx, actor, request, lookAhead);
        return {
          result,
          stored: result.kind === 'redeemed' ? { kind: 'redemption', id: result.receipt.id } : null,
        };
      },
      replay: async (stored, tx) => ({
        kind: 'redeemed',
        receipt: await this.receipt(
          tx,
          actor,
          await tx.manager.findOneByOrFail(Redemption, { id: stored.id }),
        ),
      }),
    });
    // A wrong PIN is refused, but the count of wrong PINs (and a block) was committed first.
    if (outcome.result.kind === 'pinRefused') throw outcome.result.error;
    return { result: outcome.result.receipt, replayed: outcome.replayed };
  }

  /** The business undoes its own redemption within the void window: a ledger reversal, stock and limits restored. */
  void(
    actor: AuthenticatedUser,
    redemptionId: string,
    idempotencyKey: string | undefined,
  ): Promise<Replayable<RedemptionView>> {
    return this.closing(actor, redemptionId, idempotencyKey, async (tx) => {
      const redemption = await this.lockRedemption(tx, redemptionId);
      if (redemption.businessPartyId !== actor.partyId)
        throw new NotFoundError('redemption', redemptionId);
      if (redemption.status !== 'completed')
        throw new RedemptionNotCompletedError(redemption.id, redemption.status);
      const { voidWindowMinutes } = await this.settings.passPolicy();
      const voidableUntil = this.voidableUntil(redemption, voidWindowMinutes);
      if (this.clock.now().toISOString() > voidableUntil)
        throw new RedemptionVoidWindowClosedError(redemption.id, voidableUntil, voidWindowMinutes);
      return this.close(tx, actor, redemption, {
        status: 'voided',
        description: `Inwisseling geannuleerd door het bedrijf (${redemption.id})`,
      });
    });
  }

  /** A treasurer's correction of a redemption, at any time: a ledger reversal, stock and limits restored. */
  reverse(
    actor: AuthenticatedUser,
    redemptionId: string,
    description: string | undefined,
    idempotencyKey: string,
  ): Promise<Replayable<RedemptionView>> {
    return this.closing(actor, redemptionId, idempotencyKey, async (tx) => {
      const redemption = await this.lockRedemption(tx, redemptionId);
      if (redemption.status !== 'completed')
        throw new RedemptionNotCompletedError(redemption.id, redemption.status);
      return this.close(tx, actor, redemption, {
        status: 'reversed',
        description: description ?? `Inwisseling teruggeboekt (${redemption.id})`,
      });
    });
  }

  /**
   * A void or reversal, idempotent when a key is given: sent again it answers the first result; the
   * same key on another redemption is a 409. What it names is the redemption alone.
   */
  private closing(
    actor: AuthenticatedUser,
    redemptionId: string,
    idempotencyKey: string | undefined,
    work: (tx: Transaction) => Promise<RedemptionView>,
  ): Promise<Replayable<RedemptionView>> {
    const key =
      idempotencyKey === undefined
        ? undefined
        : {
            scope: CLOSE_SCOPE,
            key: scopedIdempotencyKey(actor.id, idempotencyKey),
            fingerprint: requestFingerprint({ redemptionId }),
          };
    return this.idempotency.run(key, {
      perform: async (tx) => ({
        result: await work(tx),
        stored: { kind: 'redemption', id: redemptionId },
      }),
      replay: async (stored, tx) =>
        (
          await this.views(tx, actor, [
            await tx.manager.findOneByOrFail(Redemption, { id: stored.id }),
          ])
        )[0],
    });
  }

  get(actor: AuthenticatedUser, redemptionId: string): Promise<RedemptionView> {
    return this.database.read(async (tx) => {
      const redemption = await tx.manager.findOneBy(Redemption, { id: redemptionId });
      if (!redemption || !this.maySee(actor, redemption))
        throw new NotFoundError('redemption', redemptionId);
      return (await this.views(tx, actor, [redemption]))[0];
    });
  }

  /** The business's own redemptions, the volunteer's own, or (admin, treasurer) any, oldest first. */
  list(actor: AuthenticatedUser, query: RedemptionQuery): Promise<Page<RedemptionView>> {
    return this.database.read(async (tx) => {
      const builder = tx.manager.createQueryBuilder(Redemption, 'redemption');
      this.scopeToActor(builder, actor, query);
      if (query.status) builder.andWhere('redemption.status = :status', { status: query.status });
      if (query.from) builder.andWhere('redemption.redeemed_date >= :from', { from: query.from });
      if (query.to) builder.andWhere('redemption.redeemed_date <= :to', { to: query.to });
      const { limit } = paginateQuery(builder, {
        sortColumn: 'redemption.redeemed_at',
        idColumn: 'redemption.id',
        page: query,
      });
      const rows = await builder.getMany();
      const views = new Map(
        (await this.views(tx, actor, rows.slice(0, limit))).map((view) => [view.id, view]),
      );
      return pageFrom(
        rows,
        limit,
        (row) => ({ sortValue: row.redeemedAt, id: row.id }),
        (row) => views.get(row.id)!,
      );
    });
  }

  /** A business's sponsorship in a year: the redemptions that stand, in Steerkes and in euro value. */
  async summary(
    actor: AuthenticatedUser,
    query: { year?: number; businessId?: string },
  ): Promise<SponsorshipSummary> {
    const businessId = await this.visibleBusiness(actor, query.businessId);
    const year = query.year ?? Number(localDate(this.clock.now()).slice(0, 4));
    return this.database.read(async (tx) => {
      const rows = await tx.manager
        .createQueryBuilder(Redemption, 'redemption')
        .select('SUBSTR(redemption.redeemed_date, 1, 7)', 'month')
        .addSelect('COUNT(*)', 'redemptions')
        .addSelect('SUM(redemption.amount_minor)', 'steerkes')
        .addSelect('SUM(redemption.euro_value_minor)', 'euro')
        .where('redemption.business_party_id = :businessId', { businessId })
        .andWhere('redemption.status = :status', { status: 'completed' })
        .andWhere('redemption.redeemed_date >= :fromDate AND redemption.redeemed_date <= :toDate', {
          fromDate: `${year}-01-01`,
          toDate: `${year}-12-31`,
        })
        .groupBy('SUBSTR(redemption.redeemed_date, 1, 7)')
        .getRawMany<{ month: string; redemptions: unknown; steerkes: unknown; euro: unknown }>();
      const byMonth = new Map(rows.map((row) => [row.month, row]));
      const months = Array.from({ length: MONTHS_PER_YEAR }, (_, index) => {
        const month = `${year}-${String(index + 1).padStart(2, '0')}`;
        const row = byMonth.get(month);
        return {
          month,
          redemptions: Number(toBigInt(row?.redemptions)),
          steerkesMinor: toBigInt(row?.steerkes),
          euroMinor: toBigInt(row?.euro),
        };
      });
      return {
        businessId,
        businessName: (await this.parties.findById(businessId))?.name ?? null,
        year,
        redemptions: months.reduce((sum, month) => sum + month.redemptions, 0),
        steerkes: formatAmount(months.reduce((sum, month) => sum + month.steerkesMinor, 0n)),
        euroValue: formatAmount(months.reduce((sum, month) => sum + month.euroMinor, 0n)),
        months: months.map((month) => ({
          month: month.month,
          redemptions: month.redemptions,
          steerkes: formatAmount(month.steerkesMinor),
          euroValue: formatAmount(month.euroMinor),
        })),
      };
    });
  }

  // --- redeeming ---------------------------------------------------------------------------------

  private async redeemInTransaction(
    tx: Transaction,
    actor: AuthenticatedUser,
    request: { passNumber: string; offerId: string; quantity: number; pin?: string },
    lookAhead: LookAhead,
  ): Promise<RedeemResult> {
    const today = localDate(this.clock.now());
    const pass = await this.passes.lockByNumber(tx, request.passNumber);
    assertUsable(pass, today);
    const offer = await this.offers.lockForRedemption(tx, request.offerId);
    if (offer.businessPartyId !== actor.partyId) throw new OfferOfAnotherBusinessError(offer.id);
    const reason = inactiveReason(offer, today);
    if (reason) throw new OfferNotActiveError(offer.id, today, reason);
    const pinRefusal = await this.checkPin(tx, pass, actor, request.pin, lookAhead.verdict);
    if (pinRefusal) return { kind: 'pinRefused', error: pinRefusal };

    const amountMinor = offer.priceMinor * BigInt(request.quantity);
    const euroValueMinor = offer.euroValueMinor * BigInt(request.quantity);
    await this.checkLimits(tx, pass, offer, request.quantity, amountMinor, today);
    const warnings = await this.fiscal.assessRedemption(
      pass.volunteerPartyId,
      euroValueMinor,
      today,
      tx,
    );
    // The pass was issued after the look-ahead (a rare race): as if it had not been there yet.
    if (!lookAhead.accounts) throw new PassNotFoundError(pass.number);
    assertInvariant(
      lookAhead.accounts.volunteerPartyId === pass.volunteerPartyId,
      `pass ${pass.id} changed its volunteer`,
    );
    const redemption = await this.book(tx, actor, {
      pass,
      offer,
      quantity: request.quantity,
      amountMinor,
      euroValueMinor,
      today,
      warnings,
      accounts: lookAhead.accounts,
    });
    await this.offers.moveStock(tx, offer, -request.quantity);
    // The offer and the pass are in hand: the receipt needs no second read of them.
    const view = this.viewOf(actor, redemption, {
      offer,
      passNumber: pass.number,
      voidWindowMinutes: (await this.settings.passPolicy()).voidWindowMinutes,
    });
    return { kind: 'redeemed', receipt: { ...view, fiscalWarnings: warningsOf(redemption) } };
  }

  /**
   * Reads ahead of the transaction what need not be inside it. The PIN check (scrypt, slow on
   * purpose) would otherwise hold the transaction up. The ledger accounts of the volunteer and the
   * business never change, and reading them inside the transaction before the ledger takes its
   * lock would leave the ledger a stale copy of their balances on PostgreSQL.
   */
  private async lookAhead(
    passNumber: string,
    actor: AuthenticatedUser,
    pin: string | undefined,
  ): Promise<LookAhead> {
    const pass = await this.passes.findByNumber(passNumber);
    if (!pass) return { verdict: null, accounts: null };
    const accounts = {
      volunteerPartyId: pass.volunteerPartyId,
      // Never named to the business: a volunteer without an account is a pass that cannot be found.
      volunteerAccountId: await this.accountOf(pass.volunteerPartyId, () => {
        throw new PassNotFoundError(passNumber);
      }),
      businessAccountId: await this.accountOf(actor.partyId ?? ''),
    };
    if (pin === undefined || !pass.pinHash) return { verdict: null, accounts };
    return {
      verdict: { pinHash: pass.pinHash, ...(await this.hasher.verifyPin(pin, pass.pinHash)) },
      accounts,
    };
  }

  /**
   * A pass with a PIN needs it. A wrong one counts, for the pass (five in a row block it) and for
   * the business (three within the window pause it on this pass), and refuses the redemption; the
   * counts are written even so, which is why it is answered rather than thrown. A right PIN starts
   * both counts again.
   */
  private async checkPin(
    tx: Transaction,
    pass: Pass,
    actor: AuthenticatedUser,
    pin: string | undefined,
    verdict: PinVerdict,
  ): Promise<DomainError | null> {
    if (pass.pinHash === null) return null;
    const businessPartyId = actor.partyId ?? '';
    await this.assertNotPaused(tx, pass, businessPartyId);
    if (pin === undefined) throw new PinRequiredError();
    // The PIN may have changed since it was checked ahead; then check it again against the locked row.
    const { matches, needsRehash } =
      verdict?.pinHash === pass.pinHash ? verdict : await this.hasher.verifyPin(pin, pass.pinHash);
    if (matches) {
      // A PIN hashed before the pepper (or at other parameters) is hashed anew now it is known.
      const pinHash = needsRehash ? await this.hasher.hashPin(pin) : pass.pinHash;
      if (pass.pinFailures > 0 || needsRehash)
        await tx.manager.update(Pass, { id: pass.id }, { pinFailures: 0, pinHash });
      await tx.manager.delete(PassPinFailure, { passId: pass.id });
      return null;
    }
    await this.recordPinFailure(tx, pass, businessPartyId);
    const failures = pass.pinFailures + 1;
    if (failures < PIN_ATTEMPTS_MAX) {
      await tx.manager.update(Pass, { id: pass.id }, { pinFailures: failures });
      return new PinIncorrectError(PIN_ATTEMPTS_MAX - failures);
    }
    await tx.manager.update(
      Pass,
      { id: pass.id },
      {
        pinFailures: failures,
        status: 'blocked',
        blockedAt: this.clock.now().toISOString(),
        blockedReason: 'pin_attempts',
        blockedBy: null,
      },
    );
    return new PinAttemptsExhaustedError(failures);
  }

  /** One wrong PIN of this business on this pass; those that left the window are dropped (they no longer count). */
  private async recordPinFailure(
    tx: Transaction,
    pass: Pass,
    businessPartyId: string,
  ): Promise<void> {
    const now = this.clock.now().getTime();
    await tx.manager
      .createQueryBuilder()
      .delete()
      .from(PassPinFailure)
      .where('pass_id = :passId AND business_party_id = :businessPartyId', {
        passId: pass.id,
        businessPartyId,
      })
      .andWhere('failed_at <= :since', { since: new Date(now - PIN_PAUSE_WINDOW_MS).toISOString() })
      .execute();
    await tx.manager.insert(PassPinFailure, {
      id: randomUUID(),
      passId: pass.id,
      businessPartyId,
      failedAt: new Date(now).toISOString(),
    });
  }

  /** Refuses a business that entered PIN_ATTEMPTS_PER_BUSINESS_MAX wrong PINs on this pass within the window. */
  private async assertNotPaused(
    tx: Transaction,
    pass: Pass,
    businessPartyId: string,
  ): Promise<void> {
    const now = this.clock.now().getTime();
    const recent = await tx.manager
      .createQueryBuilder(PassPinFailure, 'failure')
      .where('failure.pass_id = :passId AND failure.business_party_id = :businessPartyId', {
        passId: pass.id,
        businessPartyId,
      })
      .andWhere('failure.failed_at > :since', {
        since: new Date(now - PIN_PAUSE_WINDOW_MS).toISOString(),
      })
      .orderBy('failure.failed_at', 'DESC')
      .limit(PIN_ATTEMPTS_PER_BUSINESS_MAX)
      .getMany();
    if (recent.length < PIN_ATTEMPTS_PER_BUSINESS_MAX) return;
    // Paused until the oldest of the last few wrong PINs leaves the window.
    const oldest = Date.parse(recent[recent.length - 1].failedAt);
    throw new PinAttemptsPausedError(
      Math.max(1, Math.ceil((oldest + PIN_PAUSE_WINDOW_MS - now) / MINUTE_MS)),
    );
  }

  /** Stock, the offer's per-pass limit (counted per volunteer, so a new pass does not reset it), the pass's daily limit. */
  private async checkLimits(
    tx: Transaction,
    pass: Pass,
    offer: Offer,
    quantity: number,
    amountMinor: bigint,
    today: string,
  ): Promise<void> {
    if (offer.stockRemaining !== null && offer.stockRemaining < quantity)
      throw new OfferOutOfStockError(offer.id, offer.stockRemaining, quantity);
    if (offer.perPassLimit !== null && offer.perPassPeriod !== null) {
      const taken = await quantityTaken(
        tx,
        offer.id,
        pass.volunteerPartyId,
        periodStart(offer.perPassPeriod, today),
      );
      if (perPassRoom(offer.perPassLimit, taken) < quantity) {
        throw new OfferPerPassLimitReachedError(
          offer.id,
          offer.perPassLimit,
          offer.perPassPeriod,
          taken,
          quantity,
        );
      }
    }
    const { dailyLimitMinor } = await this.settings.passPolicy();
    const spentTodayMinor = await spentOnPass(tx, pass.id, today);
    if (dailyRoomMinor(dailyLimitMinor, spentTodayMinor) < amountMinor)
      throw new PassDailyLimitReachedError(dailyLimitMinor, amountMinor);
  }

  private async book(
    tx: Transaction,
    actor: AuthenticatedUser,
    booking: {
      pass: Pass;
      offer: Offer;
      quantity: number;
      amountMinor: bigint;
      euroValueMinor: bigint;
      today: string;
      warnings: FiscalMeasure[];
      accounts: { volunteerAccountId: string; businessAccountId: string };
    },
  ): Promise<Redemption> {
    const { pass, offer, quantity } = booking;
    const id = randomUUID();
    const { result: entry } = await this.payFromPass(booking, {
      fromAccountId: booking.accounts.volunteerAccountId,
      toAccountId: booking.accounts.businessAccountId,
      amountMinor: booking.amountMinor,
      code: 'REDEEM',
      description: `Voordeelpas: ${quantity}× ${offer.titleNl}`,
      metadata: {
        redemptionId: id,
        offerId: offer.id,
        quantity,
        euroValue: formatAmount(booking.euroValueMinor),
      },
      idempotencyKey: `redemption:${id}:redeem`,
      actorId: actor.id,
      origin: `passes:redemption:${id}`,
    });
    const redemption: Redemption = {
      id,
      passId: pass.id,
      volunteerPartyId: pass.volunteerPartyId,
      businessPartyId: offer.businessPartyId,
      offerId: offer.id,
      quantity,
      unitPriceMinor: offer.priceMinor,
      unitEuroValueMinor: offer.euroValueMinor,
      amountMinor: booking.amountMinor,
      euroValueMinor: booking.euroValueMinor,
      status: 'completed',
      entryId: entry.id,
      reversalEntryId: null,
      redeemedAt: this.clock.now().toISOString(),
      redeemedDate: booking.today,
      redeemedBy: actor.id,
      fiscalWarnings: storedWarnings(booking.warnings),
      closedAt: null,
      closedBy: null,
    };
    await tx.sql.run(INSERT_REDEMPTION, [
      redemption.id,
      redemption.passId,
      redemption.volunteerPartyId,
      redemption.businessPartyId,
      redemption.offerId,
      redemption.quantity,
      redemption.unitPriceMinor,
      redemption.unitEuroValueMinor,
      redemption.amountMinor,
      redemption.euroValueMinor,
      redemption.status,
      redemption.entryId,
      redemption.reversalEntryId,
      redemption.redeemedAt,
      redemption.redeemedDate,
      redemption.redeemedBy,
      redemption.fiscalWarnings,
      redemption.closedAt,
      redemption.closedBy,
    ]);
    await countRedemption(tx, redemption, offer.perPassPeriod, 1n);
    return redemption;
  }

  /**
   * The REDEEM transfer. The ledger's refusals name the volunteer's account and balance; the
   * counter hears only what it can act on (not enough Steerkes, the pass cannot be used), and the
   * volunteer sees the particulars in their own account and pass views.
   */
  private async payFromPass(
    booking: { pass: Pass; amountMinor: bigint; accounts: { volunteerAccountId: string } },
    transfer: Parameters<LedgerService['transfer']>[0],
  ): ReturnType<LedgerService['transfer']> {
    try {
      return await this.ledger.transfer(transfer);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error.code === 'INSUFFICIENT_FUNDS')
        throw new PassBalanceInsufficientError(booking.amountMinor);
      if (
        error.code === 'ACCOUNT_NOT_OPEN' &&
        error.parameters.accountId === booking.accounts.volunteerAccountId
      )
        throw new PassBlockedError(booking.pass.number);
      throw error;
    }
  }

  /** A party's STK account, read outside any transaction (see lookAhead). */
  private async accountOf(partyId: string, missing?: () => never): Promise<string> {
    const [account] = await this.ledger.listAccountsOfParty(partyId);
    if (account) return account.id;
    if (missing) missing();
    throw new NotFoundError('account', partyId);
  }

  // --- voiding and reversing ---------------------------------------------------------------------

  private async close(
    tx: Transaction,
    actor: AuthenticatedUser,
    redemption: Redemption,
    closing: { status: 'voided' | 'reversed'; description: string },
  ): Promise<RedemptionView> {
    // The offer is locked before the ledger, in the order a redemption takes them, so that a void and a redemption never wait on each other.
    const offer = await this.offers.lockForRedemption(tx, redemption.offerId);
    const { result: reversal } = await this.ledger.reverse({
      entryId: redemption.entryId,
      description: closing.description,
      idempotencyKey: `redemption:${redemption.id}:${closing.status === 'voided' ? 'void' : 'reversal'}`,
      actorId: actor.id,
    });
    await this.offers.moveStock(tx, offer, redemption.quantity);
    await countRedemption(tx, redemption, offer.perPassPeriod, -1n);
    const closed: Redemption = {
      ...redemption,
      status: closing.status,
      reversalEntryId: reversal.id,
      closedAt: this.clock.now().toISOString(),
      closedBy: actor.id,
    };
    await tx.manager.update(
      Redemption,
      { id: redemption.id },
      {
        status: closed.status,
        reversalEntryId: closed.reversalEntryId,
        closedAt: closed.closedAt,
        closedBy: closed.closedBy,
      },
    );
    return (await this.views(tx, actor, [closed]))[0];
  }

  private async lockRedemption(tx: Transaction, redemptionId: string): Promise<Redemption> {
    const redemption = await lockById(tx, Redemption, redemptionId);
    if (!redemption) throw new NotFoundError('redemption', redemptionId);
    return redemption;
  }

  // --- who sees what -----------------------------------------------------------------------------

  private maySee(actor: AuthenticatedUser, redemption: Redemption): boolean {
    if (isOverseer(actor.role)) return true;
    if (actor.role === 'business_operator') return redemption.businessPartyId === actor.partyId;
    if (actor.role === 'volunteer') return redemption.volunteerPartyId === actor.partyId;
    return false;
  }

  private scopeToActor(
    builder: SelectQueryBuilder<Redemption>,
    actor: AuthenticatedUser,
    query: RedemptionQuery,
  ): void {
    const ownParty = actor.partyId ?? '';
    if (actor.role === 'business_operator')
      builder.andWhere('redemption.business_party_id = :ownParty', { ownParty });
    else if (actor.role === 'volunteer')
      builder.andWhere('redemption.volunteer_party_id = :ownParty', { ownParty });
    else if (!isOverseer(actor.role)) builder.andWhere('1 = 0');
    if (isOverseer(actor.role) && query.businessId)
      builder.andWhere('redemption.business_party_id = :businessId', {
        businessId: query.businessId,
      });
    if (isOverseer(actor.role) && query.volunteerId)
      builder.andWhere('redemption.volunteer_party_id = :volunteerId', {
        volunteerId: query.volunteerId,
      });
  }

  private async visibleBusiness(
    actor: AuthenticatedUser,
    businessId: string | undefined,
  ): Promise<string> {
    if (!isOverseer(actor.role)) {
      if (businessId !== undefined && businessId !== actor.partyId)
        throw new NotFoundError('party', businessId);
      return actor.partyId ?? '';
    }
    if (businessId === undefined)
      throw new ValidationFailedError([{ field: 'businessId', code: 'isDefined' }]);
    if (!(await this.parties.findById(businessId))) throw new NotFoundError('party', businessId);
    return businessId;
  }

  private async receipt(
    tx: Transaction,
    actor: AuthenticatedUser,
    redemption: Redemption,
  ): Promise<RedemptionReceipt> {
    const [view] = await this.views(tx, actor, [redemption]);
    return { ...view, fiscalWarnings: warningsOf(redemption) };
  }

  /** Views of redemptions as `actor` may see them; offers and passes read once for the whole page. */
  private async views(
    tx: Transaction,
    actor: AuthenticatedUser,
    redemptions: Redemption[],
  ): Promise<RedemptionView[]> {
    const offers = new Map(
      (await this.offers.findByIds(tx, [...new Set(redemptions.map((row) => row.offerId))])).map(
        (offer) => [offer.id, offer],
      ),
    );
    const passes = new Map(
      (await this.passes.findByIds(tx, [...new Set(redemptions.map((row) => row.passId))])).map(
        (pass) => [pass.id, pass],
      ),
    );
    const { voidWindowMinutes } = await this.settings.passPolicy();
    return redemptions.map((redemption) =>
      this.viewOf(actor, redemption, {
        offer: offers.get(redemption.offerId)!,
        passNumber: passes.get(redemption.passId)!.number,
        voidWindowMinutes,
      }),
    );
  }

  private viewOf(
    actor: AuthenticatedUser,
    redemption: Redemption,
    context: { offer: Offer; passNumber: string; voidWindowMinutes: number },
  ): RedemptionView {
    const { offer, passNumber: number } = context;
    const isBusiness = actor.role === 'business_operator';
    return {
      id: redemption.id,
      offerId: redemption.offerId,
      offerTitle: { nl: offer.titleNl, en: offer.titleEn },
      businessId: redemption.businessPartyId,
      volunteerId: isBusiness ? null : redemption.volunteerPartyId,
      passNumber: isBusiness
        ? `${'*'.repeat(number.length - PASS_DIGITS_SHOWN_TO_BUSINESS)}${number.slice(-PASS_DIGITS_SHOWN_TO_BUSINESS)}`
        : number,
      quantity: redemption.quantity,
      unitPrice: formatAmount(redemption.unitPriceMinor),
      amount: formatAmount(redemption.amountMinor),
      unitEuroValue: formatAmount(redemption.unitEuroValueMinor),
      euroValue: formatAmount(redemption.euroValueMinor),
      status: redemption.status,
      entryId: redemption.entryId,
      reversalEntryId: redemption.reversalEntryId,
      redeemedAt: redemption.redeemedAt,
      voidableUntil: this.voidableUntil(redemption, context.voidWindowMinutes),
      closedAt: redemption.closedAt,
    };
  }

  private voidableUntil(redemption: Redemption, voidWindowMinutes: number): string {
    return new Date(
      Date.parse(redemption.redeemedAt) + voidWindowMinutes * MINUTE_MS,
    ).toISOString();
  }
}
