import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { DomainError } from '../common/errors/domain-error.js';
import type { SteerkesRequest } from '../common/http/request-context.js';
import { APP_CONFIGURATION } from '../config/config.module.js';
import type { AppConfiguration } from '../config/configuration.js';

const LOGIN_WINDOW_SECONDS = 60;

/**
 * Counts login attempts per client address and email (right or wrong password alike), so that
 * one account cannot be guessed at speed and one client cannot lock out everyone else.
 */
@Injectable()
export class LoginThrottlerGuard implements CanActivate {
  private readonly limiter: RateLimiterMemory;

  constructor(@Inject(APP_CONFIGURATION) configuration: AppConfiguration) {
    this.limiter = new RateLimiterMemory({
      points: configuration.loginAttemptsPerMinute,
      duration: LOGIN_WINDOW_SECONDS,
    });
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<SteerkesRequest>();
    const body = request.body as { email?: unknown } | undefined;
    const email = typeof body?.email === 'string' ? body.email.trim().toLowerCase() : '';
    try {
      await this.limiter.consume(`${request.ip}|${email}`);
      return true;
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const response = context.switchToHttp().getResponse<FastifyReply>();
      response.header('Retry-After', Math.ceil(rejection.msBeforeNext / 1000));
      throw new DomainError('RATE_LIMITED');
    }
  }
}
