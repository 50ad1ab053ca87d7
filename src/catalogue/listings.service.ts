import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { In, LessThan, MoreThan, Not } from 'typeorm';
import { isOverseer } from '../common/roles.js';
import { parseAmount } from '../common/amount.js';
import { Clock } from '../common/clock.js';
import {
  type FieldError,
  NotFoundError,
  ValidationFailedError,
} from '../common/errors/domain-error.js';
import type { AuthenticatedUser } from '../common/http/request-context.js';
import { decodeCursor, encodeCursor, type Page, PAGE_SIZE_DEFAULT } from '../common/pagination.js';
import { Database, type Transaction } from '../database/database.service.js';
import { PartiesService } from '../parties/parties.service.js';
import { fits, peakUsage, segments } from './availability.js';
import { occupiedSpan, usesOpeningHours } from './booking-window.js';
import { actingPartyOf, assertProviderMember, isMemberOf } from './catalogue-access.js';
import { readMoments, readWindow } from './catalogue-input.js';
import { toBlockedPeriodDto, toBookingDto, toListingDto } from './catalogue-views.js';
import {
  BlockedPeriodConflictError,
  BlockedPeriodNotFoundError,
  ListingNotFoundError,
  ListingQuantityConflictError,
} from './catalogue.errors.js';
import {
  LISTING_STATUSES,
  type ListingStatus,
  PRICING_UNITS_OF_CATEGORY,
  SEARCH_SCAN_BATCH,
} from './catalogue.types.js';
import type { CalendarDto } from './dto/booking.dto.js';
import type {
  AvailabilityDto,
  BlockedPeriodDto,
  CreateBlockedPeriodDto,
  CreateListingDto,
  ListingDto,
  ListingQueryDto,
  UpdateListingDto,
} from './dto/listing.dto.js';
import { BlockedPeriod } from './entities/blocked-period.entity.js';
import { Booking } from './entities/booking.entity.js';
import { Listing } from './entities/listing.entity.js';
import { loadOccupancies, lockListing, occupyingBookings } from './listing-occupancy.js';
import { localIso, utcIso } from './local-time.js';
import { liesWithin, openSpans } from './opening-hours.js';

/** The default shortest booking: an hour for hourly listings, one day-part or day otherwise. */
const MIN_LENGTH_DEFAULT_MINUTES = 60;
const FREE_CANCELLATION_HOURS_DEFAULT = 48;
const CANCELLATION_FEE_PERCENT_DEFAULT = 50;
/** The end of time, as far as a stored ISO moment goes. */
const FAR_FUTURE_MS = Date.parse('9999-12-31T00:00:00.000Z');

/**
 * Listings of the shared-services catalogue: providers (organisations, institutions, businesses)
 * offer administration, materials and rooms; everyone logged in searches them and sees their
 * availability; only the provider's members change a listing, block periods and see its calendar.
 */
@Injectable()
export class ListingsService {
  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    private readonly parties: PartiesService,
  ) {}

  /** Creates a listing for the actor's party. A fixed id is for demo data only. */
  create(
    actor: AuthenticatedUser,
    input: CreateListingDto,
    options: { id?: string } = {},
  ): Promise<ListingDto> {
    const providerPartyId = actingPartyOf(actor, 'provider');
    return this.database.transaction(async (tx) => {
      const provider = await this.parties.findById(providerPartyId);
      if (!provider) throw new NotFoundError('party', providerPartyId);
      const nowIso = this.clock.now().toISOString();
      const listing = tx.manager.create(Listing, {
        id: options.id ?? randomUUID(),
        providerPartyId,
        category: input.category,
        pricingUnit: input.pricingUnit,
        district: input.district ?? provider.district,
        quantity: 1,
        bufferMinutes: 0,
        minLength: input.pricingUnit === 'hour' ? MIN_LENGTH_DEFAULT_MINUTES : 1,
        maxLength: null,
        openingHoursJson: null,
        depositMinor: null,
        lateFeePerDayMinor: null,
        capacityPersons: null,
        confirmation: 'provider',
        freeCancellationHours: FREE_CANCELLATION_HOURS_DEFAULT,
        cancellationFeePercent: CANCELLATION_FEE_PERCENT_DEFAULT,
        status: 'active',
        createdAt: nowIso,
        updatedAt: nowIso,
        createdBy: actor.id,
      });
      applyChanges(listing, input);
      assertConsistent(listing);
      await tx.manager.insert(Listing, listing);
      return toListingDto(listing, provider.name);
    });
  }

  update(
    actor: AuthenticatedUser,
    listingId: string,
    input: UpdateListingDto,
  ): Promise<ListingDto> {
    return this.database.transaction(async (tx) => {
      const listing = await lockListing(tx, listingId);
      if (!listing) throw new ListingNotFoundError(listingId);
      assertProviderMember(actor, listing.providerPartyId);
      const quantityBefore = listing.quantity;
      applyChanges(listing, input);
      assertConsistent(listing);
      if (listing.quantity < quantityBefore) await this.assertQuantityStillFits(tx, listing);
      listing.updatedAt = this.clock.now().toISOString();
      await tx.manager.save(Listing, listing);
      return toListingDto(listing, await this.providerName(listing.providerPartyId));
    });
  }

  exists(listingId: string): Promise<boolean> {
    return this.database.read((tx) => tx.manager.existsBy(Listing, { id: listingId }));
  }

  get(listingId: string): Promise<ListingDto> {
    return this.database.read(async (tx) => {
      const listing = await tx.manager.findOneBy(Listing, { id: listingId });
      if (!listing) throw new ListingNotFoundError(listingId);
      return toListingDto(listing, await this.providerName(listing.providerPartyId));
    });
  }

  /**
   * Search by category, district, text and provider; with from/to, only listings free for the
   * whole window (and open, where opening hours apply). Paused listings show only to their provider.
   */
  search(actor: AuthenticatedUser, query: ListingQueryDto): Promise<Page<ListingDto>> {
    const nowMs = this.clock.now().getTime();
    const window =
      query.from !== undefined || query.to !== undefined
        ? this.searchWindow(query, nowMs)
        : undefined;
    return this.database.read(async (tx) => {
      const limit = query.limit ?? PAGE_SIZE_DEFAULT;
      let position = query.cursor ? decodeCursor(query.cursor) : undefined;
      const found: Listing[] = [];
      // A window filter is tested per listing, so rows are scanned in batches until the page is full.
      for (;;) {
        const batch = await this.searchBatch(
          tx,
          actor,
          query,
          position,
          window ? SEARCH_SCAN_BATCH : limit + 1,
        );
        for (const listing of batch) {
          if (!window || (await this.isFreeFor(tx, listing, window, query.quantity ?? 1, nowMs)))
            found.push(listing);
          if (found.length > limit) break;
        }
        const exhausted = batch.length < (window ? SEARCH_SCAN_BATCH : limit + 1);
        if (found.length > limit || exhausted || batch.length === 0) break;
        const last = batch[batch.length - 1];
        position = { sortValue: last.createdAt, id: last.id };
      }
      const page = found.slice(0, limit);
      const names = new Map<string, string>();
      const items: ListingDto[] = [];
      for (const listing of page) {
        if (!names.has(listing.providerPartyId))
          names.set(listing.providerPartyId, await this.providerName(listing.providerPartyId));
        items.push(toListingDto(listing, names.get(listing.providerPartyId)!));
      }
      const last = page[page.length - 1];
      return {
        items,
        nextCursor:
          found.length > limit ? encodeCursor({ sortValue: last.createdAt, id: last.id }) : null,
      };
    });
  }

  /** Free, busy and closed intervals of a listing in a window, with the units that remain free. */
  availability(
    listingId: string,
    from: string | undefined,
    to: string | undefined,
  ): Promise<AvailabilityDto> {
    const nowMs = this.clock.now().getTime();
    const window = readWindow(from, to, nowMs);
    return this.database.read(async (tx) => {
      const listing = await tx.manager.findOneBy(Listing, { id: listingId });
      if (!listing) throw new ListingNotFoundError(listingId);
      const occupancies = await loadOccupancies(tx, listing, window.start, window.end, nowMs);
      const open =
        usesOpeningHours(listing) && listing.openingHours !== null
          ? openSpans(listing.openingHours, window.start, window.end)
          : null;
      return {
        listingId,
        timeZone: 'Europe/Amsterdam',
        from: utcIso(window.start),
        to: utcIso(window.end),
        quantity: listing.quantity,
        bufferMinutes: listing.bufferMinutes,
        intervals: segments(occupancies, listing.quantity, window, open).map((segment) => ({
          startsAt: utcIso(segment.start),
          endsAt: utcIso(segment.end),
          startsAtLocal: localIso(segment.start),
          endsAtLocal: localIso(segment.end),
          status: segment.state,
          remaining: segment.remaining,
        })),
      };
    });
  }

  /** The provider's calendar of a listing: its bookings (with the booker's name) and blocked periods. */
  calendar(
    actor: AuthenticatedUser,
    listingId: string,
    from: string | undefined,
    to: string | undefined,
  ): Promise<CalendarDto> {
    const now = this.clock.now();
    const window = readWindow(from, to, now.getTime());
    return this.database.read(async (tx) => {
      const listing = await tx.manager.findOneBy(Listing, { id: listingId });
      if (!listing) throw new ListingNotFoundError(listingId);
      if (!isOverseer(actor.role)) assertProviderMember(actor, listing.providerPartyId);
      const bookings = await tx.manager.find(Booking, {
        where: {
          listingId,
          startsAt: LessThan(utcIso(window.end)),
          busyUntil: MoreThan(utcIso(window.start)),
          status: Not(In(['declined', 'cancelled'])),
        },
        order: { startsAt: 'ASC', id: 'ASC' },
      });
      const blocked = await tx.manager.find(BlockedPeriod, {
        where: {
          listingId,
          startsAt: LessThan(utcIso(window.end)),
          endsAt: MoreThan(utcIso(window.start)),
        },
        order: { startsAt: 'ASC', id: 'ASC' },
      });
      const names = new Map<string, string>();
      const calendarBookings = [];
      for (const booking of bookings) {
        if (!names.has(booking.bookerPartyId))
          names.set(booking.bookerPartyId, await this.providerName(booking.bookerPartyId));
        calendarBookings.push({
          ...toBookingDto(booking, listing, now.toISOString()),
          bookerName: names.get(booking.bookerPartyId)!,
        });
      }
      return {
        listingId,
        from: utcIso(window.start),
        to: utcIso(window.end),
        bookings: calendarBookings,
        blockedPeriods: blocked.map(toBlockedPeriodDto),
      };
    });
  }

  /** Blocks units for maintenance or own use; refused while bookings would no longer fit. */
  addBlockedPeriod(
    actor: AuthenticatedUser,
    listingId: string,
    input: CreateBlockedPeriodDto,
  ): Promise<BlockedPeriodDto> {
    const { startsAt, endsAt } = readMoments({ startsAt: input.startsAt, endsAt: input.endsAt });
    if (endsAt <= startsAt)
      throw new ValidationFailedError([{ field: 'endsAt', code: 'END_NOT_AFTER_START' }]);
    return this.database.transaction(async (tx) => {
      const listing = await lockListing(tx, listingId);
      if (!listing) throw new ListingNotFoundError(listingId);
      assertProviderMember(actor, listing.providerPartyId);
      if (input.quantity !== undefined && input.quantity > listing.quantity) {
        throw new ValidationFailedError([
          {
            field: 'quantity',
            code: 'BLOCKED_QUANTITY_ABOVE_LISTING',
            parameters: { max: listing.quantity },
          },
        ]);
      }
      const units = input.quantity ?? listing.quantity;
      const nowMs = this.clock.now().getTime();
      const occupancies = await loadOccupancies(tx, listing, startsAt, endsAt, nowMs);
      if (!fits(occupancies, listing.quantity, units, startsAt, endsAt)) {
        const bookings = await occupyingBookings(tx, listing.id, startsAt, endsAt);
        throw new BlockedPeriodConflictError(bookings.length);
      }
      const period = tx.manager.create(BlockedPeriod, {
        id: randomUUID(),
        listingId,
        startsAt: utcIso(startsAt),
        endsAt: utcIso(endsAt),
        quantity: input.quantity ?? null,
        reason: input.reason,
        createdAt: this.clock.now().toISOString(),
        createdBy: actor.id,
      });
      await tx.manager.insert(BlockedPeriod, period);
      return toBlockedPeriodDto(period);
    });
  }

  removeBlockedPeriod(
    actor: AuthenticatedUser,
    listingId: string,
    blockedPeriodId: string,
  ): Promise<void> {
    return this.database.transaction(async (tx) => {
      const listing = await lockListing(tx, listingId);
      if (!listing) throw new ListingNotFoundError(listingId);
      assertProviderMember(actor, listing.providerPartyId);
      const period = await tx.manager.findOneBy(BlockedPeriod, { id: blockedPeriodId, listingId });
      if (!period) throw new BlockedPeriodNotFoundError(blockedPeriodId);
      await tx.manager.delete(BlockedPeriod, { id: period.id });
    });
  }

  // --- helpers ---------------------------------------------------------------------------------

  private searchWindow(query: ListingQueryDto, nowMs: number): { start: number; end: number } {
    if (query.from === undefined || query.to === undefined) {
      throw new ValidationFailedError([
        { field: query.from === undefined ? 'from' : 'to', code: 'FROM_TO_TOGETHER' },
      ]);
    }
    return readWindow(query.from, query.to, nowMs);
  }

  private searchBatch(
    tx: Transaction,
    actor: AuthenticatedUser,
    query: ListingQueryDto,
    position: { sortValue: string | number; id: string } | undefined,
    size: number,
  ): Promise<Listing[]> {
    const builder = tx.manager.createQueryBuilder(Listing, 'listing');
    if (query.category)
      builder.andWhere('listing.category = :category', { category: query.category });
    if (query.district)
      builder.andWhere('listing.district = :district', { district: query.district });
    if (query.providerPartyId)
      builder.andWhere('listing.provider_party_id = :providerPartyId', {
        providerPartyId: query.providerPartyId,
      });
    const statuses: readonly ListingStatus[] = query.status
      ? [query.status]
      : query.providerPartyId && this.mayManage(actor, query.providerPartyId)
        ? LISTING_STATUSES
        : ['active'];
    builder.andWhere('listing.status IN (:...statuses)', { statuses });
    // A paused listing is its provider's business: others find only active ones.
    if (!isOverseer(actor.role))
      builder.andWhere("(listing.status = 'active' OR listing.provider_party_id = :ownParty)", {
        ownParty: actor.partyId ?? '',
      });
    if (query.q && query.q.trim().length > 0) {
      const pattern = `%${query.q
        .trim()
        .toLowerCase()
        .replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
      const columns = ['title_nl', 'title_en', 'description_nl', 'description_en'].map(
        (column) => `LOWER(listing.${column}) LIKE :pattern ESCAPE '\\'`,
      );
      builder.andWhere(`(${columns.join(' OR ')})`, { pattern });
    }
    if (position) {
      builder.andWhere(
        '(listing.created_at > :cursorSortValue OR (listing.created_at = :cursorSortValue AND listing.id > :cursorId))',
        {
          cursorSortValue: position.sortValue,
          cursorId: position.id,
        },
      );
    }
    return builder
      .orderBy('listing.created_at', 'ASC')
      .addOrderBy('listing.id', 'ASC')
      .take(size)
      .getMany();
  }

  private mayManage(actor: AuthenticatedUser, providerPartyId: string): boolean {
    return isOverseer(actor.role) || isMemberOf(actor, providerPartyId);
  }

  private async isFreeFor(
    tx: Transaction,
    listing: Listing,
    window: { start: number; end: number },
    units: number,
    nowMs: number,
  ): Promise<boolean> {
    if (units > listing.quantity) return false;
    if (usesOpeningHours(listing) && listing.openingHours !== null) {
      if (
        !liesWithin(
          openSpans(listing.openingHours, window.start, window.end),
          window.start,
          window.end,
        )
      )
        return false;
    }
    const occupied = occupiedSpan(listing, window.start, window.end);
    const occupancies = await loadOccupancies(tx, listing, occupied.start, occupied.end, nowMs);
    return fits(occupancies, listing.quantity, units, occupied.start, occupied.end);
  }

  /** Fewer units only while every booking and blocked period from now on still fits. */
  private async assertQuantityStillFits(tx: Transaction, listing: Listing): Promise<void> {
    const nowMs = this.clock.now().getTime();
    const occupancies = await loadOccupancies(tx, listing, nowMs, FAR_FUTURE_MS, nowMs);
    const peak = peakUsage(occupancies, nowMs, Number.POSITIVE_INFINITY);
    if (peak > listing.quantity) throw new ListingQuantityConflictError(peak);
  }

  private async providerName(partyId: string): Promise<string> {
    return (await this.parties.findById(partyId))?.name ?? '';
  }
}

/** Copies what the request gives onto the listing; amounts become minor units, null clears. */
function applyChanges(
  listing: Listing,
  input: UpdateListingDto & Partial<Pick<CreateListingDto, 'category' | 'pricingUnit'>>,
): void {
  const plain: Array<keyof UpdateListingDto> = [
    'titleNl',
    'titleEn',
    'descriptionNl',
    'descriptionEn',
    'district',
    'address',
    'quantity',
    'capacityPersons',
    'bufferMinutes',
    'minLength',
    'confirmation',
    'freeCancellationHours',
    'cancellationFeePercent',
    'status',
  ];
  for (const field of plain) {
    if (input[field] !== undefined && input[field] !== null)
      (listing as unknown as Record<string, unknown>)[field] = input[field];
  }
  if (input.capacityPersons === null) listing.capacityPersons = null;
  if (input.maxLength !== undefined) listing.maxLength = input.maxLength;
  if (input.openingHours !== undefined)
    listing.openingHoursJson =
      input.openingHours === null ? null : JSON.stringify(input.openingHours);
  if (input.price !== undefined && input.price !== null)
    listing.priceMinor = parseAmount(input.price, { field: 'price' });
  if (input.deposit !== undefined)
    listing.depositMinor =
      input.deposit === null ? null : parseAmount(input.deposit, { field: 'deposit' });
  if (input.lateFeePerDay !== undefined)
    listing.lateFeePerDayMinor =
      input.lateFeePerDay === null
        ? null
        : parseAmount(input.lateFeePerDay, { field: 'lateFeePerDay' });
}

/** The rules that tie a listing's fields to its category. */
function assertConsistent(listing: Listing): void {
  const problems: FieldError[] = [];
  if (!PRICING_UNITS_OF_CATEGORY[listing.category].includes(listing.pricingUnit))
    problems.push({ field: 'pricingUnit', code: 'PRICING_UNIT_NOT_FOR_CATEGORY' });
  const isMaterials = listing.category === 'materials';
  if (!isMaterials && listing.depositMinor !== null)
    problems.push({ field: 'deposit', code: 'MATERIALS_ONLY' });
  if (!isMaterials && listing.lateFeePerDayMinor !== null)
    problems.push({ field: 'lateFeePerDay', code: 'MATERIALS_ONLY' });
  if (isMaterials && listing.lateFeePerDayMinor !== null && listing.depositMinor === null)
    problems.push({ field: 'lateFeePerDay', code: 'LATE_FEE_NEEDS_DEPOSIT' });
  if (!isMaterials && listing.quantity !== 1)
    problems.push({ field: 'quantity', code: 'MATERIALS_ONLY' });
  if (listing.category !== 'room' && listing.capacityPersons !== null)
    problems.push({ field: 'capacityPersons', code: 'ROOMS_ONLY' });
  if (listing.maxLength !== null && listing.minLength > listing.maxLength)
    problems.push({ field: 'minLength', code: 'MIN_LENGTH_ABOVE_MAX' });
  if (problems.length > 0) throw new ValidationFailedError(problems);
}
