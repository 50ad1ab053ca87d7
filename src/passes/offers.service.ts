import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { SelectQueryBuilder } from 'typeorm';
import { isOverseer } from '../common/roles.js';
import { formatAmount, parseAmount } from '../common/amount.js';
import { localDate } from '../common/calendar.js';
import { Clock } from '../common/clock.js';
import {
  type FieldError,
  NotFoundError,
  ValidationFailedError,
} from '../common/errors/domain-error.js';
import type { AuthenticatedUser } from '../common/http/request-context.js';
import { type Page, type PageQueryDto, pageFrom, paginateQuery } from '../common/pagination.js';
import { Database, type Transaction } from '../database/database.service.js';
import type { District } from '../parties/entities/party.entity.js';
import { PartiesService } from '../parties/parties.service.js';
import { Offer, type OfferStatus } from './entities/offer.entity.js';
import { OfferValueChange } from './entities/offer-value-change.entity.js';
import { OfferEuroValueTooHighError, type OfferInactiveReason } from './passes.errors.js';
import { PassesSettingsService } from './passes-settings.service.js';
import type { PerPassPeriod } from './redemption-limits.js';
import { recountOffer } from './redemption-totals.store.js';
import { forUpdate } from '../database/row-lock.js';

export interface LocalizedText {
  nl: string;
  en: string;
}

export interface OfferInput {
  title: LocalizedText;
  description: LocalizedText;
  price: string;
  euroValue: string;
  validFrom?: string;
  validUntil?: string | null;
  stock?: number | null;
  perPassLimit?: { quantity: number; period: PerPassPeriod } | null;
}

export type OfferChanges = Partial<OfferInput> & { status?: OfferStatus };

export interface OfferView {
  id: string;
  businessId: string;
  businessName: string | null;
  /** Where the business is, so that a volunteer can look for what is near. */
  businessDistrict: District | null;
  title: LocalizedText;
  description: LocalizedText;
  price: string;
  euroValue: string;
  validFrom: string;
  validUntil: string | null;
  stockRemaining: number | null;
  perPassLimit: { quantity: number; period: PerPassPeriod } | null;
  status: OfferStatus;
  /** Redeemable today: active, within its validity, and not sold out. */
  redeemable: boolean;
  createdAt: string;
  updatedAt: string;
}

/** One price and euro value an offer had from `changedAt` on. */
export interface OfferValueChangeView {
  price: string;
  euroValue: string;
  changedBy: string | null;
  changedAt: string;
}

/** Why an offer cannot be redeemed on `today`, or null when it can (stock aside). */
export function inactiveReason(offer: Offer, today: string): OfferInactiveReason | null {
  if (offer.status === 'withdrawn') return 'OFFER_WITHDRAWN';
  if (today < offer.validFrom) return 'OFFER_NOT_STARTED';
  if (offer.validUntil !== null && today > offer.validUntil) return 'OFFER_ENDED';
  return null;
}

/** What an offer's view tells of its business. */
interface BusinessFacts {
  name: string;
  district: District;
}

function offerView(offer: Offer, today: string, business: BusinessFacts | null): OfferView {
  return {
    id: offer.id,
    businessId: offer.businessPartyId,
    businessName: business?.name ?? null,
    businessDistrict: business?.district ?? null,
    title: { nl: offer.titleNl, en: offer.titleEn },
    description: { nl: offer.descriptionNl, en: offer.descriptionEn },
    price: formatAmount(offer.priceMinor),
    euroValue: formatAmount(offer.euroValueMinor),
    validFrom: offer.validFrom,
    validUntil: offer.validUntil,
    stockRemaining: offer.stockRemaining,
    perPassLimit:
      offer.perPassLimit === null || offer.perPassPeriod === null
        ? null
        : { quantity: offer.perPassLimit, period: offer.perPassPeriod },
    status: offer.status,
    redeemable:
      inactiveReason(offer, today) === null &&
      (offer.stockRemaining === null || offer.stockRemaining > 0),
    createdAt: offer.createdAt,
    updatedAt: offer.updatedAt,
  };
}

/**
 * Offers: what businesses give for Steerkes. A business's operators publish and change their own
 * offers; anyone, even without logging in, lists the offers redeemable today.
 */
@Injectable()
export class OffersService {
  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    private readonly parties: PartiesService,
    private readonly settings: PassesSettingsService,
  ) {}

  /** Publishes an offer of the operator's business. A fixed id is for demo data only. */
  create(
    businessPartyId: string,
    actorId: string | null,
    input: OfferInput,
    options: { id?: string } = {},
  ): Promise<OfferView> {
    const today = this.today();
    const validFrom = input.validFrom ?? today;
    const validUntil = input.validUntil ?? null;
    this.assertValidity(validFrom, validUntil, today);
    const now = this.clock.now().toISOString();
    const offer: Offer = {
      id: options.id ?? randomUUID(),
      businessPartyId,
      titleNl: input.title.nl,
      titleEn: input.title.en,
      descriptionNl: input.description.nl,
      descriptionEn: input.description.en,
      priceMinor: parseAmount(input.price, { field: 'price' }),
      euroValueMinor: parseAmount(input.euroValue, { field: 'euroValue' }),
      validFrom,
      validUntil,
      stockRemaining: input.stock ?? null,
      perPassLimit: input.perPassLimit?.quantity ?? null,
      perPassPeriod: input.perPassLimit?.period ?? null,
      status: 'active',
      createdBy: actorId,
      createdAt: now,
      updatedAt: now,
    };
    return this.database.transaction(async (tx) => {
      await this.assertEuroValueWithinRatio(offer);
      await tx.manager.insert(Offer, offer);
      await this.recordValue(tx, offer, actorId);
      return offerView(offer, today, await this.business(businessPartyId));
    });
  }

  /** Changes an offer of the operator's own business; redemptions keep the price and value they had. */
  update(actor: AuthenticatedUser, offerId: string, changes: OfferChanges): Promise<OfferView> {
    if (Object.values(changes).every((value) => value === undefined)) {
      throw new ValidationFailedError([{ field: 'body', code: 'NOTHING_TO_CHANGE' }]);
    }
    return this.database.transaction(async (tx) => {
      const offer = await this.lockForRedemption(tx, offerId);
      if (offer.businessPartyId !== actor.partyId) throw new NotFoundError('offer', offerId);
      const today = this.today();
      const changed: Offer = {
        ...offer,
        ...this.changedColumns(changes),
        updatedAt: this.clock.now().toISOString(),
      };
      if (changes.validFrom !== undefined || changes.validUntil !== undefined)
        this.assertValidity(changed.validFrom, changed.validUntil, today);
      const valueChanged =
        changed.priceMinor !== offer.priceMinor || changed.euroValueMinor !== offer.euroValueMinor;
      // Only a change of price or value meets today's ratio: withdrawing an old offer stays possible.
      if (valueChanged) await this.assertEuroValueWithinRatio(changed);
      await tx.manager.update(Offer, { id: offer.id }, changed);
      // The per-pass totals are kept by the offer's period: a new period counts them anew.
      if (changed.perPassPeriod !== offer.perPassPeriod)
        await recountOffer(tx, offer.id, changed.perPassPeriod);
      if (valueChanged) await this.recordValue(tx, changed, actor.id);
      return offerView(changed, today, await this.business(offer.businessPartyId));
    });
  }

  /**
   * Every price and euro value the offer has had, oldest first: for the treasurer, an admin, or
   * the offer's own business (another business gets 404, as if it did not exist).
   */
  valueHistory(
    actor: AuthenticatedUser,
    offerId: string,
    query: PageQueryDto,
  ): Promise<Page<OfferValueChangeView>> {
    return this.database.read(async (tx) => {
      const offer = await tx.manager.findOneBy(Offer, { id: offerId });
      if (!offer || (!isOverseer(actor.role) && offer.businessPartyId !== actor.partyId))
        throw new NotFoundError('offer', offerId);
      const builder = tx.manager
        .createQueryBuilder(OfferValueChange, 'change')
        .where('change.offer_id = :offerId', { offerId });
      const { limit } = paginateQuery(builder, {
        sortColumn: 'change.changed_at',
        idColumn: 'change.id',
        page: query,
      });
      return pageFrom(
        await builder.getMany(),
        limit,
        (change) => ({ sortValue: change.changedAt, id: change.id }),
        (change) => ({
          price: formatAmount(change.priceMinor),
          euroValue: formatAmount(change.euroValueMinor),
          changedBy: change.changedBy,
          changedAt: change.changedAt,
        }),
      );
    });
  }

  /** Offers redeemable today, for everyone; optionally of one business, or of the businesses of one district. */
  listRedeemable(
    query: PageQueryDto & { businessId?: string; district?: District },
  ): Promise<Page<OfferView>> {
    const today = this.today();
    return this.list(query, async (builder) => {
      builder
        .andWhere('offer.status = :status', { status: 'active' })
        .andWhere('offer.valid_from <= :today', { today })
        .andWhere('(offer.valid_until IS NULL OR offer.valid_until >= :today)', { today })
        .andWhere('(offer.stock_remaining IS NULL OR offer.stock_remaining > 0)');
      if (query.businessId)
        builder.andWhere('offer.business_party_id = :businessId', { businessId: query.businessId });
      if (query.district) {
        // Through the parties' service (not their table): the few businesses of one district.
        const businessIds = await this.parties.idsOf({
          kind: 'business',
          district: query.district,
        });
        if (businessIds.length === 0) builder.andWhere('1 = 0');
        else builder.andWhere('offer.business_party_id IN (:...businessIds)', { businessIds });
      }
    });
  }

  /** Every offer of the operator's business, in any state; admins and treasurers see all (or one business's). */
  listManaged(
    actor: AuthenticatedUser,
    query: PageQueryDto & { businessId?: string; status?: OfferStatus },
  ): Promise<Page<OfferView>> {
    const businessId = isOverseer(actor.role) ? query.businessId : (actor.partyId ?? '');
    return this.list(query, (builder) => {
      if (businessId !== undefined)
        builder.andWhere('offer.business_party_id = :businessId', { businessId });
      if (query.status) builder.andWhere('offer.status = :status', { status: query.status });
    });
  }

  get(offerId: string): Promise<OfferView> {
    return this.database.read(async (tx) => {
      const offer = await tx.manager.findOneBy(Offer, { id: offerId });
      if (!offer) throw new NotFoundError('offer', offerId);
      return offerView(offer, this.today(), await this.business(offer.businessPartyId));
    });
  }

  exists(offerId: string): Promise<boolean> {
    return this.database.read(({ manager }) => manager.existsBy(Offer, { id: offerId }));
  }

  /** The offer, locked for the caller's transaction, so that its stock moves with the redemption. */
  async lockForRedemption(tx: Transaction, offerId: string): Promise<Offer> {
    const offer = await forUpdate(
      tx.manager.createQueryBuilder(Offer, 'offer').where('offer.id = :offerId', { offerId }),
      tx,
    ).getOne();
    if (!offer) throw new NotFoundError('offer', offerId);
    return offer;
  }

  /** Takes `quantity` from the stock (a redemption) or gives it back (a void or reversal): null stock is unlimited. */
  async moveStock(tx: Transaction, offer: Offer, quantity: number): Promise<void> {
    if (offer.stockRemaining === null) return;
    await tx.manager.update(
      Offer,
      { id: offer.id },
      { stockRemaining: offer.stockRemaining + quantity },
    );
  }

  findByIds(tx: Transaction, ids: string[]): Promise<Offer[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return tx.manager
      .createQueryBuilder(Offer, 'offer')
      .where('offer.id IN (:...ids)', { ids })
      .getMany();
  }

  private async list(
    query: PageQueryDto,
    filter: (builder: SelectQueryBuilder<Offer>, tx: Transaction) => void | Promise<void>,
  ): Promise<Page<OfferView>> {
    const today = this.today();
    return this.database.read(async (tx) => {
      const builder = tx.manager.createQueryBuilder(Offer, 'offer');
      await filter(builder, tx);
      const { limit } = paginateQuery(builder, {
        sortColumn: 'offer.created_at',
        idColumn: 'offer.id',
        page: query,
      });
      const offers = await builder.getMany();
      const businesses = new Map<string, BusinessFacts | null>();
      // One lookup per business on the page, not per offer: a page holds few businesses.
      for (const businessId of new Set(offers.map((offer) => offer.businessPartyId)))
        businesses.set(businessId, await this.business(businessId));
      return pageFrom(
        offers,
        limit,
        (offer) => ({ sortValue: offer.createdAt, id: offer.id }),
        (offer) => offerView(offer, today, businesses.get(offer.businessPartyId) ?? null),
      );
    });
  }

  private changedColumns(changes: OfferChanges): Partial<Offer> {
    const columns: Partial<Offer> = {};
    if (changes.title)
      Object.assign(columns, { titleNl: changes.title.nl, titleEn: changes.title.en });
    if (changes.description)
      Object.assign(columns, {
        descriptionNl: changes.description.nl,
        descriptionEn: changes.description.en,
      });
    if (changes.price !== undefined)
      columns.priceMinor = parseAmount(changes.price, { field: 'price' });
    if (changes.euroValue !== undefined)
      columns.euroValueMinor = parseAmount(changes.euroValue, { field: 'euroValue' });
    if (changes.validFrom !== undefined) columns.validFrom = changes.validFrom;
    if (changes.validUntil !== undefined) columns.validUntil = changes.validUntil;
    if (changes.stock !== undefined) columns.stockRemaining = changes.stock;
    if (changes.perPassLimit !== undefined) {
      columns.perPassLimit = changes.perPassLimit?.quantity ?? null;
      columns.perPassPeriod = changes.perPassLimit?.period ?? null;
    }
    if (changes.status !== undefined) columns.status = changes.status;
    return columns;
  }

  /** The fund-wide rule: euro value ≤ ratio × price (the ratio in hundredths, like an amount). */
  private async assertEuroValueWithinRatio(offer: Offer): Promise<void> {
    const ratioMinor = await this.settings.euroValueRatioMaxMinor();
    if (offer.euroValueMinor * 100n > ratioMinor * offer.priceMinor)
      throw new OfferEuroValueTooHighError(offer.priceMinor, ratioMinor);
  }

  private recordValue(tx: Transaction, offer: Offer, actorId: string | null): Promise<unknown> {
    return tx.manager.insert(OfferValueChange, {
      id: randomUUID(),
      offerId: offer.id,
      priceMinor: offer.priceMinor,
      euroValueMinor: offer.euroValueMinor,
      changedBy: actorId,
      changedAt: offer.updatedAt,
    });
  }

  private assertValidity(validFrom: string, validUntil: string | null, today: string): void {
    const problems: FieldError[] = [];
    if (validUntil !== null && validUntil < validFrom)
      problems.push({ field: 'validUntil', code: 'VALID_UNTIL_BEFORE_VALID_FROM' });
    else if (validUntil !== null && validUntil < today)
      problems.push({ field: 'validUntil', code: 'VALID_UNTIL_IN_PAST' });
    if (problems.length > 0) throw new ValidationFailedError(problems);
  }

  private async business(businessPartyId: string): Promise<BusinessFacts | null> {
    const party = await this.parties.findById(businessPartyId);
    return party ? { name: party.name, district: party.district } : null;
  }

  private today(): string {
    return localDate(this.clock.now());
  }
}
