import { AuditService } from '../audit/audit.service.js';
import { Injectable } from '@nestjs/common';
import { formatAmount, parseAmount } from '../common/amount.js';
import { Clock } from '../common/clock.js';
import { ValidationFailedError } from '../common/errors/domain-error.js';
import { Database, type Transaction } from '../database/database.service.js';
import { ConfigurationCache } from './configuration-cache.js';
import { PassesSetting } from './entities/passes-setting.entity.js';

/** What the settings are when no one has set them. */
export const GUARDRAIL_ENABLED_DEFAULT = true;
/** A stolen pass costs at most this much a day (25.00 STK: a good day of treats, not a month of hours). */
export const PASS_DAILY_LIMIT_DEFAULT_MINOR = 2_500n;
export const PASS_DAILY_LIMIT_MAX_MINOR = 100_000n;
/** How long a business may undo a redemption itself, e.g. when it typed the wrong offer. */
export const VOID_WINDOW_DEFAULT_MINUTES = 15;
export const VOID_WINDOW_MAX_MINUTES = 24 * 60;

/**
 * At most this many euros of value per Steerke of price (5.00: a Steerke is an hour of volunteering,
 * and the tax-free volunteer allowance is about five euros an hour), so that a business cannot give
 * a benefit that is in effect a wage. The treasurer sets it; hundredths, like an amount.
 */
export const EURO_VALUE_RATIO_DEFAULT_MINOR = 500n;
export const EURO_VALUE_RATIO_MAX_MINOR = 10_000n;

const GUARDRAIL_KEY = 'fiscal_guardrail_enabled';
const EURO_VALUE_RATIO_KEY = 'offer_euro_value_ratio_max';
const DAILY_LIMIT_KEY = 'pass_daily_limit_minor';
const VOID_WINDOW_KEY = 'void_window_minutes';

export interface PassPolicy {
  dailyLimitMinor: bigint;
  voidWindowMinutes: number;
}

export interface PassPolicyView {
  dailyLimit: string;
  voidWindowMinutes: number;
}

function policyView(policy: PassPolicy): PassPolicyView {
  return {
    dailyLimit: formatAmount(policy.dailyLimitMinor),
    voidWindowMinutes: policy.voidWindowMinutes,
  };
}

/**
 * The passes module's settings as configuration data: the fiscal guardrail switch (admin), the
 * daily Steerkes limit per pass and the void window (admin or treasurer). A setting nobody set
 * has its default, so a new installation works without any.
 */
@Injectable()
export class PassesSettingsService {
  /** The guardrail switch and the pass policy, read on every redemption (SQLite only; see ConfigurationCache). */
  private readonly guardrailCache: ConfigurationCache<boolean>;
  private readonly policyCache: ConfigurationCache<PassPolicy>;

  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {
    this.guardrailCache = new ConfigurationCache(database);
    this.policyCache = new ConfigurationCache(database);
  }

  guardrailEnabled(): Promise<boolean> {
    return this.guardrailCache.read(() =>
      this.database.read(async (tx) => {
        const value = await this.value(tx, GUARDRAIL_KEY);
        return value === undefined ? GUARDRAIL_ENABLED_DEFAULT : value === 'true';
      }),
    );
  }

  setGuardrail(enabled: boolean, actorId: string): Promise<boolean> {
    return this.guardrailCache.change(() => this.storeGuardrail(enabled, actorId));
  }

  private storeGuardrail(enabled: boolean, actorId: string): Promise<boolean> {
    return this.database.transaction(async (tx) => {
      await this.store(tx, GUARDRAIL_KEY, String(enabled), actorId);
      await this.audit.record(
        { id: actorId },
        {
          action: 'fiscal.guardrail',
          subjectType: 'setting',
          subjectId: GUARDRAIL_KEY,
          details: { enabled },
        },
      );
      return enabled;
    });
  }

  /** Euro value per Steerke of price an offer may have at most, in hundredths. */
  euroValueRatioMaxMinor(): Promise<bigint> {
    return this.database.read(async (tx) => {
      const value = await this.value(tx, EURO_VALUE_RATIO_KEY);
      return value === undefined ? EURO_VALUE_RATIO_DEFAULT_MINOR : BigInt(value);
    });
  }

  async offerPolicyView(): Promise<{ euroValueRatioMax: string }> {
    return { euroValueRatioMax: formatAmount(await this.euroValueRatioMaxMinor()) };
  }

  /** Sets the fund-wide maximum euro value per Steerke (treasurer), audited. Existing offers keep theirs until changed. */
  setOfferPolicy(
    input: { euroValueRatioMax: string },
    actorId: string,
  ): Promise<{ euroValueRatioMax: string }> {
    const ratioMinor = parseAmount(input.euroValueRatioMax, { field: 'euroValueRatioMax' });
    if (ratioMinor > EURO_VALUE_RATIO_MAX_MINOR) {
      throw new ValidationFailedError([
        {
          field: 'euroValueRatioMax',
          code: 'max',
          parameters: { max: formatAmount(EURO_VALUE_RATIO_MAX_MINOR) },
        },
      ]);
    }
    return this.database.transaction(async (tx) => {
      const before = await this.value(tx, EURO_VALUE_RATIO_KEY);
      await this.store(tx, EURO_VALUE_RATIO_KEY, ratioMinor.toString(), actorId);
      const view = { euroValueRatioMax: formatAmount(ratioMinor) };
      await this.audit.record(
        { id: actorId },
        {
          action: 'offer.policy',
          subjectType: 'setting',
          subjectId: EURO_VALUE_RATIO_KEY,
          details: {
            before: formatAmount(
              before === undefined ? EURO_VALUE_RATIO_DEFAULT_MINOR : BigInt(before),
            ),
            after: view.euroValueRatioMax,
          },
        },
      );
      return view;
    });
  }

  passPolicy(): Promise<PassPolicy> {
    return this.policyCache.read(() =>
      this.database.read(async (tx) => {
        const dailyLimit = await this.value(tx, DAILY_LIMIT_KEY);
        const voidWindow = await this.value(tx, VOID_WINDOW_KEY);
        return {
          dailyLimitMinor:
            dailyLimit === undefined ? PASS_DAILY_LIMIT_DEFAULT_MINOR : BigInt(dailyLimit),
          voidWindowMinutes:
            voidWindow === undefined ? VOID_WINDOW_DEFAULT_MINUTES : Number(voidWindow),
        };
      }),
    );
  }

  async passPolicyView(): Promise<PassPolicyView> {
    return policyView(await this.passPolicy());
  }

  /** Sets the daily limit per pass and the void window (admin or treasurer). */
  async updatePassPolicy(input: PassPolicyView, actorId: string): Promise<PassPolicyView> {
    const dailyLimitMinor = parseAmount(input.dailyLimit, { field: 'dailyLimit' });
    if (dailyLimitMinor > PASS_DAILY_LIMIT_MAX_MINOR) {
      throw new ValidationFailedError([
        {
          field: 'dailyLimit',
          code: 'max',
          parameters: { max: formatAmount(PASS_DAILY_LIMIT_MAX_MINOR) },
        },
      ]);
    }
    return policyView(
      await this.setPassPolicy(
        { dailyLimitMinor, voidWindowMinutes: input.voidWindowMinutes },
        actorId,
      ),
    );
  }

  setPassPolicy(policy: PassPolicy, actorId: string): Promise<PassPolicy> {
    return this.policyCache.change(() => this.storePassPolicy(policy, actorId));
  }

  private storePassPolicy(policy: PassPolicy, actorId: string): Promise<PassPolicy> {
    return this.database.transaction(async (tx) => {
      await this.store(tx, DAILY_LIMIT_KEY, policy.dailyLimitMinor.toString(), actorId);
      await this.store(tx, VOID_WINDOW_KEY, String(policy.voidWindowMinutes), actorId);
      await this.audit.record(
        { id: actorId },
        {
          action: 'pass.policy',
          subjectType: 'setting',
          subjectId: 'pass-policy',
          details: { ...policyView(policy) },
        },
      );
      return policy;
    });
  }

  private async value(tx: Transaction, key: string): Promise<string | undefined> {
    return (await tx.manager.findOneBy(PassesSetting, { key }))?.value;
  }

  private async store(tx: Transaction, key: string, value: string, actorId: string): Promise<void> {
    const setting: PassesSetting = {
      key,
      value,
      updatedAt: this.clock.now().toISOString(),
      updatedBy: actorId,
    };
    if (await tx.manager.existsBy(PassesSetting, { key }))
      await tx.manager.update(PassesSetting, { key }, setting);
    else await tx.manager.insert(PassesSetting, setting);
  }
}
