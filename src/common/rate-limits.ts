import {
  type CanActivate,
  type ExecutionContext,
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
  type OnModuleInit,
  type Type,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Redis } from 'ioredis';
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible';
import { APP_CONFIGURATION } from '../config/config.module.js';
import type { AppConfiguration } from '../config/configuration.js';
import { DomainError } from './errors/domain-error.js';
import type { SteerkesRequest } from './http/request-context.js';

/** One limit: at most `points` requests per key in `durationSeconds`; `name` keeps its counts apart. */
export interface RateLimitRule {
  name: string;
  points: number;
  durationSeconds: number;
}

/** Where every Redis key of the rate limits starts, so they are easy to find beside other data. */
const REDIS_KEY_PREFIX = 'steerkes:rate';
/** Reconnecting after a drop: 200 ms more per attempt, at most every 2 s. */
const RECONNECT_STEP_MS = 200;
const RECONNECT_DELAY_MAX_MS = 2000;

/** A limit in force: counts one request per call, and refuses the one past the limit. */
export class RateLimit {
  constructor(private readonly limiter: RateLimiterAbstract) {}

  /** Counts a request under `key`; past the limit, 429 RATE_LIMITED with Retry-After on the reply. */
  async consume(key: string, reply: FastifyReply): Promise<void> {
    try {
      await this.limiter.consume(key);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      reply.header('Retry-After', Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)));
      throw new DomainError('RATE_LIMITED');
    }
  }
}

/**
 * The one rate-limit mechanism (logins, redemptions): counts in memory, or in Redis when REDIS_URL
 * is set, so that several instances behind one proxy share them. Should Redis fail while running,
 * each instance goes on counting in its own memory (rate-limiter-flexible's insurance limiter)
 * rather than letting everything through or refusing everyone. A configured Redis that cannot be
 * reached at start stops the start: the operator asked for shared limits.
 */
@Injectable()
export class RateLimits implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('RateLimits');
  private readonly redis: Redis | null;
  private connected = false;

  constructor(@Inject(APP_CONFIGURATION) configuration: AppConfiguration) {
    this.redis = configuration.redisUrl
      ? new Redis(configuration.redisUrl, {
          lazyConnect: true,
          // Fail fast instead of queueing while disconnected: the insurance limiter takes over.
          enableOfflineQueue: false,
          maxRetriesPerRequest: 1,
          // Reconnect after a drop while running; before the first connection, the start fails instead.
          retryStrategy: (attempt: number) =>
            this.connected ? Math.min(attempt * RECONNECT_STEP_MS, RECONNECT_DELAY_MAX_MS) : null,
        })
      : null;
    this.redis?.on('error', (error: Error) =>
      this.logger.warn(`Redis for the rate limits: ${error.message}`),
    );
  }

  async onModuleInit(): Promise<void> {
    if (!this.redis) return;
    try {
      await this.redis.connect();
      this.connected = true;
    } catch (error) {
      throw new Error(`REDIS_URL is set but Redis cannot be reached: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.connected = false;
    if (this.redis?.status === 'ready') await this.redis.quit();
    else if (this.redis && this.redis.status !== 'end') this.redis.disconnect();
  }

  /** Where the counts are kept: for the start-up log. */
  get store(): 'redis' | 'memory' {
    return this.redis ? 'redis' : 'memory';
  }

  limit(rule: RateLimitRule): RateLimit {
    const options = {
      keyPrefix: `${REDIS_KEY_PREFIX}:${rule.name}`,
      points: rule.points,
      duration: rule.durationSeconds,
    };
    if (!this.redis) return new RateLimit(new RateLimiterMemory(options));
    return new RateLimit(
      new RateLimiterRedis({
        ...options,
        storeClient: this.redis,
        insuranceLimiter: new RateLimiterMemory(options),
      }),
    );
  }
}

/** What a guard made by `PerMinuteRateLimitGuard` counts: how many a minute, and whose. */
export interface PerMinuteRule {
  /** Keeps this limit's counts apart from the others'. */
  name: string;
  perMinute: (configuration: AppConfiguration) => number;
  /** Whose requests are counted together: an operator, a client address. */
  key: (request: SteerkesRequest) => string;
}

const MINUTE_SECONDS = 60;

/**
 * A guard that admits at most `perMinute` requests per key per minute and answers the next one
 * 429 with Retry-After: the redemption and transparency limits are each one line with it.
 */
export function PerMinuteRateLimitGuard(rule: PerMinuteRule): Type<CanActivate> {
  @Injectable()
  class PerMinuteGuard implements CanActivate {
    private readonly limit: RateLimit;

    constructor(
      @Inject(APP_CONFIGURATION) configuration: AppConfiguration,
      @Inject(RateLimits) rateLimits: RateLimits,
    ) {
      this.limit = rateLimits.limit({
        name: rule.name,
        points: rule.perMinute(configuration),
        durationSeconds: MINUTE_SECONDS,
      });
    }

    async canActivate(context: ExecutionContext): Promise<boolean> {
      const http = context.switchToHttp();
      await this.limit.consume(rule.key(http.getRequest<SteerkesRequest>()), http.getResponse());
      return true;
    }
  }
  return PerMinuteGuard;
}
