import { randomUUID } from 'node:crypto';
import { API, expectProblem, newKey, readAccount } from './factories/ledger.js';
import { FACTORY_PASSWORD } from './factories/parties.js';
import {
  createBusiness,
  createOffer,
  createVolunteer,
  giveApprovedHours,
  issuePass,
  redeem,
  type TestVolunteer,
} from './factories/passes.js';
import { createFundedParty } from './factories/ledger.js';
import { login, loginAllRoles, type Session } from './factories/sessions.js';
import type { Role } from '../src/common/roles.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/**
 * A volunteer's rights over their data (AVG/GDPR): they download everything held about them and
 * nothing of anyone else, correct their name and e-mail (audited), and are erased: pseudonymised,
 * logged out for good, their pass blocked, while the ledger keeps its entries and still verifies.
 */
describe('Story: a volunteer exports, corrects and erases their personal data', () => {
  let testApp: TestApp;
  let roles: Record<Role, Session>;

  beforeAll(async () => {
    testApp = await createTestApp();
    roles = await loginAllRoles(testApp.http);
  });
  afterAll(() => testApp.close());

  /** A volunteer with a name, birth date, e-mail, hours paid, a pass and a redemption. */
  async function activeVolunteer() {
    const volunteer = await createVolunteer(testApp.http, roles.admin, { birthDate: '1991-04-12' });
    const organisation = await createFundedParty(testApp.http, roles, 'organisation', '100.00');
    await giveApprovedHours(testApp.http, volunteer.member, organisation, '8.00');
    const pass = await issuePass(testApp.http, volunteer.member, volunteer.partyId);
    const business = await createBusiness(testApp.http, roles.admin);
    const offer = await createOffer(testApp.http, business.member, { euroValue: '1.00' });
    const redemption = await redeem(testApp.http, business.member, {
      passNumber: pass.number,
      offerId: offer.id,
    });
    const me = await testApp.http.get(`${API}/auth/me`).set(volunteer.member.auth).expect(200);
    const party = await testApp.http
      .get(`${API}/parties/${volunteer.partyId}`)
      .set(roles.admin.auth)
      .expect(200);
    return {
      volunteer,
      organisation,
      business,
      pass,
      redemption,
      email: me.body.email as string,
      name: party.body.name as string,
    };
  }

  const exportOf = async (session: Session) =>
    (await testApp.http.get(`${API}/me/data`).set(session.auth).expect(200)).body;

  it('exports everything held about the volunteer, machine-readable, and nothing of other people', async () => {
    const mine = await activeVolunteer();
    const other = await activeVolunteer();
    const data = await exportOf(mine.volunteer.member);
    expect(data).toMatchObject({
      format: 'steerkes-personal-data/1',
      user: { id: mine.volunteer.member.userId, email: mine.email, role: 'volunteer' },
      party: { id: mine.volunteer.partyId, name: mine.name, birthDate: '1991-04-12' },
      passes: [expect.objectContaining({ number: mine.pass.number })],
      claims: [expect.objectContaining({ volunteerId: mine.volunteer.partyId, hours: '8.00' })],
      redemptions: [expect.objectContaining({ id: mine.redemption.id })],
    });
    expect(data.sessions.length).toBeGreaterThan(0);
    expect(data.sessions[0]).toEqual(
      expect.objectContaining({ createdAt: expect.any(String), expiresAt: expect.any(String) }),
    );
    expect(data.accounts).toHaveLength(1);
    expect(data.accounts[0].account.id).toBe(mine.volunteer.accountId);
    expect(data.accounts[0].entries.map((line: { code: string }) => line.code)).toEqual([
      'HOURS',
      'REDEEM',
    ]);
    const text = JSON.stringify(data);
    for (const secret of [
      other.volunteer.partyId,
      other.volunteer.member.userId,
      other.email,
      other.name,
      other.pass.number,
      other.volunteer.accountId,
      // the people who acted on the volunteer's records: their ids are theirs
      mine.organisation.member.userId,
      mine.business.member.userId,
      roles.admin.userId,
    ])
      expect(text).not.toContain(secret);
    expect(text).not.toMatch(/passwordHash|password_hash|tokenHash|scrypt\$/);
  });

  it('corrects the name and e-mail, audited by field (never the values); the new e-mail logs in', async () => {
    const { volunteer, email } = await activeVolunteer();
    const newEmail = `corrected-${randomUUID().slice(0, 8)}@factory.test`;
    const corrected = await testApp.http
      .patch(`${API}/me/profile`)
      .set(volunteer.member.auth)
      .send({ name: '  Anouk Janssen-Corrected ', email: newEmail.toUpperCase() })
      .expect(200);
    expect(corrected.body).toEqual({
      userId: volunteer.member.userId,
      partyId: volunteer.partyId,
      name: 'Anouk Janssen-Corrected',
      email: newEmail,
    });
    await login(testApp.http, newEmail, FACTORY_PASSWORD);
    await testApp.http
      .post(`${API}/auth/login`)
      .send({ email, password: FACTORY_PASSWORD })
      .expect(401);
    const party = await testApp.http
      .get(`${API}/parties/${volunteer.partyId}`)
      .set(roles.admin.auth)
      .expect(200);
    expect(party.body.name).toBe('Anouk Janssen-Corrected');
    const audit = await testApp.http
      .get(`${API}/treasury/audit-log`)
      .query({ subjectId: volunteer.member.userId })
      .set(roles.admin.auth)
      .expect(200);
    const corrections = audit.body.items.filter(
      (event: { action: string }) => event.action === 'privacy.correction',
    );
    expect(corrections).toEqual([
      expect.objectContaining({
        actorId: volunteer.member.userId,
        details: { fields: ['email', 'displayName', 'partyName'] },
      }),
    ]);
    expect(JSON.stringify(corrections)).not.toContain(newEmail);
  });

  it('refuses a correction with nothing to change, a bad or taken e-mail, or a name too long, writing nothing', async () => {
    const { volunteer, email, name } = await activeVolunteer();
    const other = await activeVolunteer();
    const patch = (body: object) =>
      testApp.http.patch(`${API}/me/profile`).set(volunteer.member.auth).send(body);
    expectProblem(await patch({}), 400, 'VALIDATION_FAILED');
    expectProblem(await patch({ email: 'not-an-email' }), 400, 'VALIDATION_FAILED');
    expectProblem(await patch({ name: 'x'.repeat(201) }), 400, 'VALIDATION_FAILED');
    expectProblem(await patch({ name: '   ' }), 400, 'VALIDATION_FAILED');
    // null is not "left out": it was a 500 (found by the fuzz test).
    expectProblem(await patch({ name: 'Anouk', email: null }), 400, 'VALIDATION_FAILED');
    expectProblem(await patch({ name: null }), 400, 'VALIDATION_FAILED');
    expectProblem(await patch({ name: 'Anouk\u202Ereversed' }), 400, 'VALIDATION_FAILED');
    expectProblem(await patch({ name: 'Nieuwe Naam', email: other.email }), 409, 'EMAIL_TAKEN');
    const data = await exportOf(volunteer.member);
    expect({ email: data.user.email, name: data.party.name }).toEqual({ email, name });
    expect(
      data.auditEvents.filter((event: { action: string }) => event.action === 'privacy.correction'),
    ).toEqual([]);
  });

  it('refuses erasure while the account holds Steerkes, writing nothing', async () => {
    const { volunteer, email, name, pass } = await activeVolunteer();
    const refused = await testApp.http
      .post(`${API}/me/erasure`)
      .set(volunteer.member.auth)
      .send({ confirm: true });
    expectProblem(refused, 409, 'ERASURE_BALANCE_REMAINS');
    const data = await exportOf(volunteer.member);
    expect({ email: data.user.email, name: data.party.name }).toEqual({ email, name });
    expect(data.passes[0]).toMatchObject({ number: pass.number, status: 'active' });
    await login(testApp.http, email, FACTORY_PASSWORD);
  });

  it('refuses erasure without the confirmation', async () => {
    const { volunteer } = await activeVolunteer();
    for (const body of [{}, { confirm: false }, { confirm: 'yes' }])
      expectProblem(
        await testApp.http.post(`${API}/me/erasure`).set(volunteer.member.auth).send(body),
        400,
        'VALIDATION_FAILED',
      );
  });

  it('erases once the balance is retired: pseudonymised, logged out, pass blocked; the ledger keeps its entries and verifies', async () => {
    const { volunteer, email, name, pass, redemption } = await activeVolunteer();
    await retireAll(volunteer);
    const entryBefore = await testApp.http
      .get(`${API}/entries/${redemption.entryId}`)
      .set(roles.treasurer.auth)
      .expect(200);
    const erased = await testApp.http
      .post(`${API}/me/erasure`)
      .set(volunteer.member.auth)
      .send({ confirm: true })
      .expect(200);
    expect(erased.body).toEqual({
      userId: volunteer.member.userId,
      partyId: volunteer.partyId,
      erasedAt: expect.any(String),
    });
    // The login ends: the token, the password and the e-mail no longer let anyone in.
    expect((await testApp.http.get(`${API}/auth/me`).set(volunteer.member.auth)).status).toBe(401);
    await testApp.http
      .post(`${API}/auth/login`)
      .send({ email, password: FACTORY_PASSWORD })
      .expect(401);
    const party = await testApp.http
      .get(`${API}/parties/${volunteer.partyId}`)
      .set(roles.admin.auth)
      .expect(200);
    expect(party.body.name).toBe(`Gewist ${volunteer.partyId.slice(0, 8)}`);
    expect(JSON.stringify(party.body)).not.toContain(name);
    expect(JSON.stringify(party.body)).not.toContain('1991-04-12');
    const passView = await testApp.http
      .get(`${API}/passes/${pass.number}`)
      .set(roles.treasurer.auth)
      .expect(200);
    expect(passView.body).toMatchObject({ status: 'blocked', pinSet: false });
    // The bookkeeping stays: the entry is unchanged and the chain still verifies.
    const entryAfter = await testApp.http
      .get(`${API}/entries/${redemption.entryId}`)
      .set(roles.treasurer.auth)
      .expect(200);
    expect(entryAfter.body).toEqual(entryBefore.body);
    const reconciliation = await testApp.http
      .get(`${API}/treasury/reconciliation`)
      .set(roles.treasurer.auth)
      .expect(200);
    expect(reconciliation.body.ok).toBe(true);
    const audit = await testApp.http
      .get(`${API}/treasury/audit-log`)
      .query({ subjectId: volunteer.member.userId })
      .set(roles.admin.auth)
      .expect(200);
    const events = audit.body.items as Array<{ action: string }>;
    // The account's own history (user.created) stays; the erasure is recorded by party id only.
    expect(events.filter((event) => event.action.startsWith('privacy.'))).toEqual([
      expect.objectContaining({
        action: 'privacy.erasure',
        details: { partyId: volunteer.partyId },
      }),
    ]);
  });

  it('is the volunteer’s alone: every other role is refused with 403', async () => {
    for (const role of ['admin', 'treasurer', 'org_manager', 'business_operator'] as const) {
      expectProblem(
        await testApp.http.get(`${API}/me/data`).set(roles[role].auth),
        403,
        'FORBIDDEN',
      );
      expectProblem(
        await testApp.http.patch(`${API}/me/profile`).set(roles[role].auth).send({ name: 'X' }),
        403,
        'FORBIDDEN',
      );
      expectProblem(
        await testApp.http.post(`${API}/me/erasure`).set(roles[role].auth).send({ confirm: true }),
        403,
        'FORBIDDEN',
      );
    }
    expectProblem(await testApp.http.get(`${API}/me/data`), 401, 'UNAUTHENTICATED');
  });

  /** The treasurer takes the volunteer's whole balance back through the ledger's retire. */
  async function retireAll(volunteer: TestVolunteer): Promise<void> {
    const { balance } = await readAccount(testApp.http, volunteer.member, volunteer.accountId);
    await testApp.http
      .post(`${API}/treasury/retire`)
      .set(roles.treasurer.auth)
      .set('Idempotency-Key', newKey())
      .send({ fromAccountId: volunteer.accountId, amount: balance, description: 'Ingenomen' })
      .expect(201);
  }
});
