import { ConfigurationError } from '../src/config/configuration.js';
import { createTestApp } from './support/test-app.js';

const STRONG_SECRET = 'Zq3vN8xL2pW7rT5yK9mB4cF6hJ1dG0sA';

describe('Story: an operator starts Steerkes in production', () => {
  it('refuses to start on an empty database without a first admin', async () => {
    await expect(
      createTestApp({
        demoData: false,
        environment: { NODE_ENV: 'production', JWT_SECRET: STRONG_SECRET },
      }),
    ).rejects.toThrow(ConfigurationError);
  });

  it('creates the first admin from ADMIN_EMAIL and ADMIN_PASSWORD, and no demo users', async () => {
    const testApp = await createTestApp({
      demoData: false,
      environment: {
        NODE_ENV: 'production',
        JWT_SECRET: STRONG_SECRET,
        ADMIN_EMAIL: 'beheer@steerkes.nl',
        ADMIN_PASSWORD: 'a-very-long-admin-password',
      },
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
