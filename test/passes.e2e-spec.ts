import QRCode from 'qrcode';
import { API, createFundedParty, expectProblem, readAccount } from './factories/ledger.js';
import {
  createBusiness,
  createOffer,
  createVolunteer,
  expectPassRefusalWritingNothing,
  giveApprovedHours,
  issuePass,
  type PassBody,
  postRedemption,
  readPass,
  redeem,
  type TestVolunteer,
  unknownPassNumber,
  withWrongCheckDigit,
} from './factories/passes.js';
import { loginAllRoles, type Session } from './factories/sessions.js';
import type { Role } from '../src/common/roles.js';
import { hasValidCheckDigit } from '../src/passes/pass-number.js';
import { createTestApp, TEST_START, type TestApp } from './support/test-app.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Collects a binary response body (supertest leaves unknown types unparsed). */
function binary(
  response: { on: (event: string, listener: (chunk?: Buffer) => void) => void },
  done: (error: Error | null, body: Buffer) => void,
) {
  const chunks: Buffer[] = [];
  response.on('data', (chunk?: Buffer) => chunks.push(chunk!));
  response.on('end', () => done(null, Buffer.concat(chunks)));
}

describe('Story: a volunteer gets a voordeelpas, protects it with a PIN and shows its QR code', () => {
  let testApp: TestApp;
  let roles: Record<Role, Session>;
  let volunteer: TestVolunteer;
  let other: TestVolunteer;
  let pass: PassBody;

  beforeAll(async () => {
    testApp = await createTestApp();
    roles = await loginAllRoles(testApp.http);
  });
  // Two volunteers of its own for each test; the tests after the first issue the pass themselves.
  beforeEach(async () => {
    testApp.clock.set(TEST_START);
    volunteer = await createVolunteer(testApp.http, roles.admin, { birthDate: '1990-04-01' });
    other = await createVolunteer(testApp.http, roles.admin);
  });
  afterAll(() => testApp.close());

  const issueOwnPass = async () => {
    pass = await issuePass(testApp.http, volunteer.member, volunteer.partyId);
  };

  it('issues the volunteer their own pass: 12 digits with a Luhn check digit, valid two years, printed in groups', async () => {
    await issueOwnPass();
    expect(pass).toMatchObject({
      volunteerId: volunteer.partyId,
      status: 'active',
      validFrom: '2026-11-23',
      validUntil: '2028-11-22',
      pinSet: false,
      blockedAt: null,
    });
    expect(pass.number).toMatch(/^[1-9][0-9]{11}$/);
    expect(hasValidCheckDigit(pass.number)).toBe(true);
    expect(pass.printedNumber).toBe(
      `${pass.number.slice(0, 4)} ${pass.number.slice(4, 8)} ${pass.number.slice(8)}`,
    );
    const listed = await testApp.http.get(`${API}/passes`).set(volunteer.member.auth).expect(200);
    expect(listed.body).toEqual({ items: [pass], nextCursor: null });
    expect(await readPass(testApp.http, volunteer.member, pass.printedNumber)).toEqual(pass);
  });

  it('keeps one active pass per volunteer: a second one is 409 PASS_ALREADY_ACTIVE', async () => {
    await issueOwnPass();
    const refused = await testApp.http
      .post(`${API}/passes`)
      .set(roles.treasurer.auth)
      .send({ volunteerId: volunteer.partyId });
    expectProblem(refused, 409, 'PASS_ALREADY_ACTIVE');
    const passes = await testApp.http
      .get(`${API}/passes`)
      .query({ volunteerId: volunteer.partyId })
      .set(roles.admin.auth)
      .expect(200);
    expect(passes.body.items).toHaveLength(1);
  });

  it('lets admins and treasurers issue passes, volunteers only their own; others may not', async () => {
    await issueOwnPass();
    const forOther = await testApp.http
      .post(`${API}/passes`)
      .set(volunteer.member.auth)
      .send({ volunteerId: other.partyId });
    expectProblem(forOther, 404, 'NOT_FOUND');
    for (const role of ['org_manager', 'business_operator'] as const) {
      expectProblem(
        await testApp.http
          .post(`${API}/passes`)
          .set(roles[role].auth)
          .send({ volunteerId: other.partyId }),
        403,
        'FORBIDDEN',
      );
    }
    const business = await testApp.http
      .post(`${API}/passes`)
      .set(roles.admin.auth)
      .send({ volunteerId: roles.business_operator.partyId });
    expectProblem(business, 400, 'VALIDATION_FAILED');
    expect(business.body.errors).toEqual([
      expect.objectContaining({ field: 'volunteerId', code: 'NOT_A_VOLUNTEER' }),
    ]);
    const issued = await issuePass(testApp.http, roles.treasurer, other.partyId);
    expect(issued.volunteerId).toBe(other.partyId);
    expect(issued.number).not.toBe(pass.number);
  });

  it('shows a pass only to its volunteer, admins and treasurers: to another volunteer it does not exist', async () => {
    await issueOwnPass();
    expect((await readPass(testApp.http, roles.admin, pass.number)).id).toBe(pass.id);
    expectProblem(
      await testApp.http.get(`${API}/passes/${pass.number}`).set(other.member.auth),
      404,
      'PASS_NOT_FOUND',
    );
    expectProblem(
      await testApp.http.get(`${API}/passes/${pass.number}`).set(roles.business_operator.auth),
      403,
      'FORBIDDEN',
    );
    expectProblem(
      await testApp.http.get(`${API}/passes/${unknownPassNumber()}`).set(roles.admin.auth),
      404,
      'PASS_NOT_FOUND',
    );
  });

  it('tells a mistyped number (check digit) from a malformed one', async () => {
    await issueOwnPass();
    const typo = await testApp.http
      .get(`${API}/passes/${withWrongCheckDigit(pass.number)}`)
      .set(volunteer.member.auth)
      .set('Accept-Language', 'nl');
    expectProblem(typo, 400, 'PASS_CHECK_DIGIT_INVALID');
    expect(typo.body.detail).toContain('controlecijfer');
    const malformed = await testApp.http.get(`${API}/passes/12345`).set(volunteer.member.auth);
    expectProblem(malformed, 400, 'VALIDATION_FAILED');
    expect(malformed.body.errors).toEqual([
      expect.objectContaining({ field: 'number', code: 'PASS_NUMBER_FORMAT' }),
    ]);
  });

  it('returns the QR code as PNG (default) or SVG, holding the pass number', async () => {
    await issueOwnPass();
    const png = await testApp.http
      .get(`${API}/passes/${pass.number}/qr`)
      .set(volunteer.member.auth)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(png.headers['content-type']).toBe('image/png');
    expect((png.body as Buffer).subarray(0, 8)).toEqual(PNG_SIGNATURE);
    const svg = await testApp.http
      .get(`${API}/passes/${pass.number}/qr?format=svg`)
      .set(roles.treasurer.auth)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(svg.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect((svg.body as Buffer).toString('utf8')).toMatch(
      /^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/,
    );
    // The same symbol the library draws for the bare 12 digits: what a scanner at the counter types.
    expect((svg.body as Buffer).toString('utf8')).toBe(
      await QRCode.toString(pass.number, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }),
    );
    expectProblem(
      await testApp.http.get(`${API}/passes/${pass.number}/qr`).set(other.member.auth),
      404,
      'PASS_NOT_FOUND',
    );
    expectProblem(
      await testApp.http
        .get(`${API}/passes/${pass.number}/qr?format=gif`)
        .set(volunteer.member.auth),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('sets a PIN (the volunteer only), never echoing it, and refuses a PIN that is not 4 to 6 digits', async () => {
    await issueOwnPass();
    const set = await testApp.http
      .put(`${API}/passes/${pass.number}/pin`)
      .set(volunteer.member.auth)
      .send({ pin: '0482' })
      .expect(204);
    expect(set.text).toBe('');
    const shown = await readPass(testApp.http, volunteer.member, pass.number);
    expect(shown.pinSet).toBe(true);
    expect(JSON.stringify(shown)).not.toContain('0482');
    for (const pin of ['12', '1234567', 'abcd', 4821]) {
      const refused = await testApp.http
        .put(`${API}/passes/${pass.number}/pin`)
        .set(volunteer.member.auth)
        .send({ pin });
      expectProblem(refused, 400, 'VALIDATION_FAILED');
      expect(refused.body.errors).toEqual([
        expect.objectContaining({ field: 'pin', code: 'PIN_FORMAT' }),
      ]);
    }
    expectProblem(
      await testApp.http
        .put(`${API}/passes/${pass.number}/pin`)
        .set(roles.admin.auth)
        .send({ pin: '1111' }),
      403,
      'FORBIDDEN',
    );
    expectProblem(
      await testApp.http
        .put(`${API}/passes/${pass.number}/pin`)
        .set(other.member.auth)
        .send({ pin: '1111' }),
      404,
      'PASS_NOT_FOUND',
    );
  });

  it('removes the PIN again', async () => {
    await issueOwnPass();
    await testApp.http
      .put(`${API}/passes/${pass.number}/pin`)
      .set(volunteer.member.auth)
      .send({ pin: '0482' })
      .expect(204);
    expect((await readPass(testApp.http, volunteer.member, pass.number)).pinSet).toBe(true);
    await testApp.http
      .delete(`${API}/passes/${pass.number}/pin`)
      .set(volunteer.member.auth)
      .expect(204);
    expect((await readPass(testApp.http, volunteer.member, pass.number)).pinSet).toBe(false);
  });
});

describe('Story: a lost pass is blocked and a new number issued; the Steerkes stay with the volunteer', () => {
  let testApp: TestApp;
  let roles: Record<Role, Session>;
  let volunteer: TestVolunteer;
  let business: Awaited<ReturnType<typeof createBusiness>>;
  let offerId: string;
  let lost: PassBody;

  beforeAll(async () => {
    testApp = await createTestApp();
    roles = await loginAllRoles(testApp.http);
  });
  // For each test: a volunteer with 10 hours, a pass, and one coffee of 2.00 bought with it.
  beforeEach(async () => {
    testApp.clock.set(TEST_START);
    volunteer = await createVolunteer(testApp.http, roles.admin, { birthDate: '1985-06-15' });
    const organisation = await createFundedParty(testApp.http, roles, 'organisation', '100.00');
    await giveApprovedHours(testApp.http, volunteer.member, organisation, '10.00');
    business = await createBusiness(testApp.http, roles.admin);
    offerId = (await createOffer(testApp.http, business.member)).id;
    lost = await issuePass(testApp.http, volunteer.member, volunteer.partyId);
    await redeem(testApp.http, business.member, { passNumber: lost.number, offerId });
  });
  afterAll(() => testApp.close());

  const reportLost = () =>
    testApp.http
      .post(`${API}/passes/${lost.number}/block`)
      .set(volunteer.member.auth)
      .send({ reason: 'lost' })
      .expect(200);

  it('blocks the pass when the volunteer reports it lost; blocking again changes nothing', async () => {
    const blocked = await reportLost();
    expect(blocked.body).toMatchObject({
      status: 'blocked',
      blockedReason: 'lost',
      blockedAt: '2026-11-23T09:00:00.000Z',
    });
    const again = await testApp.http
      .post(`${API}/passes/${lost.number}/block`)
      .set(roles.treasurer.auth)
      .send({ reason: 'stolen' })
      .expect(200);
    expect(again.body).toEqual(blocked.body);
    expectProblem(
      await testApp.http
        .post(`${API}/passes/${lost.number}/block`)
        .set(roles.business_operator.auth)
        .send({}),
      403,
      'FORBIDDEN',
    );
  });

  it('refuses the blocked pass at the counter with PASS_BLOCKED (not why: the volunteer sees that), and writes nothing', async () => {
    await reportLost();
    const refused = await expectPassRefusalWritingNothing({
      http: testApp.http,
      treasurer: roles.treasurer,
      world: {
        accountIds: [volunteer.accountId, business.accountId],
        offerIds: [offerId],
        passNumbers: [lost.number],
      },
      status: 422,
      code: 'PASS_BLOCKED',
      act: () =>
        postRedemption(testApp.http, business.member, { passNumber: lost.number, offerId }),
    });
    expect(refused.body.detail).toBe(
      `Voordeelpas ${lost.number} is blocked; the volunteer can see why in their app and ask for a new pass there.`,
    );
    expect(JSON.stringify(refused.body)).not.toMatch(/lost|verloren|kwijt/i);
    // Why is the volunteer's to see, in their own view of the pass.
    expect(await readPass(testApp.http, volunteer.member, lost.number)).toMatchObject({
      status: 'blocked',
      blockedReason: 'lost',
    });
  });

  it('issues a new number; the balance is the volunteer’s, so the new pass spends it', async () => {
    await reportLost();
    const before = await readAccount(testApp.http, volunteer.member, volunteer.accountId);
    expect(before.balance).toBe('8.00'); // 10 hours at 1.00 STK, less one coffee of 2.00
    testApp.clock.advance(60 * 60 * 1000); // an hour later, at the service desk
    const replacement = await issuePass(testApp.http, volunteer.member, volunteer.partyId);
    expect(replacement.number).not.toBe(lost.number);
    expect(replacement.status).toBe('active');
    const redemption = await redeem(testApp.http, business.member, {
      passNumber: replacement.number,
      offerId,
    });
    expect(redemption.amount).toBe('2.00');
    expect((await readAccount(testApp.http, volunteer.member, volunteer.accountId)).balance).toBe(
      '6.00',
    );
    const passes = await testApp.http.get(`${API}/passes`).set(volunteer.member.auth).expect(200);
    expect(passes.body.items.map((pass: PassBody) => pass.status)).toEqual(['blocked', 'active']);
  });

  it('lets an admin block a pass too, and a blocked pass takes no PIN', async () => {
    const passes = (await testApp.http.get(`${API}/passes`).set(volunteer.member.auth).expect(200))
      .body.items as PassBody[];
    const current = passes.find((candidate) => candidate.status === 'active')!;
    await testApp.http
      .post(`${API}/passes/${current.number}/block`)
      .set(roles.admin.auth)
      .send({ reason: 'damaged' })
      .expect(200);
    expectProblem(
      await testApp.http
        .put(`${API}/passes/${current.number}/pin`)
        .set(volunteer.member.auth)
        .send({ pin: '1234' }),
      422,
      'PASS_BLOCKED',
    );
  });
});

describe('Story: a pass expires after two years and can then be replaced', () => {
  let testApp: TestApp;
  let roles: Record<Role, Session>;

  beforeAll(async () => {
    testApp = await createTestApp();
    roles = await loginAllRoles(testApp.http);
  });
  afterAll(() => testApp.close());

  it('is refused with PASS_EXPIRED from the day after validUntil, writing nothing; then a new pass is issued', async () => {
    const volunteer = await createVolunteer(testApp.http, roles.admin, { birthDate: '1970-01-01' });
    const organisation = await createFundedParty(testApp.http, roles, 'organisation', '100.00');
    await giveApprovedHours(testApp.http, volunteer.member, organisation, '5.00');
    const business = await createBusiness(testApp.http, roles.admin);
    const offer = await createOffer(testApp.http, business.member);
    const pass = await issuePass(testApp.http, roles.admin, volunteer.partyId);
    testApp.clock.set('2028-11-22T20:00:00Z'); // 21:00 in Maastricht on the last valid day
    expect((await readPass(testApp.http, volunteer.member, pass.number)).status).toBe('active');
    testApp.clock.set('2028-11-22T23:30:00Z'); // 00:30 on 23 November in Maastricht
    expect((await readPass(testApp.http, volunteer.member, pass.number)).status).toBe('expired');
    await giveApprovedHours(testApp.http, volunteer.member, organisation, '1.00', '2028-11-20');
    const refused = await expectPassRefusalWritingNothing({
      http: testApp.http,
      treasurer: roles.treasurer,
      world: {
        accountIds: [volunteer.accountId, business.accountId],
        offerIds: [offer.id],
        passNumbers: [pass.number],
      },
      status: 422,
      code: 'PASS_EXPIRED',
      act: () =>
        postRedemption(testApp.http, business.member, {
          passNumber: pass.number,
          offerId: offer.id,
        }),
    });
    expect(refused.body.detail).toContain('2028-11-22');
    const renewed = await issuePass(testApp.http, volunteer.member, volunteer.partyId);
    expect(renewed).toMatchObject({
      status: 'active',
      validFrom: '2028-11-23',
      validUntil: '2030-11-22',
    });
    expect((await readPass(testApp.http, volunteer.member, pass.number)).status).toBe('expired');
    await redeem(testApp.http, business.member, { passNumber: renewed.number, offerId: offer.id });
  });
});
