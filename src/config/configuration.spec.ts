import { resolve } from 'node:path';
import { ConfigurationError, DEFAULT_SQLITE_PATH, loadConfiguration, secretWeakness } from './configuration.js';

const STRONG_SECRET = 'p6Wq9vT2xZ8rLm4NcY7bKd3Hs5Fg1JuE0aQwErTy';

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
    expect(loadConfiguration({ DATABASE_URL: 'sqlite:/tmp/x.sqlite' }).database).toEqual({ kind: 'sqlite', path: '/tmp/x.sqlite' });
    expect(loadConfiguration({ DATABASE_URL: 'postgres://u@127.0.0.1:5432/test' }).database).toEqual({
      kind: 'postgres',
      url: 'postgres://u@127.0.0.1:5432/test',
    });
  });

  it('refuses to start in production without a JWT secret', () => {
    expect(() => loadConfiguration({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET must be set in production/);
  });

  it.each(['short', 'a'.repeat(40), `changeme-${STRONG_SECRET}`])('refuses the weak production secret %p', (secret) => {
    expect(() => loadConfiguration({ NODE_ENV: 'production', JWT_SECRET: secret })).toThrow(/JWT_SECRET is too weak/);
  });

  it('never echoes the secret or a database password in its message', () => {
    try {
      loadConfiguration({ NODE_ENV: 'production', JWT_SECRET: 'hunter2-secret', DATABASE_URL: 'mysql://root:pw@x/db' });
      throw new Error('should have thrown');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigurationError);
      expect((error as Error).message).not.toContain('hunter2');
      expect((error as Error).message).not.toContain(':pw@');
    }
  });

  it('accepts a strong production secret and never loads demo data in production', () => {
    const configuration = loadConfiguration({ NODE_ENV: 'production', JWT_SECRET: STRONG_SECRET });
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

  it('checks the first admin credentials', () => {
    expect(() => loadConfiguration({ ADMIN_EMAIL: 'a@b.nl', ADMIN_PASSWORD: 'short' })).toThrow(/ADMIN_PASSWORD/);
    expect(loadConfiguration({ ADMIN_EMAIL: 'Beheer@Steerkes.nl', ADMIN_PASSWORD: 'a-long-enough-password' }).firstAdmin).toEqual({
      email: 'beheer@steerkes.nl',
      password: 'a-long-enough-password',
    });
  });
});

describe(secretWeakness.name, () => {
  it('accepts a long random secret', () => {
    expect(secretWeakness(STRONG_SECRET)).toBeNull();
  });
});
