import { AuditService } from '../audit/audit.service.js';
import { Injectable } from '@nestjs/common';
import { formatAmount, parseAmount } from '../common/amount.js';
import { localDate } from '../common/calendar.js';
import { Clock } from '../common/clock.js';
import { NotFoundError, ValidationFailedError } from '../common/errors/domain-error.js';
import { renderMessage } from '../common/errors/error-catalogue.js';
import type { AuthenticatedUser } from '../common/http/request-context.js';
import { Database, type Transaction } from '../database/database.service.js';
import { isOverseer } from '../common/roles.js';
import { PartiesService } from '../parties/parties.service.js';
import { VolunteerHours } from '../volunteering/volunteer-hours.service.js';
import { ConfigurationCache } from './configuration-cache.js';
import { FiscalLimit } from './entities/fiscal-limit.entity.js';
import {
  ageOn,
  assessFiscal,
  type FiscalLimits,
  type FiscalMeasure,
  fiscalMeasures,
  type FiscalPosition,
  hourlyAmountFor,
  hoursAllowanceMinor,
  isNearLimit,
  limitsApplyingTo,
  percentUsed,
  roomOf,
} from './fiscal-rules.js';
import { FiscalLimitReachedError, FiscalLimitsNotConfiguredError } from './passes.errors.js';
import { PassesSettingsService } from './passes-settings.service.js';
import { receivedByVolunteer, receivedPerMonth } from './redemption-totals.store.js';

const MONTHS_PER_YEAR = 12;

const WARNING_TEMPLATE = {
  en: 'Close to {limit} ({basis}): €{received} of €{limitAmount} received ({percent}%); €{room} left.',
  nl: 'Dicht bij {limit} ({basis}): €{received} van €{limitAmount} ontvangen ({percent}%); nog €{room} over.',
};

export interface FiscalLimitsView {
  year: number;
  hourlyAdult: string;
  hourlyYoung: string;
  adultAge: number;
  monthly: string;
  yearly: string;
  updatedAt: string;
}

export interface FiscalLimitsInput {
  hourlyAdultMinor: bigint;
  hourlyYoungMinor: bigint;
  adultAge: number;
  monthlyMinor: bigint;
  yearlyMinor: bigint;
}

export interface FiscalWarningView {
  limit: FiscalMeasure['limit'];
  basis: string;
  received: string;
  limitAmount: string;
  room: string;
  percent: number;
  message: { nl: string; en: string };
}

export interface FiscalMonthView {
  month: string;
  received: string;
  limit: string | null;
  room: string | null;
}

export interface FiscalOverview {
  volunteerId: string;
  year: number;
  guardrailEnabled: boolean;
  /** The year whose limits apply (the latest at or before `year`); null when none are set. */
  limitsYear: number | null;
  /** Age on the reference day (today, or the year's last day for a past year); null: birth date unknown. */
  age: number | null;
  total: { received: string; limit: string | null; room: string | null };
  hours: {
    approvedHours: string;
    hourlyAmount: string | null;
    limit: string | null;
    room: string | null;
  };
  months: FiscalMonthView[];
  /** What one more benefit may be worth today (the tightest of month, year and hours); current year only. */
  roomNow: string | null;
  warnings: FiscalWarningView[];
}

export function warningView(measure: FiscalMeasure): FiscalWarningView {
  const parameters = {
    limit: `FISCAL_LIMIT_${measure.limit.toUpperCase()}`,
    basis: measure.basis,
    received: formatAmount(measure.receivedMinor),
    limitAmount: formatAmount(measure.limitMinor),
    room: formatAmount(roomOf(measure)),
    percent: percentUsed(measure),
  };
  return {
    limit: measure.limit,
    basis: measure.basis,
    received: parameters.received,
    limitAmount: parameters.limitAmount,
    room: parameters.room,
    percent: parameters.percent,
    message: {
      nl: renderMessage(WARNING_TEMPLATE.nl, parameters, 'nl'),
      en: renderMessage(WARNING_TEMPLATE.en, parameters, 'en'),
    },
  };
}

/** A warning as the counter gets it on a receipt: which limit is near, never the volunteer's figures. */
export interface CounterFiscalWarningView {
  limit: FiscalMeasure['limit'];
  message: { nl: string; en: string };
}

const COUNTER_WARNING_TEMPLATE = {
  en: 'The volunteer is close to {limit}; they can see what is left in their app.',
  nl: 'De vrijwilliger zit dicht bij {limit}; in de app ziet de vrijwilliger wat er nog over is.',
};

export function counterWarningView(measure: FiscalMeasure): CounterFiscalWarningView {
  const parameters = { limit: `FISCAL_LIMIT_${measure.limit.toUpperCase()}` };
  return {
    limit: measure.limit,
    message: {
      nl: renderMessage(COUNTER_WARNING_TEMPLATE.nl, parameters, 'nl'),
      en: renderMessage(COUNTER_WARNING_TEMPLATE.en, parameters, 'en'),
    },
  };
}

function limitsView(row: FiscalLimit): FiscalLimitsView {
  return {
    year: row.year,
    hourlyAdult: formatAmount(row.hourlyAdultMinor),
    hourlyYoung: formatAmount(row.hourlyYoungMinor),
    adultAge: row.adultAge,
    monthly: formatAmount(row.monthlyMinor),
    yearly: formatAmount(row.yearlyMinor),
    updatedAt: row.updatedAt,
  };
}

/**
 * The fiscal guardrail: keeps the limits per year (configuration data: a new year is a new row),
 * measures a redemption against the month's, the year's and the hours' limits, and shows a
 * volunteer what they received and what room is left. The limits of a year without its own row
 * are the latest earlier year's. The hours limit reads: the euro value received in a calendar
 * year ≤ the hours approved in that year up to the day × the hourly amount for the age on the day.
 */
@Injectable()
export class FiscalService {
  /** Every year's limits, read on every redemption (SQLite only; see ConfigurationCache). */
  private readonly limitsCache: ConfigurationCache<FiscalLimits[]>;

  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    private readonly settings: PassesSettingsService,
    private readonly parties: PartiesService,
    private readonly volunteerHours: VolunteerHours,
    private readonly audit: AuditService,
  ) {
    this.limitsCache = new ConfigurationCache(database);
  }

  listLimits(): Promise<{ guardrailEnabled: boolean; limits: FiscalLimitsView[] }> {
    return this.database.read(async (tx) => ({
      guardrailEnabled: await this.settings.guardrailEnabled(),
      limits: (await tx.manager.find(FiscalLimit, { order: { year: 'ASC' } })).map(limitsView),
    }));
  }

  /** Sets a year's limits from euro strings (admin); a year already set is replaced. */
  setLimits(
    year: number,
    input: {
      hourlyAdult: string;
      hourlyYoung: string;
      adultAge: number;
      monthly: string;
      yearly: string;
    },
    actorId: string | null,
  ): Promise<FiscalLimitsView> {
    return this.putLimits(
      year,
      {
        hourlyAdultMinor: parseAmount(input.hourlyAdult, { field: 'hourlyAdult' }),
        hourlyYoungMinor: parseAmount(input.hourlyYoung, { field: 'hourlyYoung' }),
        adultAge: input.adultAge,
        monthlyMinor: parseAmount(input.monthly, { field: 'monthly' }),
        yearlyMinor: parseAmount(input.yearly, { field: 'yearly' }),
      },
      actorId,
    );
  }

  /** Sets a year's limits (admin); a year already set is replaced. */
  putLimits(
    year: number,
    input: FiscalLimitsInput,
    actorId: string | null,
  ): Promise<FiscalLimitsView> {
    const problems = [];
    if (input.monthlyMinor > input.yearlyMinor)
      problems.push({ field: 'monthly', code: 'MONTHLY_ABOVE_YEARLY' });
    if (input.hourlyYoungMinor > input.hourlyAdultMinor)
      problems.push({ field: 'hourlyYoung', code: 'YOUNG_ABOVE_ADULT' });
    if (problems.length > 0) throw new ValidationFailedError(problems);
    return this.limitsCache.change(() => this.storeLimits(year, input, actorId));
  }

  private storeLimits(
    year: number,
    input: FiscalLimitsInput,
    actorId: string | null,
  ): Promise<FiscalLimitsView> {
    return this.database.transaction(async (tx) => {
      const row: FiscalLimit = {
        year,
        ...input,
        updatedAt: this.clock.now().toISOString(),
        updatedBy: actorId,
      };
      if (await tx.manager.existsBy(FiscalLimit, { year }))
        await tx.manager.update(FiscalLimit, { year }, row);
      else await tx.manager.insert(FiscalLimit, row);
      if (actorId)
        await this.audit.record(
          { id: actorId },
          {
            action: 'fiscal.limits',
            subjectType: 'fiscal-year',
            subjectId: String(year),
            details: { ...limitsView(row) },
          },
        );
      return limitsView(row);
    });
  }

  findLimits(year: number): Promise<FiscalLimitsView | null> {
    return this.database.read(async ({ manager }) => {
      const row = await manager.findOneBy(FiscalLimit, { year });
      return row ? limitsView(row) : null;
    });
  }

  async setGuardrail(enabled: boolean, actorId: string): Promise<{ enabled: boolean }> {
    return { enabled: await this.settings.setGuardrail(enabled, actorId) };
  }

  /**
   * Measures a benefit worth `valueMinor` for a volunteer on `date`, inside the redemption's
   * transaction. Refuses with FISCAL_LIMIT_REACHED (or FISCAL_LIMITS_NOT_CONFIGURED); answers the
   * limits the benefit brings to 80 % or more. With the guardrail off, nothing is measured.
   */
  async assessRedemption(
    volunteerPartyId: string,
    valueMinor: bigint,
    date: string,
    tx: Transaction,
  ): Promise<FiscalMeasure[]> {
    if (!(await this.settings.guardrailEnabled())) return [];
    const year = Number(date.slice(0, 4));
    const limits = limitsApplyingTo(year, await this.allLimits(tx));
    if (!limits) throw new FiscalLimitsNotConfiguredError(year);
    const position = await this.position(tx, volunteerPartyId, date);
    const assessment = assessFiscal(fiscalMeasures(limits, position), valueMinor);
    if (assessment.exceeded) throw new FiscalLimitReachedError();
    return assessment.warnings;
  }

  /** A volunteer's euro value received and room left per month and for the year. */
  async overview(
    actor: AuthenticatedUser,
    query: { year?: number; volunteerId?: string },
  ): Promise<FiscalOverview> {
    const volunteerId = await this.visibleVolunteer(actor, query.volunteerId);
    const today = localDate(this.clock.now());
    const year = query.year ?? Number(today.slice(0, 4));
    const currentYear = Number(today.slice(0, 4));
    const referenceDate =
      year === currentYear ? today : year < currentYear ? `${year}-12-31` : `${year}-01-01`;
    return this.database.read(async (tx) => {
      const limits = limitsApplyingTo(year, await this.allLimits(tx));
      const receivedByMonth = await receivedPerMonth(tx, volunteerId, year);
      const receivedYearMinor = [...receivedByMonth.values()].reduce(
        (sum, value) => sum + value,
        0n,
      );
      const party = await this.parties.findById(volunteerId);
      const age = party?.birthDate ? ageOn(party.birthDate, referenceDate) : null;
      const approvedHours = await this.volunteerHours.approvedHours(
        volunteerId,
        `${year}-01-01`,
        referenceDate,
      );
      const hourlyMinor = limits ? hourlyAmountFor(limits, age) : null;
      const hoursLimitMinor =
        hourlyMinor === null ? null : hoursAllowanceMinor(approvedHours, hourlyMinor);
      const room = (limit: bigint | null, received: bigint) =>
        limit === null ? null : formatAmount(limit > received ? limit - received : 0n);
      const months = Array.from({ length: MONTHS_PER_YEAR }, (_, index) => {
        const month = `${year}-${String(index + 1).padStart(2, '0')}`;
        const received = receivedByMonth.get(month) ?? 0n;
        return {
          month,
          received: formatAmount(received),
          limit: limits ? formatAmount(limits.monthlyMinor) : null,
          room: room(limits?.monthlyMinor ?? null, received),
        };
      });
      const position: FiscalPosition = {
        month: today.slice(0, 7),
        year: String(year),
        receivedMonthMinor: receivedByMonth.get(today.slice(0, 7)) ?? 0n,
        receivedYearMinor,
        approvedHours,
        age,
      };
      const measures = limits && year === currentYear ? fiscalMeasures(limits, position) : [];
      return {
        volunteerId,
        year,
        guardrailEnabled: await this.settings.guardrailEnabled(),
        limitsYear: limits?.year ?? null,
        age,
        total: {
          received: formatAmount(receivedYearMinor),
          limit: limits ? formatAmount(limits.yearlyMinor) : null,
          room: room(limits?.yearlyMinor ?? null, receivedYearMinor),
        },
        hours: {
          approvedHours: approvedHours.toFixed(2),
          hourlyAmount: hourlyMinor === null ? null : formatAmount(hourlyMinor),
          limit: hoursLimitMinor === null ? null : formatAmount(hoursLimitMinor),
          room: room(hoursLimitMinor, receivedYearMinor),
        },
        months,
        roomNow:
          measures.length > 0
            ? formatAmount(
                measures.map(roomOf).reduce((least, value) => (value < least ? value : least)),
              )
            : null,
        warnings: measures
          .filter((measure) => measure.limitMinor > 0n && isNearLimit(measure))
          .map(warningView),
      };
    });
  }

  private async visibleVolunteer(
    actor: AuthenticatedUser,
    volunteerId: string | undefined,
  ): Promise<string> {
    if (!isOverseer(actor.role)) {
      if (volunteerId !== undefined && volunteerId !== actor.partyId)
        throw new NotFoundError('party', volunteerId);
      return actor.partyId!;
    }
    if (volunteerId === undefined)
      throw new ValidationFailedError([{ field: 'volunteerId', code: 'isDefined' }]);
    const party = await this.parties.findById(volunteerId);
    if (!party) throw new NotFoundError('party', volunteerId);
    if (party.kind !== 'volunteer')
      throw new ValidationFailedError([{ field: 'volunteerId', code: 'NOT_A_VOLUNTEER' }]);
    return volunteerId;
  }

  private async position(
    tx: Transaction,
    volunteerPartyId: string,
    date: string,
  ): Promise<FiscalPosition> {
    const month = date.slice(0, 7);
    const year = date.slice(0, 4);
    const party = await this.parties.findById(volunteerPartyId);
    const received = await receivedByVolunteer(tx, volunteerPartyId, date);
    return {
      month,
      year,
      receivedMonthMinor: received.monthMinor,
      receivedYearMinor: received.yearMinor,
      approvedHours: await this.volunteerHours.approvedHours(
        volunteerPartyId,
        `${year}-01-01`,
        date,
      ),
      age: party?.birthDate ? ageOn(party.birthDate, date) : null,
    };
  }

  private allLimits(tx: Transaction): Promise<FiscalLimits[]> {
    return this.limitsCache.read(() => tx.manager.find(FiscalLimit));
  }
}
