import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { SteerkesRequest } from '../common/http/request-context.js';
import { type RateLimit, RateLimits } from '../common/rate-limits.js';
import { APP_CONFIGURATION } from '../config/config.module.js';
import type { AppConfiguration } from '../config/configuration.js';

const TRANSPARENCY_WINDOW_SECONDS = 60;

/**
 * Counts requests for the public transparency report per client address per minute: it needs no
 * login, so without a limit anyone could make the server add up the year again and again (the
 * cache bounds the work per year, this bounds the requests). Shared by every instance when
 * REDIS_URL is set (common/rate-limits.ts); the address is the proxy's client only behind a
 * trusted proxy (TRUSTED_PROXIES).
 */
@Injectable()
export class TransparencyRateLimitGuard implements CanActivate {
  private readonly limit: RateLimit;

  constructor(@Inject(APP_CONFIGURATION) configuration: AppConfiguration, rateLimits: RateLimits) {
    this.limit = rateLimits.limit({
      name: 'transparency',
      points: configuration.transparencyRequestsPerMinute,
      durationSeconds: TRANSPARENCY_WINDOW_SECONDS,
    });
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<SteerkesRequest>();
    await this.limit.consume(request.ip, context.switchToHttp().getResponse<FastifyReply>());
    return true;
  }
}
