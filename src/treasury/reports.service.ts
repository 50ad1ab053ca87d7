import { Injectable } from '@nestjs/common';
import { formatAmount } from '../common/amount.js';
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
  ) {}

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

  /** The public account of a year: aggregates only, small groups of volunteers suppressed. */
  async transparency(year: number) {
    const fromDate = `${year}-01-01`;
    const toDate = `${year}-12-31`;
    const { organisations, districts } = await this.tally(fromDate, toDate);
    const parties = await this.partiesById();
    const sponsorship = await this.sponsorship.byBusiness(fromDate, toDate);
    const sponsorshipByDistrict = new Map<
      string,
      { steerkesMinor: bigint; euroValueMinor: bigint; redemptions: number; volunteers: number }
    >();
    for (const figure of sponsorship) {
      const district = parties.get(figure.businessId)?.district ?? 'city-wide';
      const sum = sponsorshipByDistrict.get(district) ?? {
        steerkesMinor: 0n,
        euroValueMinor: 0n,
        redemptions: 0,
        volunteers: 0,
      };
      sum.steerkesMinor += figure.steerkesMinor;
      sum.euroValueMinor += figure.euroValueMinor;
      sum.redemptions += figure.redemptions;
      sum.volunteers += figure.volunteers;
      sponsorshipByDistrict.set(district, sum);
    }
    return {
      year,
      volunteersPublishedMin: VOLUNTEERS_PUBLISHED_MIN,
      organisations: [...organisations.entries()]
        .filter(
          ([organisationId]) =>
            parties.get(organisationId)?.kind === 'organisation' ||
            parties.get(organisationId)?.kind === 'institution',
        )
        .map(([organisationId, counters]) => ({
          name: parties.get(organisationId)!.name,
          district: parties.get(organisationId)!.district,
          budgetIssued: formatAmount(counters.issuedMinor),
          ...publicVolunteerFigures(counters),
          servicesGiven: counters.given,
          servicesUsed: counters.used,
        }))
        .sort((a, b) => a.name.localeCompare(b.name)),
      districts: DISTRICTS.map((district) => {
        const counters = districts.get(district) ?? emptyCounters();
        const accepted = sponsorshipByDistrict.get(district);
        // Sponsorship is about the volunteers who redeemed: published only for enough of them.
        const sponsorshipPublished =
          accepted !== undefined && accepted.volunteers >= VOLUNTEERS_PUBLISHED_MIN;
        return {
          district,
          budgetIssued: formatAmount(counters.issuedMinor),
          ...publicVolunteerFigures(counters),
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

/** Hours and volunteer counts, or null (suppressed) when fewer than five volunteers are behind them. */
function publicVolunteerFigures(counters: Counters): {
  hoursRewarded: string | null;
  volunteers: number | null;
  volunteerFiguresSuppressed: boolean;
} {
  const published =
    counters.volunteers.size >= VOLUNTEERS_PUBLISHED_MIN || counters.volunteers.size === 0;
  return {
    hoursRewarded: published ? hoursText(counters.minutes) : null,
    volunteers: published ? counters.volunteers.size : null,
    volunteerFiguresSuppressed: !published,
  };
}
