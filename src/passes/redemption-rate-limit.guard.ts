import { PerMinuteRateLimitGuard } from '../common/rate-limits.js';

/**
 * Counts redemption requests per business operator per minute: a till gone wild or a stolen
 * operator login can only try so many passes (the pass's own daily limit bounds the money).
 * Shared by every instance when REDIS_URL is set (common/rate-limits.ts).
 */
export const RedemptionRateLimitGuard = PerMinuteRateLimitGuard({
  name: 'redemption',
  perMinute: (configuration) => configuration.redemptionsPerMinute,
  key: (request) => request.user?.id ?? request.ip,
});
