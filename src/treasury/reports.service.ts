import { Injectable } from '@nestjs/common';
import { formatAmount } from '../common/amount.js';
import { Clock } from '../common/clock.js';
import { ForbiddenError } from '../common/errors/domain-error.js';
import type { AuthenticatedUser } from '../common/http/request-context.js';
import { isOverseer } from '../common/roles.js';
import { ExchangeFigures } from '../catalogue/exchange-figures.service.js';
import { LedgerQueries } from '../ledger/ledger-queries.service.js';
import type { PartyDto } from '../parties/dto/party.dto.js';
import { DISTRICTS, type District } from '../parties/entities/party.entity.js';
import { PartiesService } from '../parties/parties.service.js';
import { SponsorshipFigures } from '../passes/sponsorship-figures.service.js';
import { VolunteeringFigures } from '../volunteering/volunteering-figures.service.js';

/** A figure about fewer volunteers than this is not published: it could point at a person (AVG). */
export const VOLUNTEERS_PUBLISHED_MIN = 5;
/** How long the public transparency report may be behind the ledger: it is served from a cache. */
export const TRANSPARENCY_CACHE_TTL_MS = 5 * 60 * 1000;
const MINUTES_PER_HOUR = 60;

/** Codes by which an organisation pays for hours, and earns or pays for shared services. */
const SERVICE_CODES = new Set(['BOOKING', 'SERVICE']);

export interface SponsorshipLine {
  businessId: string;
  name: string;
  district: District;
  redemptions: number;
  steerkes: string;
  euroValue: string;
}

export interface ImpactLine {
  hoursRewarded: string;
  volunteers: number;
  steerkesForHours: string;
  steerkesEarnedWithServices: string;
  steerkesSpentOnServices: string;
  servicesGiven: number;
  servicesUsed: number;
}

interface DistrictSponsorship {
  steerkesMinor: bigint;
  euroValueMinor: bigint;
  redemptions: number;
  volunteers: Set<string>;
}

/** The public transparency report of a year (GET /public/transparency). */
export interface TransparencyReport {
  year: number;
  volunteersPublishedMin: number;
  organisations: Array<{
    name: string;
    district: District;
    budgetIssued: string;
    hoursRewarded: string | null;
    volunteers: number | null;
    volunteerFiguresSuppressed: boolean;
    servicesGiven: number;
    servicesUsed: number;
  }>;
  districts: Array<{
    district: District;
    budgetIssued: string;
    hoursRewarded: string | null;
    volunteers: number | null;
    volunteerFiguresSuppressed: boolean;
    servicesExchanged: number;
    sponsorshipAccepted: { steerkes: string; euroValue: string; redemptions: number } | null;
    sponsorshipSuppressed: boolean;
  }>;
}

interface Counters {
  minutes: number;
  volunteers: Set<string>;
  hoursMinor: bigint;
  earnedMinor: bigint;
  spentMinor: bigint;
  issuedMinor: bigint;
  given: number;
  used: number;
}

const emptyCounters = (): Counters => ({
  minutes: 0,
  volunteers: new Set(),
  hoursMinor: 0n,
  earnedMinor: 0n,
  spentMinor: 0n,
  issuedMinor: 0n,
  given: 0,
  used: 0,
});

const hoursText = (minutes: number) => (minutes / MINUTES_PER_HOUR).toFixed(2);

/**
 * "Tellen en vertellen": what the fund, the businesses and the organisations did with Steerkes.
 * Reads the figures of the ledger and the domain modules and aggregates them; no report carries
 * a volunteer's name, email or pass number, and the public one leaves out every figure that is
 * about fewer than five volunteers.
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly ledgerQueries: LedgerQueries,
    private readonly parties: PartiesService,
    private readonly volunteering: VolunteeringFigures,
    private readonly sponsorship: SponsorshipFigures,
    private readonly exchanges: ExchangeFigures,
    private readonly clock: Clock,
  ) {}

  /** The transparency report per year, with when it must be computed again. */
  private readonly transparencyCache = new Map<
    number,
    { report: TransparencyReport; expiresAt: number }
  >();

  /** Per business and year: Steerkes accepted, euro value given, redemptions (for an MVO statement). */
  async sponsorshipReport(
    actor: AuthenticatedUser,
    year: number,
  ): Promise<{ year: number; businesses: SponsorshipLine[] }> {
    if (!isOverseer(actor.role) && actor.role !== 'business_operator')
      throw new ForbiddenError('ROLE_REQUIRED');
    const parties = await this.partiesById();
    const figures = await this.sponsorship.byBusiness(`${year}-01-01`, `${year}-12-31`);
    const businesses = figures
      .filter((figure) => isOverseer(actor.role) || figure.businessId === actor.partyId)
      .map((figure) => ({
        businessId: figure.businessId,
        name: parties.get(figure.businessId)?.name ?? figure.businessId,
        district: parties.get(figure.businessId)?.district ?? 'city-wide',
        redemptions: figure.redemptions,
        steerkes: formatAmount(figure.steerkesMinor),
        euroValue: formatAmount(figure.euroValueMinor),
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
    return { year, businesses };
  }

  /** Per organisation and per district, between two dates: hours, volunteers, Steerkes, services. */
  async impactReport(actor: AuthenticatedUser, fromDate: string, toDate: string) {
    if (!isOverseer(actor.role) && actor.role !== 'org_manager')
      throw new ForbiddenError('ROLE_REQUIRED');
    const { organisations, districts } = await this.tally(fromDate, toDate);
    const parties = await this.partiesById();
    const organisationLines = [...organisations.entries()]
      .filter(([organisationId]) => isOverseer(actor.role) || organisationId === actor.partyId)
      .map(([organisationId, counters]) => ({
        organisationId,
        name: parties.get(organisationId)?.name ?? organisationId,
        district: parties.get(organisationId)?.district ?? 'city-wide',
        ...impactLine(counters),
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
    const districtLines = isOverseer(actor.role)
      ? DISTRICTS.map((district) => ({
          district,
          ...impactLine(districts.get(district) ?? emptyCounters()),
        }))
      : [];
    return {
      from: fromDate,
      to: toDate,
      organisations: organisationLines,
      districts: districtLines,
    };
  }

  /**
   * The public account of a year: aggregates only, small groups of volunteers suppressed, and
   * complementary cells suppressed too (see suppressComplementary). Cached per year for
   * TRANSPARENCY_CACHE_TTL_MS on the injected clock: a public, unauthenticated report may be that
   * much behind the ledger, and is not recomputed for every visitor.
   */
  async transparency(year: number): Promise<TransparencyReport> {
    const now = this.clock.now().getTime();
    const cached = this.transparencyCache.get(year);
    if (cached && now < cached.expiresAt) return cached.report;
    const report = await this.computeTransparency(year);
    this.transparencyCache.set(year, { report, expiresAt: now + TRANSPARENCY_CACHE_TTL_MS });
    return report;
  }

  private async computeTransparency(year: number): Promise<TransparencyReport> {
    const fromDate = `${year}-01-01`;
    const toDate = `${year}-12-31`;
    const { organisations, districts } = await this.tally(fromDate, toDate);
    const parties = await this.partiesById();
    const sponsorshipByDistrict = await this.sponsorshipByDistrict(parties, fromDate, toDate);
    const organisationLines = [...organisations.entries()]
      .map(([organisationId, counters]) => ({ party: parties.get(organisationId)!, counters }))
      .sort((a, b) => a.party.name.localeCompare(b.party.name));
    const suppressed = suppressComplementary(
      DISTRICTS.map((district) => ({
        total: { id: district, counters: districts.get(district) ?? emptyCounters() },
        parts: organisationLines
          .filter((line) => line.party.district === district)
          .map((line) => ({ id: line.party.id, counters: line.counters })),
      })),
    );
    return {
      year,
      volunteersPublishedMin: VOLUNTEERS_PUBLISHED_MIN,
      organisations: organisationLines.map(({ party, counters }) => ({
        name: party.name,
        district: party.district,
        budgetIssued: formatAmount(counters.issuedMinor),
        ...publicVolunteerFigures(counters, suppressed.has(party.id)),
        servicesGiven: counters.given,
        servicesUsed: counters.used,
      })),
      districts: DISTRICTS.map((district) => {
        const counters = districts.get(district) ?? emptyCounters();
        const accepted = sponsorshipByDistrict.get(district);
        // Sponsorship is about the volunteers who redeemed: published only for enough of them.
        const sponsorshipPublished =
          accepted !== undefined && accepted.volunteers.size >= VOLUNTEERS_PUBLISHED_MIN;
        return {
          district,
          budgetIssued: formatAmount(counters.issuedMinor),
          ...publicVolunteerFigures(counters, suppressed.has(district)),
          servicesExchanged: counters.given,
          sponsorshipAccepted: sponsorshipPublished
            ? {
                steerkes: formatAmount(accepted.steerkesMinor),
                euroValue: formatAmount(accepted.euroValueMinor),
                redemptions: accepted.redemptions,
              }
            : null,
          sponsorshipSuppressed: accepted !== undefined && !sponsorshipPublished,
        };
      }),
    };
  }

  /** Sponsorship per district of the businesses, each volunteer counted once per district. */
  private async sponsorshipByDistrict(
    parties: Map<string, PartyDto>,
    fromDate: string,
    toDate: string,
  ): Promise<Map<string, DistrictSponsorship>> {
    const byDistrict = new Map<string, DistrictSponsorship>();
    const districtOf = (businessId: string) => parties.get(businessId)?.district ?? 'city-wide';
    const sumOf = (district: string) => {
      if (!byDistrict.has(district))
        byDistrict.set(district, {
          steerkesMinor: 0n,
          euroValueMinor: 0n,
          redemptions: 0,
          volunteers: new Set(),
        });
      return byDistrict.get(district)!;
    };
    for (const figure of await this.sponsorship.byBusiness(fromDate, toDate)) {
      const sum = sumOf(districtOf(figure.businessId));
      sum.steerkesMinor += figure.steerkesMinor;
      sum.euroValueMinor += figure.euroValueMinor;
      sum.redemptions += figure.redemptions;
    }
    for (const redeemer of await this.sponsorship.redeemersByBusiness(fromDate, toDate))
      sumOf(districtOf(redeemer.businessId)).volunteers.add(redeemer.volunteerId);
    return byDistrict;
  }

  /** Hours, volunteers, Steerkes and services per organisation and per district. */
  private async tally(
    fromDate: string,
    toDate: string,
  ): Promise<{ organisations: Map<string, Counters>; districts: Map<string, Counters> }> {
    const parties = await this.partiesById();
    const organisations = new Map<string, Counters>();
    const districts = new Map<string, Counters>();
    const countersOf = (partyId: string): Counters[] | undefined => {
      const party = parties.get(partyId);
      if (!party || (party.kind !== 'organisation' && party.kind !== 'institution'))
        return undefined;
      if (!organisations.has(partyId)) organisations.set(partyId, emptyCounters());
      if (!districts.has(party.district)) districts.set(party.district, emptyCounters());
      return [organisations.get(partyId)!, districts.get(party.district)!];
    };
    for (const figure of await this.volunteering.approvedHours(fromDate, toDate)) {
      for (const counters of countersOf(figure.organisationId) ?? []) {
        counters.minutes += figure.minutes;
        counters.volunteers.add(figure.volunteerId);
      }
    }
    for (const movement of await this.ledgerQueries.movementsByAccount(fromDate, toDate)) {
      for (const counters of (movement.partyId && countersOf(movement.partyId)) || []) {
        if (movement.code === 'HOURS') counters.hoursMinor += movement.outMinor;
        if (movement.code === 'ISSUE') counters.issuedMinor += movement.inMinor;
        if (SERVICE_CODES.has(movement.code)) {
          counters.earnedMinor += movement.inMinor;
          counters.spentMinor += movement.outMinor;
        }
      }
    }
    for (const exchange of await this.exchanges.carriedOut(
      `${fromDate}T00:00:00.000Z`,
      `${toDate}T23:59:59.999Z`,
    )) {
      for (const counters of countersOf(exchange.providerId) ?? [])
        counters.given += exchange.bookings;
      for (const counters of countersOf(exchange.bookerId) ?? [])
        counters.used += exchange.bookings;
    }
    return { organisations, districts };
  }

  private async partiesById(): Promise<Map<string, PartyDto>> {
    return new Map((await this.parties.listAll()).map((party) => [party.id, party]));
  }
}

function impactLine(counters: Counters): ImpactLine {
  return {
    hoursRewarded: hoursText(counters.minutes),
    volunteers: counters.volunteers.size,
    steerkesForHours: formatAmount(counters.hoursMinor),
    steerkesEarnedWithServices: formatAmount(counters.earnedMinor),
    steerkesSpentOnServices: formatAmount(counters.spentMinor),
    servicesGiven: counters.given,
    servicesUsed: counters.used,
  };
}

/** Hours and volunteer counts, or null when suppressed (too few volunteers, or complementary). */
function publicVolunteerFigures(
  counters: Counters,
  suppressed: boolean,
): {
  hoursRewarded: string | null;
  volunteers: number | null;
  volunteerFiguresSuppressed: boolean;
} {
  return {
    hoursRewarded: suppressed ? null : hoursText(counters.minutes),
    volunteers: suppressed ? null : counters.volunteers.size,
    volunteerFiguresSuppressed: suppressed,
  };
}

/** A figure about 1 to 4 volunteers points at people; none at all points at nobody. */
const tooFewVolunteers = (counters: Counters) =>
  counters.volunteers.size > 0 && counters.volunteers.size < VOLUNTEERS_PUBLISHED_MIN;

interface Cell {
  id: string;
  counters: Counters;
}

/**
 * Which volunteer figures to suppress, by id, so that none can be recovered by subtraction. A
 * district's hours are the sum of its organisations' hours: with the district published and one
 * organisation suppressed, that organisation's hours would be the district's minus the others'.
 * So, per district: its small organisations are suppressed (primary), and if exactly one is, the
 * district's own figures are suppressed too (complementary: the organisations stay published,
 * which tells the public more than a district total). With two or more suppressed, only their sum
 * can be found. A small district is suppressed whole; its organisations are then all small too
 * (subsets of it) or without volunteers. There is no city-wide total to subtract from.
 */
export function suppressComplementary(groups: Array<{ total: Cell; parts: Cell[] }>): Set<string> {
  const suppressed = new Set<string>();
  for (const { total, parts } of groups) {
    const primary = parts.filter((part) => tooFewVolunteers(part.counters));
    for (const part of primary) suppressed.add(part.id);
    if (tooFewVolunteers(total.counters) || primary.length === 1) suppressed.add(total.id);
  }
  return suppressed;
}
