import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { DomainError } from '../common/errors/domain-error.js';
import type { SteerkesRequest } from '../common/http/request-context.js';
import { APP_CONFIGURATION } from '../config/config.module.js';
import type { AppConfiguration } from '../config/configuration.js';

const REDEMPTION_WINDOW_SECONDS = 60;

/**
 * Counts redemption requests per business operator per minute: a till gone wild or a stolen
 * operator login can only try so many passes (the pass's own daily limit bounds the money).
 */
@Injectable()
export class RedemptionRateLimitGuard implements CanActivate {
  private readonly limiter: RateLimiterMemory;

  constructor(@Inject(APP_CONFIGURATION) configuration: AppConfiguration) {
    this.limiter = new RateLimiterMemory({
      points: configuration.redemptionsPerMinute,
      duration: REDEMPTION_WINDOW_SECONDS,
    });
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<SteerkesRequest>();
    try {
      await this.limiter.consume(request.user?.id ?? request.ip ?? 'unknown');
      return true;
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      context
        .switchToHttp()
        .getResponse<FastifyReply>()
        .header('Retry-After', Math.ceil(rejection.msBeforeNext / 1000));
      throw new DomainError('RATE_LIMITED');
    }
  }
}
