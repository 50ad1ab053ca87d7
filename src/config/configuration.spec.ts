import { resolve } from 'node:path';
import {
  ConfigurationError,
  DEFAULT_SQLITE_PATH,
  loadConfiguration,
  secretWeakness,
} from './configuration.js';

const STRONG_SECRET = 'p6Wq9vT2xZ8rLm4NcY7bKd3Hs5Fg1JuE0aQwErTy';
const STRONG_PEPPER = 'Lk8sQ2wE5rT7yU9iO1pA3sD4fG6hJ0zXcV';
/** What production needs besides the defaults. */
const PRODUCTION = { NODE_ENV: 'production', JWT_SECRET: STRONG_SECRET, PIN_PEPPER: STRONG_PEPPER };

describe(loadConfiguration.name, () => {
  it('defaults to a SQLite file, port 3000 and a generated secret outside production', () => {
    const configuration = loadConfiguration({});
    expect(configuration.environment).toBe('development');
    expect(configuration.port).toBe(3000);
    expect(configuration.database).toEqual({ kind: 'sqlite', path: resolve(DEFAULT_SQLITE_PATH) });
    expect(configuration.jwt.secretWasGenerated).toBe(true);
    expect(configuration.jwt.ttlSeconds).toBe(900);
    expect(configuration.loadDemoData).toBe(true);
  });

  it('reads sqlite: and postgres:// URLs', () => {
    expect(loadConfiguration({ DATABASE_URL: 'sqlite:/tmp/x.sqlite' }).database).toEqual({
      kind: 'sqlite',
      path: '/tmp/x.sqlite',
    });
    expect(
      loadConfiguration({ DATABASE_URL: 'postgres://u@127.0.0.1:5432/test' }).database,
    ).toEqual({
      kind: 'postgres',
      url: 'postgres://u@127.0.0.1:5432/test',
    });
  });

  it('refuses to start in production without a JWT secret', () => {
    expect(() => loadConfiguration({ NODE_ENV: 'production' })).toThrow(
      /JWT_SECRET must be set in production/,
    );
  });

  it.each(['short', 'a'.repeat(40), `changeme-${STRONG_SECRET}`])(
    'refuses the weak production secret %p',
    (secret) => {
      expect(() => loadConfiguration({ NODE_ENV: 'production', JWT_SECRET: secret })).toThrow(
        /JWT_SECRET is too weak/,
      );
    },
  );

  it('never echoes the secret or a database password in its message', () => {
    try {
      loadConfiguration({
        NODE_ENV: 'production',
        JWT_SECRET: 'hunter2-secret',
        DATABASE_URL: 'mysql://root:pw@x/db',
      });
      throw new Error('should have thrown');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigurationError);
      expect((error as Error).message).not.toContain('hunter2');
      expect((error as Error).message).not.toContain(':pw@');
    }
  });

  it('accepts a strong production secret and never loads demo data in production', () => {
    const configuration = loadConfiguration(PRODUCTION);
    expect(configuration.jwt.secretWasGenerated).toBe(false);
    expect(configuration.loadDemoData).toBe(false);
  });

  it('reports every problem at once', () => {
    try {
      loadConfiguration({ PORT: 'eighty', JWT_TTL: '2d', ADMIN_EMAIL: 'root@x.nl' });
      throw new Error('should have thrown');
    } catch (error) {
      expect((error as ConfigurationError).problems).toHaveLength(3);
    }
  });

  it.each([
    ['900', 900],
    ['15m', 900],
    ['1h', 3600],
    ['30s', 30],
  ])('reads JWT_TTL %p as %p seconds', (value, seconds) => {
    expect(loadConfiguration({ JWT_TTL: value }).jwt.ttlSeconds).toBe(seconds);
  });

  it('keeps login sessions 12 hours, 2 hours idle, with a Secure cookie only in production', () => {
    expect(loadConfiguration({}).sessions).toEqual({
      lifetimeSeconds: 12 * 3600,
      idleTimeoutSeconds: 2 * 3600,
      secureCookie: false,
    });
    expect(loadConfiguration(PRODUCTION).sessions.secureCookie).toBe(true);
    expect(
      loadConfiguration({ SESSION_LIFETIME: '8h', SESSION_IDLE_TIMEOUT: '30m' }).sessions,
    ).toEqual({
      lifetimeSeconds: 8 * 3600,
      idleTimeoutSeconds: 30 * 60,
      secureCookie: false,
    });
  });

  it('grows the session defaults with a long JWT_TTL rather than refusing it', () => {
    expect(loadConfiguration({ JWT_TTL: '24h' }).sessions).toMatchObject({
      idleTimeoutSeconds: 24 * 3600,
      lifetimeSeconds: 24 * 3600,
    });
  });

  it.each([
    [{ SESSION_LIFETIME: '2d' }, /SESSION_LIFETIME must be a duration/],
    [{ SESSION_LIFETIME: '721h' }, /SESSION_LIFETIME must be a duration .* at most 720h/],
    [{ SESSION_IDLE_TIMEOUT: '0' }, /SESSION_IDLE_TIMEOUT must be a duration/],
    [{ SESSION_IDLE_TIMEOUT: '10m' }, /SESSION_IDLE_TIMEOUT must be at least JWT_TTL/],
    [
      { SESSION_LIFETIME: '1h', SESSION_IDLE_TIMEOUT: '2h' },
      /SESSION_IDLE_TIMEOUT must not be longer than SESSION_LIFETIME/,
    ],
  ])('refuses the session settings %p', (variables, message) => {
    expect(() => loadConfiguration(variables)).toThrow(message);
  });

  it('gives a new demo its year of history unless DEMO_HISTORY=off', () => {
    expect(loadConfiguration({}).demoHistory).toBe(true);
    expect(loadConfiguration({ DEMO_HISTORY: 'on' }).demoHistory).toBe(true);
    expect(loadConfiguration({ DEMO_HISTORY: 'off' }).demoHistory).toBe(false);
    expect(() => loadConfiguration({ DEMO_HISTORY: 'no' })).toThrow(
      /DEMO_HISTORY must be on or off/,
    );
  });

  it('bounds an organisation’s credit limit at 500.00 STK unless ORGANISATION_CREDIT_LIMIT_MAX says otherwise', () => {
    expect(loadConfiguration({}).organisationCreditLimitMaxMinor).toBe(50000n);
    expect(
      loadConfiguration({ ORGANISATION_CREDIT_LIMIT_MAX: '75.50' }).organisationCreditLimitMaxMinor,
    ).toBe(7550n);
    expect(
      loadConfiguration({ ORGANISATION_CREDIT_LIMIT_MAX: '0' }).organisationCreditLimitMaxMinor,
    ).toBe(0n);
    for (const value of ['-50.00', 'lots', '1.234', '1000000.01'])
      expect(() => loadConfiguration({ ORGANISATION_CREDIT_LIMIT_MAX: value })).toThrow(
        /ORGANISATION_CREDIT_LIMIT_MAX must be an amount in STK/,
      );
  });

  it('checks the first admin credentials', () => {
    expect(() => loadConfiguration({ ADMIN_EMAIL: 'a@b.nl', ADMIN_PASSWORD: 'short' })).toThrow(
      /ADMIN_PASSWORD/,
    );
    expect(
      loadConfiguration({
        ADMIN_EMAIL: 'Beheer@Steerkes.nl',
        ADMIN_PASSWORD: 'a-long-enough-password',
      }).firstAdmin,
    ).toEqual({
      email: 'beheer@steerkes.nl',
      password: 'a-long-enough-password',
    });
  });
});

describe('accounts and sign-in settings', () => {
  it('hashes passwords at OWASP scrypt N=2^17 by default, lower only when asked outside production', () => {
    expect(loadConfiguration({}).passwordScryptCost).toBe(2 ** 17);
    expect(loadConfiguration(PRODUCTION).passwordScryptCost).toBe(2 ** 17);
    expect(loadConfiguration({ NODE_ENV: 'test' }).passwordScryptCost).toBe(2 ** 12);
    expect(loadConfiguration({ PASSWORD_SCRYPT_COST: '1024' }).passwordScryptCost).toBe(1024);
    expect(() => loadConfiguration({ ...PRODUCTION, PASSWORD_SCRYPT_COST: '16384' })).toThrow(
      /PASSWORD_SCRYPT_COST must be at least 131072 \(2\^17\) in production/,
    );
    expect(() => loadConfiguration({ PASSWORD_SCRYPT_COST: '100000' })).toThrow(/power of two/);
    expect(() => loadConfiguration({ PASSWORD_SCRYPT_COST: '512' })).toThrow(
      /PASSWORD_SCRYPT_COST must be a whole number from 1024/,
    );
  });

  it('needs a strong PIN_PEPPER in production, never echoing it', () => {
    expect(() => loadConfiguration({ ...PRODUCTION, PIN_PEPPER: '' })).toThrow(
      /PIN_PEPPER must be set in production/,
    );
    try {
      loadConfiguration({ ...PRODUCTION, PIN_PEPPER: 'pepper-short' });
      throw new Error('should have thrown');
    } catch (error) {
      expect((error as Error).message).toMatch(/PIN_PEPPER is too weak for production/);
      expect((error as Error).message).not.toContain('pepper-short');
    }
    expect(loadConfiguration(PRODUCTION).pinPepper).toBe(STRONG_PEPPER);
    expect(loadConfiguration({}).pinPepper.length).toBeGreaterThan(0);
  });

  it('reads TRUSTED_PROXIES and REDIS_URL, refusing what they cannot be', () => {
    expect(loadConfiguration({}).trustedProxies).toEqual([]);
    expect(
      loadConfiguration({ TRUSTED_PROXIES: '10.0.0.5, 192.168.1.0/24,loopback,::1' })
        .trustedProxies,
    ).toEqual(['10.0.0.5', '192.168.1.0/24', 'loopback', '::1']);
    expect(() => loadConfiguration({ TRUSTED_PROXIES: 'proxy.example.nl' })).toThrow(
      /TRUSTED_PROXIES must list addresses/,
    );
    expect(loadConfiguration({}).redisUrl).toBeNull();
    expect(loadConfiguration({ REDIS_URL: 'redis://127.0.0.1:6379' }).redisUrl).toBe(
      'redis://127.0.0.1:6379',
    );
    expect(() => loadConfiguration({ REDIS_URL: 'http://x:secretpw@y' })).toThrow(/REDIS_URL/);
    expect(() => loadConfiguration({ REDIS_URL: 'http://x:secretpw@y' })).not.toThrow(/secretpw/);
  });
});

describe(secretWeakness.name, () => {
  it('accepts a long random secret', () => {
    expect(secretWeakness(STRONG_SECRET)).toBeNull();
  });
});
