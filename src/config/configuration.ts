import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { isValidAmount, parseAmount } from '../common/amount.js';

export type Environment = 'development' | 'test' | 'production';

export type DatabaseConfiguration =
  { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

export interface AppConfiguration {
  environment: Environment;
  port: number;
  /** Interface to listen on; all interfaces when unset. */
  host: string | undefined;
  database: DatabaseConfiguration;
  jwt: { secret: string; ttlSeconds: number; secretWasGenerated: boolean };
  /**
   * Login sessions kept by the refresh cookie: a session ends `lifetimeSeconds` after the login
   * whatever happens, or `idleTimeoutSeconds` after its last refresh. The cookie is Secure in
   * production (served over HTTPS there), not in development (plain http://localhost).
   */
  sessions: { lifetimeSeconds: number; idleTimeoutSeconds: number; secureCookie: boolean };
  firstAdmin: { email: string; password: string } | null;
  /** Load the Maastricht demo data into a new database (never in production). */
  loadDemoData: boolean;
  /** Give a new demo its year of dated history (seeds/demo-history.ts); off: the present only, and a faster first start. */
  demoHistory: boolean;
  /** Login attempts per client address and e-mail per minute. */
  loginAttemptsPerMinute: number;
  /** Login attempts per client address per minute, whatever the e-mails: one client guessing many accounts. */
  loginAttemptsPerAddressPerMinute: number;
  /**
   * Proxies whose X-Forwarded-For is believed (Fastify's trustProxy: addresses, CIDR ranges or
   * `loopback`); empty: the client address is the socket's, and X-Forwarded-For is ignored.
   */
  trustedProxies: string[];
  /** Redis for the rate limits' counts, shared by every instance; null: counted in memory. */
  redisUrl: string | null;
  /** scrypt's cost N of new password hashes; older hashes are upgraded at the next login. */
  passwordScryptCost: number;
  /** The server-side secret mixed into every PIN hash (HMAC), so a stolen database alone reveals no PIN. */
  pinPepper: string;
  /** Redemptions one business operator may submit per minute: bounds a runaway till or a stolen login. */
  redemptionsPerMinute: number;
  /** Requests for the public transparency report one client address may make per minute. */
  transparencyRequestsPerMinute: number;
  /** Browser origins allowed to call the API (CORS); none when empty: same origin only. */
  corsOrigins: string[];
  bodySizeLimitBytes: number;
  /** The larger limit of POST /transfers/batch: 1000 transfers with descriptions. */
  batchBodySizeLimitBytes: number;
  logLevel: 'error' | 'warn' | 'log' | 'debug';
  /**
   * How far below zero an organisation's account may go (mutual credit between clubs), in minor
   * units, positive: ORGANISATION_CREDIT_LIMIT_MAX in STK. Every Steerke spent below zero is one
   * nobody issued, so the fund bounds it; other parties' accounts never go below zero.
   */
  organisationCreditLimitMaxMinor: bigint;
  /** Serve the Swagger UI and the OpenAPI document (/api/docs, /api/docs-json): on, but off in production unless SWAGGER_UI=on. */
  swaggerUi: boolean;
}

export const DEFAULT_SQLITE_PATH = './data/steerkes.sqlite';
export const JWT_SECRET_LENGTH_MIN = 32;
const JWT_SECRET_DISTINCT_CHARACTERS_MIN = 12;
const JWT_TTL_SECONDS_DEFAULT = 15 * 60;
const JWT_TTL_SECONDS_MAX = 24 * 60 * 60;
const SESSION_LIFETIME_SECONDS_DEFAULT = 12 * 60 * 60;
const SESSION_IDLE_TIMEOUT_SECONDS_DEFAULT = 2 * 60 * 60;
/** A month: a counter tablet logs in again at least that often. */
const SESSION_LIFETIME_SECONDS_MAX = 30 * 24 * 60 * 60;
const ADMIN_PASSWORD_LENGTH_MIN = 12;
const LOGIN_ATTEMPTS_PER_MINUTE_DEFAULT = 10;
const BODY_SIZE_LIMIT_BYTES_DEFAULT = 100 * 1024;
const BATCH_BODY_SIZE_LIMIT_BYTES_DEFAULT = 1024 * 1024;
const REDEMPTIONS_PER_MINUTE_DEFAULT = 60;
/** Ten times the demo's −50.00: room for a club's season, small against the fund. */
const ORGANISATION_CREDIT_LIMIT_MAX_DEFAULT = '500.00';
/** A million Steerkes: above it a typo, not a decision. */
const ORGANISATION_CREDIT_LIMIT_MAX_CEILING = 1_000_000_00n;
/** Per address: an office or a school behind one NAT logs in together, more than one person guessing. */
const LOGINS_PER_ADDRESS_PER_MINUTE_DEFAULT = 60;
/** OWASP's scrypt minimum (2023): N=2^17, r=8, p=1. */
export const PASSWORD_SCRYPT_COST_MIN_PRODUCTION = 2 ** 17;
/** Tests hash thousands of passwords and PINs: a low cost keeps them fast (never in production). */
const PASSWORD_SCRYPT_COST_DEFAULT_TEST = 2 ** 12;
const PASSWORD_SCRYPT_COST_MIN = 2 ** 10;
/** 2^20 needs 1 GiB per hash: beyond any sensible server. */
const PASSWORD_SCRYPT_COST_MAX = 2 ** 20;
/** Outside production only: a known pepper keeps a development database's PINs across restarts. */
const DEVELOPMENT_PIN_PEPPER = 'steerkes-development-pin-pepper-not-secret';
const TRANSPARENCY_REQUESTS_PER_MINUTE_DEFAULT = 30;
const WEAK_SECRETS = [
  'secret',
  'changeme',
  'change-me',
  'password',
  'steerkes',
  'jwt-secret',
  'development',
];

/** Thrown at start-up when the environment does not describe a safe, working configuration. */
export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Steerkes cannot start, the configuration is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'ConfigurationError';
  }
}

type EnvironmentVariables = Record<string, string | undefined>;

/** Reads and checks the whole configuration at once, so that every problem is reported together. */
export function loadConfiguration(variables: EnvironmentVariables = process.env): AppConfiguration {
  const problems: string[] = [];
  const environment = readEnvironment(variables.NODE_ENV, problems);
  const production = environment === 'production';
  const jwt = readJwt(variables, production, problems);
  const configuration: AppConfiguration = {
    environment,
    port: readInteger(variables.PORT, 3000, { name: 'PORT', min: 0, max: 65535 }, problems),
    host: variables.HOST || undefined,
    database: readDatabase(variables.DATABASE_URL, problems),
    jwt,
    sessions: readSessions(variables, jwt.ttlSeconds, production, problems),
    firstAdmin: readFirstAdmin(variables, problems),
    loadDemoData: !production && variables.DEMO_DATA !== 'off',
    demoHistory: readSwitch(variables.DEMO_HISTORY, 'DEMO_HISTORY', problems),
    loginAttemptsPerMinute: readInteger(
      variables.LOGIN_ATTEMPTS_PER_MINUTE,
      LOGIN_ATTEMPTS_PER_MINUTE_DEFAULT,
      { name: 'LOGIN_ATTEMPTS_PER_MINUTE', min: 1, max: 10_000 },
      problems,
    ),
    loginAttemptsPerAddressPerMinute: readInteger(
      variables.LOGINS_PER_ADDRESS_PER_MINUTE,
      LOGINS_PER_ADDRESS_PER_MINUTE_DEFAULT,
      { name: 'LOGINS_PER_ADDRESS_PER_MINUTE', min: 1, max: 100_000 },
      problems,
    ),
    trustedProxies: readTrustedProxies(variables.TRUSTED_PROXIES, problems),
    redisUrl: readRedisUrl(variables.REDIS_URL, problems),
    passwordScryptCost: readScryptCost(variables.PASSWORD_SCRYPT_COST, environment, problems),
    pinPepper: readPinPepper(variables.PIN_PEPPER, production, problems),
    redemptionsPerMinute: readInteger(
      variables.REDEMPTIONS_PER_MINUTE,
      REDEMPTIONS_PER_MINUTE_DEFAULT,
      { name: 'REDEMPTIONS_PER_MINUTE', min: 1, max: 100_000 },
      problems,
    ),
    transparencyRequestsPerMinute: readInteger(
      variables.TRANSPARENCY_REQUESTS_PER_MINUTE,
      TRANSPARENCY_REQUESTS_PER_MINUTE_DEFAULT,
      { name: 'TRANSPARENCY_REQUESTS_PER_MINUTE', min: 1, max: 100_000 },
      problems,
    ),
    corsOrigins: readOrigins(variables.CORS_ORIGINS, problems),
    bodySizeLimitBytes: BODY_SIZE_LIMIT_BYTES_DEFAULT,
    batchBodySizeLimitBytes: BATCH_BODY_SIZE_LIMIT_BYTES_DEFAULT,
    logLevel: readLogLevel(variables.LOG_LEVEL, environment, problems),
    organisationCreditLimitMaxMinor: readCreditLimitMax(
      variables.ORGANISATION_CREDIT_LIMIT_MAX,
      problems,
    ),
    swaggerUi: readSwaggerUi(variables.SWAGGER_UI, production, problems),
  };
  if (problems.length > 0) throw new ConfigurationError(problems);
  return configuration;
}

/** A positive amount in STK ("500.00"), at most a million; the default when unset. */
function readCreditLimitMax(value: string | undefined, problems: string[]): bigint {
  const text = value === undefined || value === '' ? ORGANISATION_CREDIT_LIMIT_MAX_DEFAULT : value;
  if (
    !isValidAmount(text, { allowZero: true }) ||
    parseAmount(text, { allowZero: true }) > ORGANISATION_CREDIT_LIMIT_MAX_CEILING
  ) {
    problems.push(
      `ORGANISATION_CREDIT_LIMIT_MAX must be an amount in STK from 0.00 to 1000000.00, e.g. 500.00 (got "${value}")`,
    );
    return parseAmount(ORGANISATION_CREDIT_LIMIT_MAX_DEFAULT);
  }
  return parseAmount(text, { allowZero: true });
}

/** `on` (the default) or `off`. */
function readSwitch(value: string | undefined, name: string, problems: string[]): boolean {
  if (value === undefined || value === '' || value === 'on') return true;
  if (value === 'off') return false;
  problems.push(`${name} must be on or off (got "${value}")`);
  return true;
}

/** SWAGGER_UI: `on` or `off`; unset, on outside production and off in it (the document maps the attack surface). */
function readSwaggerUi(
  value: string | undefined,
  production: boolean,
  problems: string[],
): boolean {
  if (value === undefined || value === '') return !production;
  return readSwitch(value, 'SWAGGER_UI', problems);
}

function readEnvironment(value: string | undefined, problems: string[]): Environment {
  if (value === undefined || value === '') return 'development';
  if (value === 'development' || value === 'test' || value === 'production') return value;
  problems.push(`NODE_ENV must be development, test or production (got "${value}")`);
  return 'development';
}

function readInteger(
  value: string | undefined,
  fallback: number,
  rule: { name: string; min: number; max: number },
  problems: string[],
): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < rule.min || parsed > rule.max) {
    problems.push(
      `${rule.name} must be a whole number from ${rule.min} to ${rule.max} (got "${value}")`,
    );
    return fallback;
  }
  return parsed;
}

function readDatabase(value: string | undefined, problems: string[]): DatabaseConfiguration {
  if (value === undefined || value === '')
    return { kind: 'sqlite', path: resolve(DEFAULT_SQLITE_PATH) };
  if (value.startsWith('sqlite:')) {
    const path = value.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (path === '')
      problems.push(
        'DATABASE_URL sqlite: needs a file path, e.g. sqlite:/var/lib/steerkes/steerkes.sqlite',
      );
    return { kind: 'sqlite', path: path === ':memory:' ? path : resolve(path) };
  }
  if (value.startsWith('postgres://') || value.startsWith('postgresql://')) {
    try {
      new URL(value);
    } catch {
      problems.push('DATABASE_URL is not a valid postgres:// URL');
    }
    return { kind: 'postgres', url: value };
  }
  problems.push(
    'DATABASE_URL must start with sqlite: or postgres:// (the value is not shown, it may hold a password)',
  );
  return { kind: 'sqlite', path: resolve(DEFAULT_SQLITE_PATH) };
}

function readJwt(
  variables: EnvironmentVariables,
  production: boolean,
  problems: string[],
): AppConfiguration['jwt'] {
  const ttlSeconds = readDuration(
    variables.JWT_TTL,
    {
      name: 'JWT_TTL',
      fallback: JWT_TTL_SECONDS_DEFAULT,
      max: JWT_TTL_SECONDS_MAX,
      maxLabel: '24h',
    },
    problems,
  );
  const secret = variables.JWT_SECRET;
  if (secret === undefined || secret === '') {
    if (production) {
      problems.push(
        `JWT_SECRET must be set in production: at least ${JWT_SECRET_LENGTH_MIN} random characters (e.g. \`openssl rand -base64 48\`)`,
      );
    }
    // Outside production a fresh random secret is safe; tokens simply end with the process.
    return { secret: randomBytes(48).toString('base64'), ttlSeconds, secretWasGenerated: true };
  }
  if (production) {
    const weakness = secretWeakness(secret);
    if (weakness) problems.push(`JWT_SECRET is too weak for production: ${weakness}`);
  }
  return { secret, ttlSeconds, secretWasGenerated: false };
}

/** Why a secret is too weak, or null. Never echoes the secret itself. */
export function secretWeakness(secret: string): string | null {
  if (secret.length < JWT_SECRET_LENGTH_MIN)
    return `it has fewer than ${JWT_SECRET_LENGTH_MIN} characters`;
  if (new Set(secret).size < JWT_SECRET_DISTINCT_CHARACTERS_MIN)
    return 'it repeats too few distinct characters';
  const lower = secret.toLowerCase();
  if (WEAK_SECRETS.some((weak) => lower.includes(weak))) return 'it contains a well-known word';
  return null;
}

/**
 * The refresh session's lifetime and idle timeout. The idle timeout is at least the access token's
 * lifetime: an app refreshes only when its access token runs out, so a shorter one would end the
 * session of someone at work. The defaults grow with a long JWT_TTL instead of refusing it.
 */
function readSessions(
  variables: EnvironmentVariables,
  jwtTtlSeconds: number,
  production: boolean,
  problems: string[],
): AppConfiguration['sessions'] {
  const idleTimeoutSeconds = readDuration(
    variables.SESSION_IDLE_TIMEOUT,
    {
      name: 'SESSION_IDLE_TIMEOUT',
      fallback: Math.max(SESSION_IDLE_TIMEOUT_SECONDS_DEFAULT, jwtTtlSeconds),
      max: SESSION_LIFETIME_SECONDS_MAX,
      maxLabel: '720h',
    },
    problems,
  );
  const lifetimeSeconds = readDuration(
    variables.SESSION_LIFETIME,
    {
      name: 'SESSION_LIFETIME',
      fallback: Math.max(SESSION_LIFETIME_SECONDS_DEFAULT, idleTimeoutSeconds),
      max: SESSION_LIFETIME_SECONDS_MAX,
      maxLabel: '720h',
    },
    problems,
  );
  if (idleTimeoutSeconds < jwtTtlSeconds)
    problems.push(
      'SESSION_IDLE_TIMEOUT must be at least JWT_TTL (the app refreshes when its access token runs out)',
    );
  if (idleTimeoutSeconds > lifetimeSeconds)
    problems.push('SESSION_IDLE_TIMEOUT must not be longer than SESSION_LIFETIME');
  return { lifetimeSeconds, idleTimeoutSeconds, secureCookie: production };
}

/** `900`, `900s`, `15m` or `1h`. */
function readDuration(
  value: string | undefined,
  rule: { name: string; fallback: number; max: number; maxLabel: string },
  problems: string[],
): number {
  if (value === undefined || value === '') return rule.fallback;
  const match = /^(\d+)([smh]?)$/.exec(value);
  const seconds = match
    ? Number(match[1]) * { '': 1, s: 1, m: 60, h: 3600 }[match[2] as '' | 's' | 'm' | 'h']
    : NaN;
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > rule.max) {
    problems.push(
      `${rule.name} must be a duration such as 900, 15m or 1h, at most ${rule.maxLabel} (got "${value}")`,
    );
    return rule.fallback;
  }
  return seconds;
}

function readFirstAdmin(
  variables: EnvironmentVariables,
  problems: string[],
): AppConfiguration['firstAdmin'] {
  const { ADMIN_EMAIL: email, ADMIN_PASSWORD: password } = variables;
  if (!email && !password) return null;
  if (!email || !password) {
    problems.push('ADMIN_EMAIL and ADMIN_PASSWORD go together: set both or neither');
    return null;
  }
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email))
    problems.push('ADMIN_EMAIL is not an email address');
  if (password.length < ADMIN_PASSWORD_LENGTH_MIN) {
    problems.push(`ADMIN_PASSWORD must have at least ${ADMIN_PASSWORD_LENGTH_MIN} characters`);
  }
  return { email: email.toLowerCase(), password };
}

const PROXY_KEYWORDS = ['loopback', 'linklocal', 'uniquelocal'];

/** `10.0.0.5,192.168.1.0/24,loopback`: what proxy-addr (Fastify's trustProxy) understands. */
function readTrustedProxies(value: string | undefined, problems: string[]): string[] {
  if (value === undefined || value.trim() === '') return [];
  const proxies = value
    .split(',')
    .map((proxy) => proxy.trim())
    .filter(Boolean);
  for (const proxy of proxies) {
    const [address, prefix, ...rest] = proxy.split('/');
    const valid =
      PROXY_KEYWORDS.includes(proxy) ||
      (isIP(address) !== 0 &&
        rest.length === 0 &&
        (prefix === undefined || /^\d{1,3}$/.test(prefix)));
    if (!valid)
      problems.push(
        `TRUSTED_PROXIES must list addresses, CIDR ranges or loopback (got "${proxy}")`,
      );
  }
  return proxies;
}

function readRedisUrl(value: string | undefined, problems: string[]): string | null {
  if (value === undefined || value === '') return null;
  if (!/^rediss?:\/\/[^\s]+$/.test(value))
    problems.push(
      'REDIS_URL must start with redis:// or rediss:// (the value is not shown, it may hold a password)',
    );
  return value;
}

/** A power of two; at least OWASP's 2^17 in production; lower by default in tests only. */
function readScryptCost(
  value: string | undefined,
  environment: Environment,
  problems: string[],
): number {
  const fallback =
    environment === 'test'
      ? PASSWORD_SCRYPT_COST_DEFAULT_TEST
      : PASSWORD_SCRYPT_COST_MIN_PRODUCTION;
  const cost = readInteger(
    value,
    fallback,
    { name: 'PASSWORD_SCRYPT_COST', min: PASSWORD_SCRYPT_COST_MIN, max: PASSWORD_SCRYPT_COST_MAX },
    problems,
  );
  if (!Number.isInteger(Math.log2(cost))) {
    problems.push(`PASSWORD_SCRYPT_COST must be a power of two, such as 131072 (got "${value}")`);
    return fallback;
  }
  if (environment === 'production' && cost < PASSWORD_SCRYPT_COST_MIN_PRODUCTION)
    problems.push(
      `PASSWORD_SCRYPT_COST must be at least ${PASSWORD_SCRYPT_COST_MIN_PRODUCTION} (2^17) in production`,
    );
  return cost;
}

/** Required and strong in production (as JWT_SECRET); a known development pepper elsewhere. */
function readPinPepper(value: string | undefined, production: boolean, problems: string[]): string {
  if (value === undefined || value === '') {
    if (production)
      problems.push(
        `PIN_PEPPER must be set in production: at least ${JWT_SECRET_LENGTH_MIN} random characters (e.g. \`openssl rand -base64 48\`), kept apart from the database's backups`,
      );
    return DEVELOPMENT_PIN_PEPPER;
  }
  if (production) {
    const weakness = secretWeakness(value);
    if (weakness) problems.push(`PIN_PEPPER is too weak for production: ${weakness}`);
  }
  return value;
}

/** `https://app.steerkes.nl,https://kassa.example.nl`: exact origins only, no wildcards. */
function readOrigins(value: string | undefined, problems: string[]): string[] {
  if (value === undefined || value.trim() === '') return [];
  const origins = value
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  for (const origin of origins) {
    let valid: boolean;
    try {
      const url = new URL(origin);
      valid = (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === origin;
    } catch {
      valid = false;
    }
    if (!valid)
      problems.push(
        `CORS_ORIGINS must list origins such as https://app.example.nl (got "${origin}")`,
      );
  }
  return origins;
}

function readLogLevel(
  value: string | undefined,
  environment: Environment,
  problems: string[],
): AppConfiguration['logLevel'] {
  if (value === undefined || value === '') return environment === 'test' ? 'warn' : 'log';
  if (value === 'error' || value === 'warn' || value === 'log' || value === 'debug') return value;
  problems.push(`LOG_LEVEL must be error, warn, log or debug (got "${value}")`);
  return 'log';
}
