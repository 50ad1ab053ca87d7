import { PerMinuteRateLimitGuard } from '../common/rate-limits.js';

/**
 * Counts requests for the public transparency report per client address per minute: it needs no
 * login, so without a limit anyone could make the server add up the year again and again (the
 * cache bounds the work per year, this bounds the requests). The address is the proxy's client
 * only behind a trusted proxy (TRUSTED_PROXIES).
 */
export const TransparencyRateLimitGuard = PerMinuteRateLimitGuard({
  name: 'transparency',
  perMinute: (configuration) => configuration.transparencyRequestsPerMinute,
  key: (request) => request.ip,
});
