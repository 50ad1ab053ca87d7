import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { isOverseer } from '../common/roles.js';
import { Clock } from '../common/clock.js';
import { type FieldError, ValidationFailedError } from '../common/errors/domain-error.js';
import { scopedIdempotencyKey } from '../common/http/idempotency-key.decorator.js';
import type { AuthenticatedUser } from '../common/http/request-context.js';
import { decodeCursor, encodeCursor, type Page, PAGE_SIZE_DEFAULT } from '../common/pagination.js';
import { Database, type Transaction } from '../database/database.service.js';
import { Idempotency, type Replayable, requestFingerprint } from '../database/idempotency.js';
import { LedgerService } from '../ledger/ledger.service.js';
import { PartiesService } from '../parties/parties.service.js';
import type { EntryCode } from '../ledger/ledger.types.js';
import { fits } from './availability.js';
import { lengthOf, nearestFreeWindow, occupiedSpan, windowProblems } from './booking-window.js';
import { actingPartyOf, maySeeBooking } from './catalogue-access.js';
import { readMoments } from './catalogue-input.js';
import { toBookingDto } from './catalogue-views.js';
import {
  BookingConflictError,
  BookingNotFoundError,
  ListingNotFoundError,
  ListingPausedError,
  OwnListingError,
} from './catalogue.errors.js';
import {
  type BookingStatus,
  HOLD_GRACE_AFTER_END_DAYS,
  SUGGESTION_SEARCH_DAYS_MAX,
} from './catalogue.types.js';
import type {
  BookingDto,
  BookingListItemDto,
  BookingQueryDto,
  CreateBookingDto,
} from './dto/booking.dto.js';
import { BookingEvent } from './entities/booking-event.entity.js';
import { Booking } from './entities/booking.entity.js';
import { Listing } from './entities/listing.entity.js';
import { loadOccupancies, lockListing } from './listing-occupancy.js';
import { DAY_MS, localLabel, utcIso } from './local-time.js';
import { bookingPriceMinor, depositMinor } from './pricing.js';

interface PartyAccounts {
  bookerAccountId: string;
  providerAccountId: string;
}

/** The answer to a booking request: the booking, and whether it replays an earlier request. */
/** Scopes of the catalogue's keys in the one idempotency table: a booking, and a step of its lifecycle. */
const BOOKING_IDEMPOTENCY_SCOPE = 'booking';
export const BOOKING_STEP_IDEMPOTENCY_SCOPE = 'booking-step';

/**
 * Booking a listing. The whole request is one transaction: lock the listing, check the window and
 * the free units, hold the price (and the deposit) on the booker's account through the ledger,
 * write the booking. If any step refuses, nothing is written — no booking without its hold, no
 * hold without its booking.
 */
@Injectable()
export class BookingsService {
  constructor(
    private readonly database: Database,
    private readonly idempotency: Idempotency,
    private readonly clock: Clock,
    private readonly ledger: LedgerService,
    private readonly parties: PartiesService,
  ) {}

  async create(
    actor: AuthenticatedUser,
    input: CreateBookingDto,
    idempotencyKey: string,
  ): Promise<Replayable<BookingDto>> {
    const bookerPartyId = actingPartyOf(actor, 'booker');
    const request = {
      scope: BOOKING_IDEMPOTENCY_SCOPE,
      key: scopedIdempotencyKey(actor.id, idempotencyKey),
      fingerprint: requestFingerprint({ ...input }),
    };
    const accounts = await this.accountsOf(bookerPartyId, input.listingId);
    return this.idempotency.run(request, {
      // The listing is locked before the key is looked up: a retry racing its booking waits, then replays it.
      lock: async (tx) => void (await lockListing(tx, input.listingId)),
      perform: async (tx) => {
        const listing = await lockListing(tx, input.listingId);
        if (!listing) throw new ListingNotFoundError(input.listingId);
        const booking = await this.book(tx, actor, bookerPartyId, listing, input, accounts);
        return { result: booking, stored: { kind: 'booking', id: booking.id } };
      },
      replay: (stored, tx) => this.currentView(tx, stored.id),
    });
  }

  /** A booking as it stands now (a replay answers the booking, not a snapshot). */
  async currentView(tx: Transaction, bookingId: string): Promise<BookingDto> {
    const booking = await tx.manager.findOneByOrFail(Booking, { id: bookingId });
    const listing = await tx.manager.findOneByOrFail(Listing, { id: booking.listingId });
    return toBookingDto(booking, listing, this.clock.now().toISOString());
  }

  async get(actor: AuthenticatedUser, bookingId: string): Promise<BookingDto> {
    return this.database.read(async (tx) => {
      const booking = await tx.manager.findOneBy(Booking, { id: bookingId });
      if (!booking || !maySeeBooking(actor, booking)) throw new BookingNotFoundError(bookingId);
      const listing = await tx.manager.findOneByOrFail(Listing, { id: booking.listingId });
      const events = await tx.manager.find(BookingEvent, {
        where: { bookingId },
        order: { sequence: 'ASC' },
      });
      return toBookingDto(booking, listing, this.clock.now().toISOString(), events);
    });
  }

  /** The caller's bookings, as booker or as provider (or both), by start; admins and treasurers see all. */
  list(actor: AuthenticatedUser, query: BookingQueryDto): Promise<Page<BookingListItemDto>> {
    const nowIso = this.clock.now().toISOString();
    return this.database.read(async (tx) => {
      const limit = query.limit ?? PAGE_SIZE_DEFAULT;
      const builder = tx.manager.createQueryBuilder(Booking, 'booking');
      if (!isOverseer(actor.role)) {
        const own = actor.partyId ?? '';
        if (query.as === 'booker') builder.andWhere('booking.booker_party_id = :own', { own });
        else if (query.as === 'provider')
          builder.andWhere('booking.provider_party_id = :own', { own });
        else
          builder.andWhere('(booking.booker_party_id = :own OR booking.provider_party_id = :own)', {
            own,
          });
      }
      if (query.listingId)
        builder.andWhere('booking.listing_id = :listingId', { listingId: query.listingId });
      if (query.status === 'overdue')
        builder.andWhere("booking.status = 'checked_out' AND booking.busy_until <= :now", {
          now: nowIso,
        });
      else if (query.status === 'checked_out')
        builder.andWhere("booking.status = 'checked_out' AND booking.busy_until > :now", {
          now: nowIso,
        });
      else if (query.status) builder.andWhere('booking.status = :status', { status: query.status });
      if (query.cursor) {
        const position = decodeCursor(query.cursor);
        builder.andWhere(
          '(booking.starts_at > :cursorStart OR (booking.starts_at = :cursorStart AND booking.id > :cursorId))',
          {
            cursorStart: position.sortValue,
            cursorId: position.id,
          },
        );
      }
      const rows = await builder
        .orderBy('booking.starts_at', 'ASC')
        .addOrderBy('booking.id', 'ASC')
        .take(limit + 1)
        .getMany();
      const page = rows.slice(0, limit);
      const listings = await this.listingsById(
        tx,
        page.map((booking) => booking.listingId),
      );
      const names = await this.partyNames(
        page.flatMap((booking) => [booking.bookerPartyId, booking.providerPartyId]),
      );
      const last = page[page.length - 1];
      return {
        items: page.map((booking) => ({
          ...toBookingDto(booking, listings.get(booking.listingId)!, nowIso),
          bookerName: names.get(booking.bookerPartyId) ?? '',
          providerName: names.get(booking.providerPartyId) ?? '',
        })),
        nextCursor:
          rows.length > limit ? encodeCursor({ sortValue: last.startsAt, id: last.id }) : null,
      };
    });
  }

  /** The names of these parties (each looked up once), for the list's two sides. */
  private async partyNames(partyIds: string[]): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    for (const partyId of new Set(partyIds))
      names.set(partyId, (await this.parties.findById(partyId))?.name ?? '');
    return names;
  }

  // --- booking --------------------------------------------------------------------------------

  private async book(
    tx: Transaction,
    actor: AuthenticatedUser,
    bookerPartyId: string,
    listing: Listing,
    input: CreateBookingDto,
    accounts: PartyAccounts,
  ): Promise<BookingDto> {
    if (listing.providerPartyId === bookerPartyId) throw new OwnListingError();
    if (listing.status !== 'active') throw new ListingPausedError(listing.id);
    const now = this.clock.now();
    const { startsAt: start, endsAt: end } = readMoments({
      startsAt: input.startsAt,
      endsAt: input.endsAt,
    });
    const quantity = input.quantity ?? 1;
    assertBookable(listing, start, end, now.getTime(), quantity, input.persons);
    await this.assertFree(tx, listing, start, end, quantity, now.getTime());

    const length = lengthOf(listing, start, end)!;
    const priceMinor = bookingPriceMinor(listing.pricingUnit, listing.priceMinor, length, quantity);
    const bookingDepositMinor = depositMinor(listing.depositMinor, quantity);
    const id = randomUUID();
    const holdsExpireAt = utcIso(end + HOLD_GRACE_AFTER_END_DAYS * DAY_MS);
    const holds = await this.placeHolds({
      id,
      actor,
      accounts,
      listing,
      priceMinor,
      depositMinor: bookingDepositMinor,
      start,
      holdsExpireAt,
    });
    const nowIso = now.toISOString();
    const status: BookingStatus = listing.confirmation === 'auto' ? 'confirmed' : 'requested';
    const booking = tx.manager.create(Booking, {
      id,
      listingId: listing.id,
      bookerPartyId,
      providerPartyId: listing.providerPartyId,
      startsAt: utcIso(start),
      endsAt: utcIso(end),
      busyUntil: utcIso(occupiedSpan(listing, start, end).end),
      quantity,
      persons: input.persons ?? null,
      bookedLength: length,
      status,
      priceMinor,
      depositMinor: bookingDepositMinor,
      priceHoldId: holds.priceHoldId,
      depositHoldId: holds.depositHoldId,
      freeCancellationHours: listing.freeCancellationHours,
      cancellationFeePercent: listing.cancellationFeePercent,
      lateFeePerDayMinor: listing.lateFeePerDayMinor,
      holdsExpireAt,
      chargedMinor: null,
      depositKeptMinor: null,
      lateFeeMinor: null,
      refundedMinor: 0n,
      hoursGivenHundredths: null,
      note: input.note ?? null,
      resolutionNote: null,
      createdBy: actor.id,
      createdAt: nowIso,
      updatedAt: nowIso,
    });
    await tx.manager.insert(Booking, booking);
    const events = [
      newEvent({
        bookingId: id,
        sequence: 1,
        action: 'request',
        statusAfter: 'requested',
        actorId: actor.id,
        occurredAt: nowIso,
      }),
    ];
    // Auto-confirmation is the listing's decision, not a user's: the step has no actor.
    if (status === 'confirmed')
      events.push(
        newEvent({
          bookingId: id,
          sequence: 2,
          action: 'confirm',
          statusAfter: 'confirmed',
          actorId: null,
          occurredAt: nowIso,
        }),
      );
    await tx.manager.insert(BookingEvent, events);
    return toBookingDto(booking, listing, nowIso, events);
  }

  /** Refuses a taken window with the nearest free one of the same shape. */
  private async assertFree(
    tx: Transaction,
    listing: Listing,
    start: number,
    end: number,
    quantity: number,
    nowMs: number,
  ): Promise<void> {
    const occupied = occupiedSpan(listing, start, end);
    const occupancies = await loadOccupancies(tx, listing, occupied.start, occupied.end, nowMs);
    if (fits(occupancies, listing.quantity, quantity, occupied.start, occupied.end)) return;
    const horizon = (SUGGESTION_SEARCH_DAYS_MAX + 1) * DAY_MS;
    const around = await loadOccupancies(
      tx,
      listing,
      start - horizon,
      occupied.end + horizon,
      nowMs,
    );
    const suggestion = nearestFreeWindow(listing, around, quantity, start, end, nowMs);
    throw new BookingConflictError({ quantity, startMs: start, endMs: end, suggestion });
  }

  /**
   * The price (and the deposit) held on the booker's account for the provider. Keys derive from
   * the booking, so each hold exists once. The holds expire 60 days after the booking's end: a
   * provider who never settles does not keep the booker's Steerkes reserved for ever.
   */
  private async placeHolds(booking: {
    id: string;
    actor: AuthenticatedUser;
    accounts: PartyAccounts;
    listing: Listing;
    priceMinor: bigint;
    depositMinor: bigint;
    start: number;
    holdsExpireAt: string;
  }): Promise<{ priceHoldId: string; depositHoldId: string | null }> {
    const { listing } = booking;
    const code: EntryCode = listing.category === 'administration' ? 'SERVICE' : 'BOOKING';
    const common = {
      fromAccountId: booking.accounts.bookerAccountId,
      toAccountId: booking.accounts.providerAccountId,
      metadata: { bookingId: booking.id, listingId: listing.id },
      expiresAt: booking.holdsExpireAt,
      actorId: booking.actor.id,
      origin: `catalogue:booking:${booking.id}` as const,
    };
    const label = `${listing.titleNl} ${localLabel(booking.start)}`.slice(0, 400);
    const price = await this.ledger.hold({
      ...common,
      amountMinor: booking.priceMinor,
      code,
      description: `Boeking ${label}`,
      idempotencyKey: `booking:${booking.id}:price`,
    });
    if (booking.depositMinor === 0n) return { priceHoldId: price.result.id, depositHoldId: null };
    const deposit = await this.ledger.hold({
      ...common,
      amountMinor: booking.depositMinor,
      code: 'BOOKING',
      description: `Borg ${label}`,
      idempotencyKey: `booking:${booking.id}:deposit`,
    });
    return { priceHoldId: price.result.id, depositHoldId: deposit.result.id };
  }

  /**
   * The STK accounts of booker and provider, read before the booking's transaction: their ids
   * never change, and reading them early keeps the transaction short.
   */
  private async accountsOf(bookerPartyId: string, listingId: string): Promise<PartyAccounts> {
    const providerPartyId = await this.database.read(
      async (tx) =>
        (
          await tx.manager.findOne(Listing, {
            where: { id: listingId },
            select: { id: true, providerPartyId: true },
          })
        )?.providerPartyId,
    );
    if (providerPartyId === undefined) throw new ListingNotFoundError(listingId);
    return {
      bookerAccountId: await this.ledger.accountIdOfParty(bookerPartyId),
      providerAccountId: await this.ledger.accountIdOfParty(providerPartyId),
    };
  }

  private async listingsById(tx: Transaction, ids: string[]): Promise<Map<string, Listing>> {
    const unique = [...new Set(ids)];
    const listings =
      unique.length === 0 ? [] : await tx.manager.find(Listing, { where: { id: In(unique) } });
    return new Map(listings.map((listing) => [listing.id, listing]));
  }
}

export function newEvent(
  step: Pick<
    BookingEvent,
    'bookingId' | 'sequence' | 'action' | 'statusAfter' | 'actorId' | 'occurredAt'
  >,
): BookingEvent {
  return Object.assign(new BookingEvent(), { id: randomUUID(), ...step });
}

/** The window, quantity and persons against the listing's rules; every problem at once. */
function assertBookable(
  listing: Listing,
  start: number,
  end: number,
  nowMs: number,
  quantity: number,
  persons: number | undefined,
): void {
  const problems: FieldError[] = windowProblems(listing, start, end, nowMs);
  if (listing.category !== 'materials' && quantity !== 1)
    problems.push({ field: 'quantity', code: 'QUANTITY_NOT_ONE' });
  else if (quantity > listing.quantity)
    problems.push({
      field: 'quantity',
      code: 'QUANTITY_ABOVE_LISTING',
      parameters: { max: listing.quantity },
    });
  if (persons !== undefined && listing.category !== 'room')
    problems.push({ field: 'persons', code: 'PERSONS_ROOMS_ONLY' });
  else if (
    persons !== undefined &&
    listing.capacityPersons !== null &&
    persons > listing.capacityPersons
  ) {
    problems.push({
      field: 'persons',
      code: 'PERSONS_ABOVE_CAPACITY',
      parameters: { max: listing.capacityPersons },
    });
  }
  if (problems.length > 0) throw new ValidationFailedError(problems);
}
