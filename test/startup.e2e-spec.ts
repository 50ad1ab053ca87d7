import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ConfigurationError } from '../src/config/configuration.js';
import { createTestApp } from './support/test-app.js';
import { createTestDatabase } from './support/test-database.js';

const STRONG_SECRET = 'Zq3vN8xL2pW7rT5yK9mB4cF6hJ1dG0sA';
const STRONG_PEPPER = 'Lk8sQ2wE5rT7yU9iO1pA3sD4fG6hJ0zXcV';
/** What production needs; its scrypt cost is production's own (2^17). */
const PRODUCTION = {
  NODE_ENV: 'production',
  JWT_SECRET: STRONG_SECRET,
  PIN_PEPPER: STRONG_PEPPER,
  ADMIN_EMAIL: 'beheer@steerkes.nl',
  ADMIN_PASSWORD: 'a-very-long-admin-password',
};

describe('Story: an operator starts Steerkes in production', () => {
  it('refuses to start on an empty database without a first admin', async () => {
    await expect(
      createTestApp({
        demoData: false,
        environment: {
          NODE_ENV: 'production',
          JWT_SECRET: STRONG_SECRET,
          PIN_PEPPER: STRONG_PEPPER,
        },
      }),
    ).rejects.toThrow(ConfigurationError);
  });

  it('refuses to start while any demo login (public password) exists in its database', async () => {
    const database = await createTestDatabase();
    try {
      const demo = await createTestApp({ shareDatabase: database });
      await demo.close();
      await expect(
        createTestApp({ shareDatabase: database, demoData: false, environment: PRODUCTION }),
      ).rejects.toThrow(/demo logins/);
    } finally {
      await database.drop();
    }
  });

  it('refuses a demo login by its mark, even with its e-mail changed', async () => {
    const database = await createTestDatabase();
    try {
      const demo = await createTestApp({ shareDatabase: database });
      await demo.app
        .get(DataSource)
        .query(
          "UPDATE users SET email = REPLACE(email, '@steerkes.test', '@example.nl') WHERE email LIKE '%@steerkes.test'",
        );
      await demo.close();
      await expect(
        createTestApp({ shareDatabase: database, demoData: false, environment: PRODUCTION }),
      ).rejects.toThrow(/demo logins/);
    } finally {
      await database.drop();
    }
  });

  it('refuses PIN_PEPPER missing or weak, and a low PASSWORD_SCRYPT_COST', async () => {
    const weakenings: Array<Record<string, string>> = [
      { PIN_PEPPER: '' },
      { PIN_PEPPER: 'pepper' },
      { PASSWORD_SCRYPT_COST: '16384' },
    ];
    for (const weakening of weakenings)
      await expect(
        createTestApp({ demoData: false, environment: { ...PRODUCTION, ...weakening } }),
      ).rejects.toThrow(ConfigurationError);
  });

  it('creates the first admin from ADMIN_EMAIL and ADMIN_PASSWORD, and no demo users', async () => {
    const testApp = await createTestApp({
      demoData: false,
      environment: PRODUCTION,
    });
    try {
      expect(testApp.configuration.loadDemoData).toBe(false);
      const login = await testApp.http
        .post('/api/v1/auth/login')
        .send({ email: 'beheer@steerkes.nl', password: 'a-very-long-admin-password' })
        .expect(200);
      expect(login.body.user.role).toBe('admin');
      await testApp.http
        .post('/api/v1/auth/login')
        .send({ email: 'admin@steerkes.test', password: 'steerkes-demo' })
        .expect(401);
      const parties = await testApp.http
        .get('/api/v1/parties')
        .set('Authorization', `Bearer ${login.body.accessToken}`)
        .expect(200);
      expect(parties.body.items).toEqual([]);
    } finally {
      await testApp.close();
    }
  });
});

describe('Story: a developer starts the quick start', () => {
  afterEach(() => jest.restoreAllMocks());

  it('says loudly that it is a demo with public passwords', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn');
    const testApp = await createTestApp({ environment: { NODE_ENV: 'development' } });
    try {
      const warnings = warn.mock.calls.map(([message]) => String(message));
      const block = warnings.find((message) => message.includes('THIS IS A DEMO'));
      expect(block).toBeDefined();
      expect(block).toContain('PUBLIC');
      expect(block).toContain('"steerkes-demo"');
      expect(block).toContain('admin@steerkes.test (admin)');
      expect(block).toContain('Production (NODE_ENV=production)');
      // ...and a new user sees a working Maastricht.
      await testApp.http
        .post('/api/v1/auth/login')
        .send({ email: 'volunteer@steerkes.test', password: 'steerkes-demo' })
        .expect(200);
    } finally {
      await testApp.close();
    }
  });

  it('says it again on a demo database started with DEMO_DATA=off', async () => {
    const database = await createTestDatabase();
    try {
      await (await createTestApp({ shareDatabase: database })).close();
      const warn = jest.spyOn(Logger.prototype, 'warn');
      const again = await createTestApp({
        shareDatabase: database,
        demoData: false,
        environment: { NODE_ENV: 'development' },
      });
      await again.close();
      const warnings = warn.mock.calls.map(([message]) => String(message));
      expect(warnings.some((message) => message.includes('THIS IS A DEMO'))).toBe(true);
    } finally {
      await database.drop();
    }
  });

  it('says nothing of a demo on a database without one', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn');
    const testApp = await createTestApp({
      demoData: false,
      environment: {
        NODE_ENV: 'development',
        ADMIN_EMAIL: 'beheer@steerkes.nl',
        ADMIN_PASSWORD: 'a-very-long-admin-password',
      },
    });
    try {
      const warnings = warn.mock.calls.map(([message]) => String(message));
      expect(warnings.some((message) => message.includes('THIS IS A DEMO'))).toBe(false);
    } finally {
      await testApp.close();
    }
  });
});
