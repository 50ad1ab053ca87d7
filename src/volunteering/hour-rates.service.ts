import { AuditService } from '../audit/audit.service.js';
import { Injectable } from '@nestjs/common';
import { formatAmount, parseAmount } from '../common/amount.js';
import { Clock } from '../common/clock.js';
import {
  type FieldError,
  ForbiddenError,
  ValidationFailedError,
  assertInvariant,
} from '../common/errors/domain-error.js';
import type { AuthenticatedUser } from '../common/http/request-context.js';
import { Database, type Transaction } from '../database/database.service.js';
import { HourRateRange, OrganisationHourRate } from './entities/hour-rate.entity.js';
import { HourRateOutOfRangeError } from './volunteering.errors.js';
import { HOUR_RATE_CEILING_MINOR, HOUR_RATE_FLOOR_MINOR } from './volunteering.limits.js';
import { VolunteeringParties } from './volunteering-parties.js';

/** The policy row written by the migration; there is only ever this one. */
const RANGE_ROW_ID = 1;

export interface HourRateRangeView {
  min: string;
  max: string;
  defaultRate: string;
  updatedAt: string;
  updatedBy: string | null;
}

export interface OrganisationHourRateView {
  organisationId: string;
  /** What an hour earns at this organisation now: its own rate, or the default, kept inside the range. */
  rate: string;
  /** The rate the organisation set, or null when it pays the default. */
  organisationRate: string | null;
  min: string;
  max: string;
  updatedAt: string | null;
}

/**
 * Hour rates: an admin sets the range every organisation's rate must lie in, and the default rate
 * of an organisation that set none; an organisation's manager sets its rate inside the range. A
 * claim is paid at the rate in force when it is approved. When an admin narrows the range, rates
 * set earlier are kept but paid at the nearest bound, so that no claim is paid outside the range.
 */
@Injectable()
export class HourRatesService {
  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    private readonly parties: VolunteeringParties,
    private readonly audit: AuditService,
  ) {}

  getRange(): Promise<HourRateRangeView> {
    return this.database.read(async (tx) => rangeView(await this.loadRange(tx)));
  }

  /** Admin only (the controller's role guard). The default rate stays unless another is sent. */
  setRange(
    actor: AuthenticatedUser,
    input: { min: string; max: string; defaultRate?: string },
  ): Promise<HourRateRangeView> {
    return this.database.transaction(async (tx) => {
      const current = await this.loadRange(tx);
      const minRateMinor = parseAmount(input.min, { field: 'min' });
      const maxRateMinor = parseAmount(input.max, { field: 'max' });
      const defaultRateMinor =
        input.defaultRate === undefined
          ? current.defaultRateMinor
          : parseAmount(input.defaultRate, { field: 'defaultRate' });
      const problems = rangeProblems(minRateMinor, maxRateMinor, defaultRateMinor);
      if (problems.length > 0) throw new ValidationFailedError(problems);
      const updated: HourRateRange = {
        ...current,
        minRateMinor,
        maxRateMinor,
        defaultRateMinor,
        updatedAt: this.clock.now().toISOString(),
        updatedBy: actor.id,
      };
      await tx.manager.update(HourRateRange, { id: RANGE_ROW_ID }, updated);
      await this.audit.record(actor, {
        action: 'volunteering.hour-rate-range',
        subjectType: 'hour-rate-range',
        subjectId: 'default',
        details: { before: rangeView(current), after: rangeView(updated) },
      });
      return rangeView(updated);
    });
  }

  /** Any logged-in user may see what an hour earns at an organisation. */
  getOrganisationRate(organisationId: string): Promise<OrganisationHourRateView> {
    return this.database.read(async (tx) => {
      await this.parties.requireOrganisation(organisationId);
      return this.organisationRateView(organisationId, tx);
    });
  }

  /** An admin, or a manager of that organisation, sets its rate inside the allowed range. */
  setOrganisationRate(
    actor: AuthenticatedUser,
    organisationId: string,
    rate: string,
  ): Promise<OrganisationHourRateView> {
    return this.database.transaction(async (tx) => {
      await this.parties.requireOrganisation(organisationId);
      if (actor.role !== 'admin' && actor.partyId !== organisationId)
        throw new ForbiddenError('NOT_ORGANISATION_MANAGER');
      const rateMinor = parseAmount(rate, { field: 'rate' });
      const range = await this.loadRange(tx);
      if (rateMinor < range.minRateMinor || rateMinor > range.maxRateMinor)
        throw new HourRateOutOfRangeError(range.minRateMinor, range.maxRateMinor);
      const row: OrganisationHourRate = {
        organisationPartyId: organisationId,
        rateMinor,
        updatedAt: this.clock.now().toISOString(),
        updatedBy: actor.id,
      };
      await tx.manager.upsert(OrganisationHourRate, row, ['organisationPartyId']);
      if (actor.role === 'admin')
        await this.audit.record(actor, {
          action: 'volunteering.hour-rate',
          subjectType: 'party',
          subjectId: organisationId,
          details: { rate },
        });
      return this.organisationRateView(organisationId, tx);
    });
  }

  /** The rate (hundredths of a Steerke per hour) at which the organisation pays an hour right now. */
  async rateInForce(organisationId: string, transaction: Transaction): Promise<bigint> {
    const range = await this.loadRange(transaction);
    const own = await transaction.manager.findOneBy(OrganisationHourRate, {
      organisationPartyId: organisationId,
    });
    return clamp(own?.rateMinor ?? range.defaultRateMinor, range.minRateMinor, range.maxRateMinor);
  }

  private async organisationRateView(
    organisationId: string,
    tx: Transaction,
  ): Promise<OrganisationHourRateView> {
    const range = await this.loadRange(tx);
    const own = await tx.manager.findOneBy(OrganisationHourRate, {
      organisationPartyId: organisationId,
    });
    return {
      organisationId,
      rate: formatAmount(await this.rateInForce(organisationId, tx)),
      organisationRate: own ? formatAmount(own.rateMinor) : null,
      min: formatAmount(range.minRateMinor),
      max: formatAmount(range.maxRateMinor),
      updatedAt: own?.updatedAt ?? null,
    };
  }

  private async loadRange(tx: Transaction): Promise<HourRateRange> {
    const range = await tx.manager.findOneBy(HourRateRange, { id: RANGE_ROW_ID });
    assertInvariant(
      range,
      'the hour-rate range is missing: the volunteering migration did not run',
    );
    return range;
  }
}

/** Everything wrong with a proposed range, each on its field. */
export function rangeProblems(
  minRateMinor: bigint,
  maxRateMinor: bigint,
  defaultRateMinor: bigint,
): FieldError[] {
  const problems: FieldError[] = [];
  const bounds = {
    floor: formatAmount(HOUR_RATE_FLOOR_MINOR),
    ceiling: formatAmount(HOUR_RATE_CEILING_MINOR),
  };
  if (minRateMinor < HOUR_RATE_FLOOR_MINOR)
    problems.push({ field: 'min', code: 'HOUR_RATE_BEYOND_BOUNDS', parameters: bounds });
  if (maxRateMinor > HOUR_RATE_CEILING_MINOR)
    problems.push({ field: 'max', code: 'HOUR_RATE_BEYOND_BOUNDS', parameters: bounds });
  if (minRateMinor > maxRateMinor) problems.push({ field: 'min', code: 'HOUR_RATE_MIN_ABOVE_MAX' });
  else if (defaultRateMinor < minRateMinor || defaultRateMinor > maxRateMinor)
    problems.push({ field: 'defaultRate', code: 'HOUR_RATE_DEFAULT_OUT_OF_RANGE' });
  return problems;
}

export function clamp(value: bigint, low: bigint, high: bigint): bigint {
  if (value < low) return low;
  return value > high ? high : value;
}

function rangeView(range: HourRateRange): HourRateRangeView {
  return {
    min: formatAmount(range.minRateMinor),
    max: formatAmount(range.maxRateMinor),
    defaultRate: formatAmount(range.defaultRateMinor),
    updatedAt: range.updatedAt,
    updatedBy: range.updatedBy,
  };
}
