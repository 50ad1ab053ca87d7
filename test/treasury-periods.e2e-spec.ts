import { login, type Session } from './factories/sessions.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/** The treasurer's dashboard lists which months are closed: GET /treasury/periods. */
describe('Story: the treasurer sees which months are closed', () => {
  let testApp: TestApp;
  let treasurer: Session;

  beforeAll(async () => {
    testApp = await createTestApp(); // the demo, on 2026-11-23
    treasurer = await login(testApp.http, 'treasurer@steerkes.test');
  });
  afterAll(() => testApp.close());

  it('lists each closed month, oldest first, with when and by whom; an open month is absent', async () => {
    const before = (
      await testApp.http.get('/api/v1/treasury/periods').set(treasurer.auth).expect(200)
    ).body as Array<{ period: string }>;
    expect(before.map((line) => line.period)).not.toContain('2026-09');
    for (const period of ['2026-09', '2026-08'])
      await testApp.http
        .post(`/api/v1/treasury/periods/${period}/close`)
        .set(treasurer.auth)
        .expect(201);
    const after = (
      await testApp.http.get('/api/v1/treasury/periods').set(treasurer.auth).expect(200)
    ).body as Array<{ period: string; closedAt: string; closedBy: string | null }>;
    const periods = after.map((line) => line.period);
    expect(periods).toEqual([...periods].sort());
    expect(periods).toEqual(expect.arrayContaining(['2026-08', '2026-09']));
    expect(periods).not.toContain('2026-10');
    expect(after.find((line) => line.period === '2026-09')).toEqual({
      period: '2026-09',
      closedAt: expect.stringMatching(/^2026-11-23T/),
      closedBy: treasurer.userId,
    });
  });

  it('is the treasurer’s and the admin’s only', async () => {
    const volunteer = await login(testApp.http, 'volunteer@steerkes.test');
    await testApp.http.get('/api/v1/treasury/periods').set(volunteer.auth).expect(403);
    await testApp.http.get('/api/v1/treasury/periods').expect(401);
  });
});
