import { AuditService } from '../audit/audit.service.js';
import { Injectable } from '@nestjs/common';
import { formatAmount, parseAmount } from '../common/amount.js';
import { Clock } from '../common/clock.js';
import { ValidationFailedError } from '../common/errors/domain-error.js';
import { Database, type Transaction } from '../database/database.service.js';
import { PassesSetting } from './entities/passes-setting.entity.js';

/** What the settings are when no one has set them. */
export const GUARDRAIL_ENABLED_DEFAULT = true;
/** A stolen pass costs at most this much a day (25.00 STK: a good day of treats, not a month of hours). */
export const PASS_DAILY_LIMIT_DEFAULT_MINOR = 2_500n;
export const PASS_DAILY_LIMIT_MAX_MINOR = 100_000n;
/** How long a business may undo a redemption itself, e.g. when it typed the wrong offer. */
export const VOID_WINDOW_DEFAULT_MINUTES = 15;
export const VOID_WINDOW_MAX_MINUTES = 24 * 60;

const GUARDRAIL_KEY = 'fiscal_guardrail_enabled';
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
  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  guardrailEnabled(): Promise<boolean> {
    return this.database.read(async (tx) => {
      const value = await this.value(tx, GUARDRAIL_KEY);
      return value === undefined ? GUARDRAIL_ENABLED_DEFAULT : value === 'true';
    });
  }

  setGuardrail(enabled: boolean, actorId: string): Promise<boolean> {
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

  passPolicy(): Promise<PassPolicy> {
    return this.database.read(async (tx) => {
      const dailyLimit = await this.value(tx, DAILY_LIMIT_KEY);
      const voidWindow = await this.value(tx, VOID_WINDOW_KEY);
      return {
        dailyLimitMinor:
          dailyLimit === undefined ? PASS_DAILY_LIMIT_DEFAULT_MINOR : BigInt(dailyLimit),
        voidWindowMinutes:
          voidWindow === undefined ? VOID_WINDOW_DEFAULT_MINUTES : Number(voidWindow),
      };
    });
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
