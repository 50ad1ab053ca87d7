import { Injectable } from '@nestjs/common';
import { formatAmount, parseAmount } from '../common/amount.js';
import { Clock } from '../common/clock.js';
import { type FieldError, ValidationFailedError } from '../common/errors/domain-error.js';
import { scopedIdempotencyKey } from '../common/http/idempotency-key.decorator.js';
import type { AuthenticatedUser } from '../common/http/request-context.js';
import type { Transaction } from '../database/database.service.js';
import { Idempotency, type Replayable, requestFingerprint } from '../database/idempotency.js';
import { AuditService } from '../audit/audit.service.js';
import { LedgerService } from '../ledger/ledger.service.js';
import { assertProviderMember, isMemberOf, maySeeBooking } from './catalogue-access.js';
import { toBookingDto, viewStatusOf } from './catalogue-views.js';
import {
  ActionNotForCategoryError,
  BookingEndedError,
  BookingNotFoundError,
  BookingNotStartedError,
  BookingWrongStatusError,
  CatalogueForbiddenError,
} from './catalogue.errors.js';
import {
  type BookingAction,
  type BookingStatus,
  CHECK_OUT_LEAD_HOURS_MAX,
  type ListingCategory,
  NOTE_LENGTH_MAX,
} from './catalogue.types.js';

/** Settled bookings: the provider received something that a refund can pay back. */
const REFUNDABLE_STATUSES: readonly BookingStatus[] = ['completed', 'returned', 'cancelled'];
import { BOOKING_STEP_IDEMPOTENCY_SCOPE, BookingsService, newEvent } from './bookings.service.js';
import type {
  BookingDto,
  CompleteDto,
  ReasonDto,
  RefundDto,
  ReturnDto,
} from './dto/booking.dto.js';
import { BookingEvent } from './entities/booking-event.entity.js';
import { Booking } from './entities/booking.entity.js';
import { Listing } from './entities/listing.entity.js';
import { lockBooking } from './listing-occupancy.js';
import { DAY_MS, HOUR_MS, utcIso } from './local-time.js';
import { cancellationFeeMinor, lateFeeMinor, priceForHoursGivenMinor } from './pricing.js';

/** What one step of a booking works with. */
interface StepContext {
  tx: Transaction;
  actor: AuthenticatedUser;
  booking: Booking;
  listing: Listing;
  nowMs: number;
}

/** Hundredths of an hour per hour, and minutes per hour: hours given are compared in whole numbers. */
const HUNDREDTHS_PER_HOUR = 100;
const MINUTES_PER_HOUR = 60;

/**
 * The life of a booking after it is requested:
 *
 *   requested ─confirm─> confirmed ─check-out─> checked_out (overdue after end + buffer) ─return─> returned
 *       │                    └─complete (rooms, administration)─> completed
 *       ├─decline─> declined        requested / confirmed ─cancel─> cancelled
 *
 * Each step locks the booking, checks who may take it and when, moves the held Steerkes through
 * the ledger in the same transaction (post the price to the provider, keep a fee or part of the
 * deposit, release the rest) and records the step. A step that is refused writes nothing; a
 * step retried with its Idempotency-Key answers as the first time did.
 */
@Injectable()
export class BookingLifecycleService {
  constructor(
    private readonly idempotency: Idempotency,
    private readonly clock: Clock,
    private readonly ledger: LedgerService,
    private readonly bookings: BookingsService,
    private readonly audit: AuditService,
  ) {}

  confirm(
    actor: AuthenticatedUser,
    bookingId: string,
    key: string | undefined,
  ): Promise<Replayable<BookingDto>> {
    return this.step(actor, bookingId, 'confirm', {}, key, async ({ booking, nowMs }) => {
      assertProviderMember(actor, booking.providerPartyId);
      this.assertStatus(booking, ['requested'], 'confirm', nowMs);
      assertNotEnded(booking, nowMs, 'confirm');
      return 'confirmed';
    });
  }

  decline(
    actor: AuthenticatedUser,
    bookingId: string,
    input: ReasonDto,
    key: string | undefined,
  ): Promise<Replayable<BookingDto>> {
    return this.step(actor, bookingId, 'decline', { ...input }, key, async (context) => {
      const { booking, nowMs } = context;
      assertProviderMember(actor, booking.providerPartyId);
      this.assertStatus(booking, ['requested'], 'decline', nowMs);
      await this.releaseHolds(context);
      booking.chargedMinor = 0n;
      booking.resolutionNote = input.reason ?? null;
      return 'declined';
    });
  }

  /**
   * The booker cancels under the agreed terms: free while the booking is only requested or until
   * the free-cancellation moment, after that the fee (a percentage of the price) goes to the
   * provider and the rest is released. A provider that cancels breaks its own promise: free.
   */
  cancel(
    actor: AuthenticatedUser,
    bookingId: string,
    input: ReasonDto,
    key: string | undefined,
  ): Promise<Replayable<BookingDto>> {
    return this.step(actor, bookingId, 'cancel', { ...input }, key, async (context) => {
      const { booking, nowMs } = context;
      const byBooker = isMemberOf(actor, booking.bookerPartyId);
      if (!byBooker && !isMemberOf(actor, booking.providerPartyId))
        throw new CatalogueForbiddenError('not-booker');
      this.assertStatus(booking, ['requested', 'confirmed'], 'cancel', nowMs);
      assertNotEnded(booking, nowMs, 'cancel');
      const freeUntil = Date.parse(booking.startsAt) - booking.freeCancellationHours * HOUR_MS;
      const feeMinor =
        byBooker && booking.status === 'confirmed' && nowMs > freeUntil
          ? cancellationFeeMinor(booking.priceMinor, booking.cancellationFeePercent)
          : 0n;
      if (feeMinor > 0n) {
        await this.postHold(
          context,
          booking.priceHoldId,
          feeMinor,
          'cancellation-fee',
          `Annuleringskosten ${context.listing.titleNl}`,
        );
        await this.voidHold(context, booking.depositHoldId, 'deposit-void');
      } else {
        await this.releaseHolds(context);
      }
      booking.chargedMinor = feeMinor;
      booking.resolutionNote = input.reason ?? null;
      return 'cancelled';
    });
  }

  checkOut(
    actor: AuthenticatedUser,
    bookingId: string,
    key: string | undefined,
  ): Promise<Replayable<BookingDto>> {
    return this.step(
      actor,
      bookingId,
      'check_out',
      {},
      key,
      async ({ booking, listing, nowMs }) => {
        assertProviderMember(actor, booking.providerPartyId);
        assertCategory(listing.category, ['materials'], 'check_out');
        this.assertStatus(booking, ['confirmed'], 'check_out', nowMs);
        const startMs = Date.parse(booking.startsAt);
        if (nowMs < startMs - CHECK_OUT_LEAD_HOURS_MAX * HOUR_MS)
          throw new BookingNotStartedError(booking.id, startMs, 'check_out');
        assertNotEnded(booking, nowMs, 'check_out');
        return 'checked_out';
      },
    );
  }

  /**
   * Materials come back: the price goes to the provider; from the deposit the late fee (per item
   * and started day after the end plus buffer) and what the provider keeps for damage are taken,
   * never more than the deposit; the rest is released.
   */
  markReturned(
    actor: AuthenticatedUser,
    bookingId: string,
    input: ReturnDto,
    key: string | undefined,
  ): Promise<Replayable<BookingDto>> {
    return this.step(actor, bookingId, 'return', { ...input }, key, async (context) => {
      const { booking, listing, nowMs } = context;
      assertProviderMember(actor, booking.providerPartyId);
      assertCategory(listing.category, ['materials'], 'return');
      this.assertStatus(booking, ['checked_out'], 'return', nowMs);
      const damageMinor = damageKeptMinor(booking, input);
      const lateMinor = minimum(
        lateFeeMinor(booking.lateFeePerDayMinor, lateDaysOf(booking, nowMs), booking.quantity),
        booking.depositMinor,
      );
      const keptMinor = minimum(lateMinor + damageMinor, booking.depositMinor);
      await this.postHold(context, booking.priceHoldId, booking.priceMinor, 'capture');
      if (keptMinor > 0n)
        await this.postHold(
          context,
          booking.depositHoldId!,
          keptMinor,
          'deposit-kept',
          `Ingehouden borg ${listing.titleNl}`,
        );
      else await this.voidHold(context, booking.depositHoldId, 'deposit-void');
      booking.chargedMinor = booking.priceMinor;
      booking.lateFeeMinor = lateMinor;
      booking.depositKeptMinor = keptMinor;
      booking.resolutionNote = input.damageNote ?? null;
      return 'returned';
    });
  }

  /** A room's use or an administration service is over: the provider receives the price, for administration the hours given. */
  complete(
    actor: AuthenticatedUser,
    bookingId: string,
    input: CompleteDto,
    key: string | undefined,
  ): Promise<Replayable<BookingDto>> {
    return this.step(actor, bookingId, 'complete', { ...input }, key, async (context) => {
      const { booking, listing, nowMs } = context;
      assertProviderMember(actor, booking.providerPartyId);
      assertCategory(listing.category, ['room', 'administration'], 'complete');
      this.assertStatus(booking, ['confirmed'], 'complete', nowMs);
      const startMs = Date.parse(booking.startsAt);
      if (nowMs < startMs) throw new BookingNotStartedError(booking.id, startMs, 'complete');
      const chargedMinor =
        listing.category === 'administration'
          ? this.chargeForHours(booking, input)
          : booking.priceMinor;
      if (chargedMinor > 0n)
        await this.postHold(context, booking.priceHoldId, chargedMinor, 'capture');
      else await this.voidHold(context, booking.priceHoldId, 'price-void');
      booking.chargedMinor = chargedMinor;
      return 'completed';
    });
  }

  /**
   * The provider, or a treasurer, pays back part or all of what a settled booking brought the
   * provider (the price or the cancellation fee, and deposit kept for lateness or damage), saying why: one entry from the
   * provider to the booker, owned by the booking, so that the booking shows what was refunded.
   * This is the correction of a settled booking; the generic reversal refuses the booking's entries.
   */
  refund(
    actor: AuthenticatedUser,
    bookingId: string,
    input: RefundDto,
    key: string | undefined,
  ): Promise<Replayable<BookingDto>> {
    return this.step(actor, bookingId, 'refund', { ...input }, key, async (context) => {
      const { booking, listing, nowMs } = context;
      if (actor.role !== 'treasurer') assertProviderMember(actor, booking.providerPartyId);
      this.assertStatus(booking, REFUNDABLE_STATUSES, 'refund', nowMs);
      const amountMinor = parseAmount(input.amount, { field: 'amount' });
      const receivedMinor = (booking.chargedMinor ?? 0n) + (booking.depositKeptMinor ?? 0n);
      const refundableMinor = receivedMinor - booking.refundedMinor;
      if (amountMinor > refundableMinor)
        throw new ValidationFailedError([
          {
            field: 'amount',
            code: 'REFUND_ABOVE_RECEIVED',
            parameters: { max: formatAmount(refundableMinor) },
          },
        ]);
      const { result: entry } = await this.ledger.transfer({
        fromAccountId: await this.ledger.accountIdOfParty(booking.providerPartyId),
        toAccountId: await this.ledger.accountIdOfParty(booking.bookerPartyId),
        amountMinor,
        code: listing.category === 'administration' ? 'SERVICE' : 'BOOKING',
        description: `Terugbetaling ${listing.titleNl}`.slice(0, NOTE_LENGTH_MAX),
        metadata: { bookingId: booking.id },
        // The amount refunded so far names the refund: each refund is booked once, however retried.
        idempotencyKey: `booking:${booking.id}:refund:${booking.refundedMinor}`,
        actorId: actor.id,
        origin: `catalogue:booking:${booking.id}`,
      });
      booking.refundedMinor += amountMinor;
      await this.audit.record(actor, {
        action: 'booking.refund',
        subjectType: 'booking',
        subjectId: booking.id,
        details: {
          amount: formatAmount(amountMinor),
          refunded: formatAmount(booking.refundedMinor),
          reason: input.reason,
          entryId: entry.id,
        },
      });
      return booking.status;
    });
  }

  // --- the step -------------------------------------------------------------------------------

  private step(
    actor: AuthenticatedUser,
    bookingId: string,
    action: BookingAction,
    body: Record<string, unknown>,
    key: string | undefined,
    apply: (context: StepContext) => Promise<BookingStatus>,
  ): Promise<Replayable<BookingDto>> {
    const request =
      key === undefined
        ? undefined
        : {
            scope: BOOKING_STEP_IDEMPOTENCY_SCOPE,
            key: scopedIdempotencyKey(actor.id, key),
            fingerprint: requestFingerprint({ bookingId, action, ...body }),
          };
    return this.idempotency.run(request, {
      // The booking is locked before the key is looked up: a retry racing its step waits, then replays it.
      lock: async (tx) => void (await lockBooking(tx, bookingId)),
      perform: async (tx) => {
        const booking = await lockBooking(tx, bookingId);
        if (!booking || !maySeeBooking(actor, booking)) throw new BookingNotFoundError(bookingId);
        const listing = await tx.manager.findOneByOrFail(Listing, { id: booking.listingId });
        const now = this.clock.now();
        booking.status = await apply({ tx, actor, booking, listing, nowMs: now.getTime() });
        booking.updatedAt = now.toISOString();
        await tx.manager.save(booking);
        const sequence = (await tx.manager.countBy(BookingEvent, { bookingId: booking.id })) + 1;
        await tx.manager.insert(
          BookingEvent,
          newEvent({
            bookingId: booking.id,
            sequence,
            action,
            statusAfter: booking.status,
            actorId: actor.id,
            occurredAt: booking.updatedAt,
          }),
        );
        return {
          result: toBookingDto(booking, listing, booking.updatedAt),
          stored: { kind: 'booking', id: booking.id },
        };
      },
      replay: (stored, tx) => this.bookings.currentView(tx, stored.id),
    });
  }

  private assertStatus(
    booking: Booking,
    allowed: readonly BookingStatus[],
    action: BookingAction,
    nowMs: number,
  ): void {
    if (!allowed.includes(booking.status))
      throw new BookingWrongStatusError(booking.id, viewStatusOf(booking, utcIso(nowMs)), action);
  }

  /** Administration is paid for the hours given, at most the hours booked, pro rata of the held price. */
  private chargeForHours(booking: Booking, input: CompleteDto): bigint {
    if (input.hoursGiven === undefined)
      throw new ValidationFailedError([{ field: 'hoursGiven', code: 'isDefined' }]);
    const hundredths = parseAmount(input.hoursGiven, { field: 'hoursGiven', allowZero: true });
    if (
      hundredths * BigInt(MINUTES_PER_HOUR) >
      BigInt(booking.bookedLength * HUNDREDTHS_PER_HOUR)
    ) {
      throw new ValidationFailedError([
        {
          field: 'hoursGiven',
          code: 'HOURS_ABOVE_BOOKED',
          parameters: { max: (booking.bookedLength / MINUTES_PER_HOUR).toFixed(2) },
        },
      ]);
    }
    booking.hoursGivenHundredths = Number(hundredths);
    return priceForHoursGivenMinor(booking.priceMinor, hundredths, booking.bookedLength);
  }

  // --- the ledger -----------------------------------------------------------------------------

  private async postHold(
    context: StepContext,
    holdId: string,
    amountMinor: bigint,
    purpose: string,
    description?: string,
  ): Promise<void> {
    await this.ledger.postHold({
      holdId,
      amountMinor,
      description,
      idempotencyKey: `booking:${context.booking.id}:${purpose}`,
      actorId: context.actor.id,
    });
  }

  /** Releases a hold; one that already expired or was released has nothing left to release. */
  private async voidHold(
    context: StepContext,
    holdId: string | null,
    purpose: string,
  ): Promise<void> {
    if (holdId === null) return;
    const hold = await this.ledger.getHold(holdId);
    if (hold.status === 'expired' || hold.status === 'voided') return;
    await this.ledger.voidHold({
      holdId,
      idempotencyKey: `booking:${context.booking.id}:${purpose}`,
      actorId: context.actor.id,
    });
  }

  private async releaseHolds(context: StepContext): Promise<void> {
    await this.voidHold(context, context.booking.priceHoldId, 'price-void');
    await this.voidHold(context, context.booking.depositHoldId, 'deposit-void');
  }
}

function assertNotEnded(booking: Booking, nowMs: number, action: BookingAction): void {
  const endMs = Date.parse(booking.endsAt);
  if (nowMs >= endMs) throw new BookingEndedError(booking.id, endMs, action);
}

function assertCategory(
  category: ListingCategory,
  allowed: readonly ListingCategory[],
  action: BookingAction,
): void {
  if (!allowed.includes(category)) throw new ActionNotForCategoryError(category, action);
}

/** Started days since the end plus buffer; 0 when returned in time. */
function lateDaysOf(booking: Pick<Booking, 'busyUntil'>, nowMs: number): number {
  const lateMs = nowMs - Date.parse(booking.busyUntil);
  return lateMs > 0 ? Math.ceil(lateMs / DAY_MS) : 0;
}

function damageKeptMinor(booking: Booking, input: ReturnDto): bigint {
  const keptMinor =
    input.depositKept === undefined
      ? 0n
      : parseAmount(input.depositKept, { field: 'depositKept', allowZero: true });
  const problems: FieldError[] = [];
  if (keptMinor > 0n && booking.depositMinor === 0n)
    problems.push({ field: 'depositKept', code: 'NO_DEPOSIT' });
  else if (keptMinor > booking.depositMinor)
    problems.push({
      field: 'depositKept',
      code: 'DEPOSIT_KEPT_ABOVE_DEPOSIT',
      parameters: { max: formatAmount(booking.depositMinor) },
    });
  if (keptMinor > 0n && !input.damageNote)
    problems.push({ field: 'damageNote', code: 'DAMAGE_NOTE_REQUIRED' });
  if (problems.length > 0) throw new ValidationFailedError(problems);
  return keptMinor;
}

function minimum(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}
