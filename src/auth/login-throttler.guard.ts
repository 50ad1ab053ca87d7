import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { SteerkesRequest } from '../common/http/request-context.js';
import { type RateLimit, RateLimits } from '../common/rate-limits.js';
import { APP_CONFIGURATION } from '../config/config.module.js';
import type { AppConfiguration } from '../config/configuration.js';

const LOGIN_WINDOW_SECONDS = 60;

/**
 * Counts attempts to log in (or to use a password-reset code), right or wrong alike, twice: per
 * client address and e-mail, so that one account cannot be guessed at speed, and per client
 * address across e-mails, so that one client cannot try a password on every account. The client
 * address is the socket's, or X-Forwarded-For's only when the socket is a trusted proxy
 * (TRUSTED_PROXIES, Fastify's trustProxy).
 */
@Injectable()
export class LoginThrottlerGuard implements CanActivate {
  private readonly perAccount: RateLimit;
  private readonly perAddress: RateLimit;

  constructor(@Inject(APP_CONFIGURATION) configuration: AppConfiguration, rateLimits: RateLimits) {
    this.perAccount = rateLimits.limit({
      name: 'login',
      points: configuration.loginAttemptsPerMinute,
      durationSeconds: LOGIN_WINDOW_SECONDS,
    });
    this.perAddress = rateLimits.limit({
      name: 'login-address',
      points: configuration.loginAttemptsPerAddressPerMinute,
      durationSeconds: LOGIN_WINDOW_SECONDS,
    });
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<SteerkesRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const body = request.body as { email?: unknown } | undefined;
    const email = typeof body?.email === 'string' ? body.email.trim().toLowerCase() : '';
    await this.perAddress.consume(request.ip, reply);
    await this.perAccount.consume(`${request.ip}|${email}`, reply);
    return true;
  }
}
