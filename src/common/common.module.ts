import { Global, Module } from '@nestjs/common';
import { Clock, SystemClock } from './clock.js';
import { PasswordHasher } from './password-hasher.js';
import { RateLimits } from './rate-limits.js';

/**
 * Cross-cutting providers: the clock every time-dependent rule reads, the hashing of passwords and
 * PINs, and the rate limits (in memory, or in Redis shared by every instance).
 */
@Global()
@Module({
  providers: [{ provide: Clock, useClass: SystemClock }, PasswordHasher, RateLimits],
  exports: [Clock, PasswordHasher, RateLimits],
})
export class CommonModule {}
