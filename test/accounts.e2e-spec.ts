import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { DataSource } from 'typeorm';
import { PASSWORD_RESET_CODE_LIFETIME_MS } from '../src/auth/users.service.js';
import { hashSecret } from '../src/common/password-hasher.js';
import type { Role } from '../src/common/roles.js';
import { createParty, FACTORY_PASSWORD } from './factories/parties.js';
import { DEMO_EMAIL, login, loginAllRoles, type Session } from './factories/sessions.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/**
 * Issue 13, accounts of people: an admin disables and enables users, changes their role and
 * starts a password reset (a one-time code); a user changes their own password. Each ends the
 * user's sessions (access tokens and refresh cookies), is audited, and each refusal writes nothing.
 */
const API = '/api/v1';
const COOKIE = 'steerkes_refresh';
const NEW_PASSWORD = 'Een-nieuw-sterk-wachtwoord-7';

describe('Story: an admin looks after the accounts of people', () => {
  let testApp: TestApp;
  let roles: Record<Role, Session>;
  const http = () => testApp.http;

  beforeAll(async () => {
    testApp = await createTestApp();
    roles = await loginAllRoles(testApp.http);
  });
  afterAll(() => testApp.close());

  const query = <T>(sql: string, parameters: unknown[] = []): Promise<T[]> =>
    testApp.app.get(DataSource).query(sql, parameters);

  /** Everything a refusal must leave as it was: the user's row and the audit log's size. */
  const snapshot = async (userId: string) => ({
    user: await query(
      `SELECT password_hash, role, party_id, session_version, disabled_at, password_reset_hash, password_reset_expires_at FROM users WHERE id = ${placeholder()}`,
      [userId],
    ),
    audit: await query(`SELECT COUNT(*) AS n FROM audit_events`),
  });

  function placeholder(): string {
    return testApp.database.configuration.kind === 'postgres' ? '$1' : '?';
  }

  const auditOf = (userId: string) =>
    query<{ action: string; actor_id: string | null; details: string }>(
      `SELECT action, actor_id, details FROM audit_events WHERE subject_id = ${placeholder()} ORDER BY occurred_at, action`,
      [userId],
    );

  /** A new volunteer with a party of their own, logged in with a refresh cookie. */
  async function newVolunteer(): Promise<{
    id: string;
    email: string;
    session: Session;
    refreshToken: string;
  }> {
    const party = await createParty(http(), roles.admin, { kind: 'volunteer' });
    const email = `vrijwilliger-${randomUUID().slice(0, 8)}@example.nl`;
    const created = await http()
      .post(`${API}/users`)
      .set(roles.admin.auth)
      .send({
        email,
        password: FACTORY_PASSWORD,
        role: 'volunteer',
        partyId: party.id,
        displayName: 'Vrijwilliger',
      })
      .expect(201);
    const { session, refreshToken } = await loginWithCookie(email, FACTORY_PASSWORD);
    return { id: created.body.id, email, session, refreshToken };
  }

  async function loginWithCookie(email: string, password: string) {
    const response = await http().post(`${API}/auth/login`).send({ email, password }).expect(200);
    const cookie = (response.headers['set-cookie'] as unknown as string[]).find((c) =>
      c.startsWith(`${COOKIE}=`),
    )!;
    const refreshToken = decodeURIComponent(cookie.split(';')[0].slice(COOKIE.length + 1));
    const session: Session = {
      token: response.body.accessToken,
      userId: response.body.user.id,
      partyId: response.body.user.partyId,
      auth: { Authorization: `Bearer ${response.body.accessToken}` },
    };
    return { session, refreshToken };
  }

  const refresh = (refreshToken: string) =>
    http()
      .post(`${API}/auth/refresh`)
      .set('Cookie', `${COOKIE}=${encodeURIComponent(refreshToken)}`);

  /** Both the access token and the refresh cookie of a session stopped working. */
  async function expectSessionEnded(session: Session, refreshToken: string): Promise<void> {
    const me = await http().get(`${API}/auth/me`).set(session.auth).expect(401);
    expect(me.body.code).toBe('TOKEN_REVOKED');
    const refreshed = await refresh(refreshToken).expect(401);
    expect(refreshed.body.code).toBe('SESSION_ENDED');
  }

  function expectProblem(response: Response, status: number, code: string): void {
    expect({ status: response.status, code: response.body.code }).toEqual({ status, code });
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  }

  it('audits the creation of users and parties, with who did it and no password', async () => {
    const volunteer = await newVolunteer();
    const [created] = await auditOf(volunteer.id);
    expect(created).toMatchObject({ action: 'user.created', actor_id: roles.admin.userId });
    expect(JSON.stringify(created)).not.toContain(FACTORY_PASSWORD);
    const partyEvents = await auditOf(volunteer.session.partyId!);
    expect(partyEvents.map((event) => event.action)).toEqual(['party.created']);
  });

  it('disables a user: sessions end, login is refused, until enabled again; both audited', async () => {
    const volunteer = await newVolunteer();
    const disabled = await http()
      .post(`${API}/users/${volunteer.id}/disable`)
      .set(roles.admin.auth)
      .expect(200);
    expect(disabled.body).toMatchObject({ id: volunteer.id, disabled: true });
    await expectSessionEnded(volunteer.session, volunteer.refreshToken);
    const refused = await http()
      .post(`${API}/auth/login`)
      .send({ email: volunteer.email, password: FACTORY_PASSWORD });
    expectProblem(refused, 403, 'ACCOUNT_DISABLED');
    // A wrong password learns nothing about the account's state.
    const guessed = await http()
      .post(`${API}/auth/login`)
      .send({ email: volunteer.email, password: 'wrong-password-1' });
    expectProblem(guessed, 401, 'INVALID_CREDENTIALS');

    const enabled = await http()
      .post(`${API}/users/${volunteer.id}/enable`)
      .set(roles.admin.auth)
      .expect(200);
    expect(enabled.body.disabled).toBe(false);
    await login(http(), volunteer.email, FACTORY_PASSWORD);
    expect((await auditOf(volunteer.id)).map((event) => event.action)).toEqual([
      'user.created',
      'user.disabled',
      'user.enabled',
    ]);
  });

  it('refuses an admin disabling or demoting themselves, another role, and an unknown user, writing nothing', async () => {
    const volunteer = await newVolunteer();
    const before = await snapshot(roles.admin.userId);
    const ownDisable = await http()
      .post(`${API}/users/${roles.admin.userId}/disable`)
      .set(roles.admin.auth);
    expectProblem(ownDisable, 409, 'OWN_ACCOUNT');
    const ownRole = await http()
      .put(`${API}/users/${roles.admin.userId}/role`)
      .set(roles.admin.auth)
      .send({ role: 'treasurer' });
    expectProblem(ownRole, 409, 'OWN_ACCOUNT');
    expect(await snapshot(roles.admin.userId)).toEqual(before);

    const victim = await snapshot(volunteer.id);
    for (const role of ['treasurer', 'org_manager', 'business_operator', 'volunteer'] as const) {
      for (const attempt of [
        http().post(`${API}/users/${volunteer.id}/disable`).set(roles[role].auth),
        http().post(`${API}/users/${volunteer.id}/password-reset`).set(roles[role].auth),
        http()
          .put(`${API}/users/${volunteer.id}/role`)
          .set(roles[role].auth)
          .send({ role: 'admin' }),
      ])
        expectProblem(await attempt, 403, 'FORBIDDEN');
    }
    expect(await snapshot(volunteer.id)).toEqual(victim);
    await http().get(`${API}/auth/me`).set(volunteer.session.auth).expect(200);

    const unknown = randomUUID();
    for (const attempt of [
      http().post(`${API}/users/${unknown}/disable`).set(roles.admin.auth),
      http().post(`${API}/users/${unknown}/enable`).set(roles.admin.auth),
      http().post(`${API}/users/${unknown}/password-reset`).set(roles.admin.auth),
      http().put(`${API}/users/${unknown}/role`).set(roles.admin.auth).send({ role: 'treasurer' }),
    ])
      expectProblem(await attempt, 404, 'NOT_FOUND');
  });

  it("changes a user's role: old tokens end, the new login carries the new role; audited", async () => {
    const volunteer = await newVolunteer();
    const changed = await http()
      .put(`${API}/users/${volunteer.id}/role`)
      .set(roles.admin.auth)
      .send({ role: 'treasurer' })
      .expect(200);
    expect(changed.body).toMatchObject({ role: 'treasurer', partyId: null });
    await expectSessionEnded(volunteer.session, volunteer.refreshToken);
    const again = await login(http(), volunteer.email, FACTORY_PASSWORD);
    const me = await http().get(`${API}/auth/me`).set(again.auth).expect(200);
    expect(me.body.role).toBe('treasurer');
    const events = await auditOf(volunteer.id);
    expect(events.map((event) => event.action)).toContain('user.role-changed');
  });

  it('refuses a role whose party does not fit, and an unknown role, writing nothing', async () => {
    const volunteer = await newVolunteer();
    const before = await snapshot(volunteer.id);
    const withoutParty = await http()
      .put(`${API}/users/${volunteer.id}/role`)
      .set(roles.admin.auth)
      .send({ role: 'business_operator' });
    expectProblem(withoutParty, 400, 'VALIDATION_FAILED');
    const unknownRole = await http()
      .put(`${API}/users/${volunteer.id}/role`)
      .set(roles.admin.auth)
      .send({ role: 'superuser' });
    expectProblem(unknownRole, 400, 'VALIDATION_FAILED');
    expect(await snapshot(volunteer.id)).toEqual(before);
  });

  it('lets a user change their own password with the old one; every session ends', async () => {
    const volunteer = await newVolunteer();
    await http()
      .post(`${API}/auth/password`)
      .set(volunteer.session.auth)
      .send({ currentPassword: FACTORY_PASSWORD, newPassword: NEW_PASSWORD })
      .expect(204);
    await expectSessionEnded(volunteer.session, volunteer.refreshToken);
    const old = await http()
      .post(`${API}/auth/login`)
      .send({ email: volunteer.email, password: FACTORY_PASSWORD });
    expectProblem(old, 401, 'INVALID_CREDENTIALS');
    await login(http(), volunteer.email, NEW_PASSWORD);
    const [changed] = (await auditOf(volunteer.id)).filter(
      (event) => event.action === 'user.password-changed',
    );
    expect(changed.actor_id).toBe(volunteer.id);
    expect(JSON.stringify(changed)).not.toContain(NEW_PASSWORD);
  });

  it('refuses a wrong old password and a weak new one, writing nothing', async () => {
    const volunteer = await newVolunteer();
    const before = await snapshot(volunteer.id);
    const wrongOld = await http()
      .post(`${API}/auth/password`)
      .set(volunteer.session.auth)
      .send({ currentPassword: 'not-the-password', newPassword: NEW_PASSWORD });
    expectProblem(wrongOld, 400, 'CURRENT_PASSWORD_WRONG');
    const weakOnes = ['kort', 'aaaaaaaaaaaa', 'steerkes-demo', '1234567890', `${volunteer.email}!`];
    for (const newPassword of weakOnes) {
      const weak = await http()
        .post(`${API}/auth/password`)
        .set(volunteer.session.auth)
        .send({ currentPassword: FACTORY_PASSWORD, newPassword });
      expectProblem(weak, 400, 'VALIDATION_FAILED');
      expect(weak.body.errors[0].field).toBe('newPassword');
    }
    expect(await snapshot(volunteer.id)).toEqual(before);
    await http().get(`${API}/auth/me`).set(volunteer.session.auth).expect(200);
    await http().post(`${API}/auth/password`).send({}).expect(401);
  });

  it('resets a password with a one-time code: only its hash kept, sessions end, used once', async () => {
    const volunteer = await newVolunteer();
    const started = await http()
      .post(`${API}/users/${volunteer.id}/password-reset`)
      .set(roles.admin.auth)
      .expect(200);
    const { code, expiresAt } = started.body as { code: string; expiresAt: string };
    expect(started.text).not.toContain(FACTORY_PASSWORD);
    expect(Date.parse(expiresAt) - testApp.clock.now().getTime()).toBe(
      PASSWORD_RESET_CODE_LIFETIME_MS,
    );
    const [row] = await query<{ password_reset_hash: string }>(
      `SELECT password_reset_hash FROM users WHERE id = ${placeholder()}`,
      [volunteer.id],
    );
    expect(row.password_reset_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.password_reset_hash).not.toContain(code.split('.')[1]);
    await expectSessionEnded(volunteer.session, volunteer.refreshToken);

    await http()
      .post(`${API}/auth/password-reset`)
      .send({ code, newPassword: NEW_PASSWORD })
      .expect(204);
    await login(http(), volunteer.email, NEW_PASSWORD);

    const before = await snapshot(volunteer.id);
    const reused = await http()
      .post(`${API}/auth/password-reset`)
      .send({ code, newPassword: 'Nog-een-ander-wachtwoord-9' });
    expectProblem(reused, 400, 'RESET_CODE_INVALID');
    expect(await snapshot(volunteer.id)).toEqual(before);
    expect((await auditOf(volunteer.id)).map((event) => event.action)).toEqual(
      expect.arrayContaining(['user.password-reset-started', 'user.password-changed']),
    );
  });

  it('refuses an expired, a forged and a replaced reset code, and a weak password, writing nothing', async () => {
    const volunteer = await newVolunteer();
    const first = (
      await http().post(`${API}/users/${volunteer.id}/password-reset`).set(roles.admin.auth)
    ).body.code as string;
    const second = (
      await http().post(`${API}/users/${volunteer.id}/password-reset`).set(roles.admin.auth)
    ).body.code as string;
    const before = await snapshot(volunteer.id);

    const replaced = await http()
      .post(`${API}/auth/password-reset`)
      .send({ code: first, newPassword: NEW_PASSWORD });
    expectProblem(replaced, 400, 'RESET_CODE_INVALID');
    const forged = await http()
      .post(`${API}/auth/password-reset`)
      .send({ code: `${volunteer.id}.${'A'.repeat(43)}`, newPassword: NEW_PASSWORD });
    expectProblem(forged, 400, 'RESET_CODE_INVALID');
    const weak = await http()
      .post(`${API}/auth/password-reset`)
      .send({ code: second, newPassword: 'steerkes-demo' });
    expectProblem(weak, 400, 'VALIDATION_FAILED');
    const malformed = await http()
      .post(`${API}/auth/password-reset`)
      .send({ code: 'x'.repeat(81), newPassword: NEW_PASSWORD });
    expectProblem(malformed, 400, 'VALIDATION_FAILED');

    testApp.clock.advance(PASSWORD_RESET_CODE_LIFETIME_MS);
    try {
      const expired = await http()
        .post(`${API}/auth/password-reset`)
        .send({ code: second, newPassword: NEW_PASSWORD });
      expectProblem(expired, 400, 'RESET_CODE_EXPIRED');
    } finally {
      testApp.clock.advance(-PASSWORD_RESET_CODE_LIFETIME_MS);
    }
    expect(await snapshot(volunteer.id)).toEqual(before);
  });

  it('upgrades a password hash of older parameters at the next correct login', async () => {
    const volunteer = await newVolunteer();
    const old = await hashSecret('scrypt', FACTORY_PASSWORD, {
      cost: 2 ** 10,
      blockSize: 8,
      parallelism: 1,
    });
    await query(`UPDATE users SET password_hash = ${placeholder()} WHERE id = '${volunteer.id}'`, [
      old,
    ]);
    // A wrong password changes nothing.
    await http()
      .post(`${API}/auth/login`)
      .send({ email: volunteer.email, password: 'wrong-password-1' })
      .expect(401);
    const stored = () =>
      query<{ password_hash: string }>(
        `SELECT password_hash FROM users WHERE id = ${placeholder()}`,
        [volunteer.id],
      ).then(([row]) => row.password_hash);
    expect(await stored()).toBe(old);
    await login(http(), volunteer.email, FACTORY_PASSWORD);
    const upgraded = await stored();
    expect(upgraded).not.toBe(old);
    expect(upgraded.startsWith(`scrypt$${testApp.configuration.passwordScryptCost}$8$1$`)).toBe(
      true,
    );
    await login(http(), volunteer.email, FACTORY_PASSWORD);
  });

  it('keeps the demo admin able to act: the demo logins still work', async () => {
    await login(http(), DEMO_EMAIL.admin);
  });
});
