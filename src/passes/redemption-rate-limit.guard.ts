import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { SteerkesRequest } from '../common/http/request-context.js';
import { type RateLimit, RateLimits } from '../common/rate-limits.js';
import { APP_CONFIGURATION } from '../config/config.module.js';
import type { AppConfiguration } from '../config/configuration.js';

const REDEMPTION_WINDOW_SECONDS = 60;

/**
 * Counts redemption requests per business operator per minute: a till gone wild or a stolen
 * operator login can only try so many passes (the pass's own daily limit bounds the money).
 * Shared by every instance when REDIS_URL is set (common/rate-limits.ts).
 */
@Injectable()
export class RedemptionRateLimitGuard implements CanActivate {
  private readonly limit: RateLimit;

  constructor(@Inject(APP_CONFIGURATION) configuration: AppConfiguration, rateLimits: RateLimits) {
    this.limit = rateLimits.limit({
      name: 'redemption',
      points: configuration.redemptionsPerMinute,
      durationSeconds: REDEMPTION_WINDOW_SECONDS,
    });
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<SteerkesRequest>();
    await this.limit.consume(
      request.user?.id ?? request.ip,
      context.switchToHttp().getResponse<FastifyReply>(),
    );
    return true;
  }
}
