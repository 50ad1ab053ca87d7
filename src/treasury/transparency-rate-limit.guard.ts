import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { DomainError } from '../common/errors/domain-error.js';
import type { SteerkesRequest } from '../common/http/request-context.js';
import { APP_CONFIGURATION } from '../config/config.module.js';
import type { AppConfiguration } from '../config/configuration.js';

const TRANSPARENCY_WINDOW_SECONDS = 60;

/**
 * Counts requests for the public transparency report per client address per minute: it needs no
 * login, so without a limit anyone could make the server add up the year again and again (the
 * cache bounds the work per year, this bounds the requests). The one place that limits it: when
 * the limiters move to a shared (Redis-capable) mechanism, only this class changes.
 */
@Injectable()
export class TransparencyRateLimitGuard implements CanActivate {
  private readonly limiter: RateLimiterMemory;

  constructor(@Inject(APP_CONFIGURATION) configuration: AppConfiguration) {
    this.limiter = new RateLimiterMemory({
      points: configuration.transparencyRequestsPerMinute,
      duration: TRANSPARENCY_WINDOW_SECONDS,
    });
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<SteerkesRequest>();
    try {
      await this.limiter.consume(request.ip ?? 'unknown');
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
