import { API, expectProblem, newKey, readAccount } from './factories/ledger.js';
import {
  createVolunteer,
  expectPassRefusalWritingNothing,
  listRedemptions,
  type OfferBody,
  type PassBody,
  postRedemption,
  type TestVolunteer,
} from './factories/passes.js';
import { loginAllRoles, type Session } from './factories/sessions.js';
import { approveClaim, postBulk, submitClaim } from './factories/volunteering.js';
import type { Role } from '../src/common/roles.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/**
 * The whole loop with the demo's organisation (Buurtcentrum Malberg) and business (Het Bonenhuis),
 * as each role does it: hours claimed and approved, an activity recorded in bulk, a pass issued
 * and protected with a PIN, redeemed, voided, lost, blocked and replaced.
 */
describe('Story: from hours given to coffee at Het Bonenhuis, and a lost pass replaced', () => {
  let testApp: TestApp;
  let roles: Record<Role, Session>;
  let sanne: TestVolunteer;
  let pass: PassBody;
  let coffee: OfferBody;
  let beans: OfferBody;
  let firstRedemptionId: string;
  /** Het Bonenhuis' sponsorship this year before the story: the demo's year of redemptions. */
  let sponsorshipBefore: { redemptions: number; steerkes: string; euroValue: string };

  // The loop runs through the demo's organisation and business, whose sponsorship summary counts
  // every redemption there: each test gets an application of its own and walks the loop itself.
  beforeEach(async () => {
    testApp = await createTestApp();
    roles = await loginAllRoles(testApp.http);
    sanne = await createVolunteer(testApp.http, roles.admin, { birthDate: '1999-08-08' });
    sponsorshipBefore = (
      await testApp.http
        .get(`${API}/redemptions/summary`)
        .set(roles.business_operator.auth)
        .expect(200)
    ).body;
  });
  afterEach(() => testApp.close());

  async function claimAndApproveHours(): Promise<void> {
    const claim = await submitClaim(testApp.http, sanne.member, {
      organisationId: roles.org_manager.partyId!,
      date: '2026-11-20',
      hours: '4.00',
      activity: 'Huiswerkbegeleiding',
    });
    const approved = await approveClaim(testApp.http, roles.org_manager, claim.id);
    expect(approved).toMatchObject({ status: 'approved', amount: '4.00' });
  }

  async function recordBuurtfeest(): Promise<void> {
    const bulk = await postBulk(testApp.http, roles.org_manager, {
      date: '2026-11-21',
      activity: 'Buurtfeest Malberg',
      participants: [
        { volunteerId: sanne.partyId, hours: '3.00' },
        { volunteerId: roles.volunteer.partyId, hours: '2.00' },
      ],
    });
    expect(bulk.status).toBe(201);
    expect((await readAccount(testApp.http, sanne.member, sanne.accountId)).balance).toBe('7.00');
  }

  async function issuePassWithPin(): Promise<void> {
    const issued = await testApp.http
      .post(`${API}/passes`)
      .set(sanne.member.auth)
      .send({ volunteerId: sanne.partyId })
      .expect(201);
    pass = issued.body as PassBody;
    await testApp.http
      .get(`${API}/passes/${pass.number}/qr?format=svg`)
      .set(sanne.member.auth)
      .expect(200);
    await testApp.http
      .put(`${API}/passes/${pass.number}/pin`)
      .set(sanne.member.auth)
      .send({ pin: '7531' })
      .expect(204);
  }

  async function redeemCoffee(): Promise<void> {
    const offers = await testApp.http
      .get(`${API}/offers`)
      .query({ businessId: roles.business_operator.partyId })
      .expect(200);
    coffee = offers.body.items.find(
      (offer: OfferBody) => offer.title.nl === 'Kop koffie met vlaai',
    );
    beans = offers.body.items.find((offer: OfferBody) => offer.title.nl === '250 gram koffiebonen');
    const response = await postRedemption(testApp.http, roles.business_operator, {
      passNumber: pass.printedNumber,
      offerId: coffee.id,
      pin: '7531',
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ amount: '2.00', euroValue: '4.50', status: 'completed' });
    firstRedemptionId = response.body.id;
    expect((await readAccount(testApp.http, sanne.member, sanne.accountId)).balance).toBe('5.00');
    const overview = await testApp.http
      .get(`${API}/fiscal/overview`)
      .set(sanne.member.auth)
      .expect(200);
    expect(overview.body).toMatchObject({
      total: { received: '4.50' },
      hours: { approvedHours: '7.00', hourlyAmount: '5.60', limit: '39.20', room: '34.70' },
      roomNow: '34.70',
    });
  }

  async function voidAndRedeemAgain(): Promise<void> {
    const redemption = (await listRedemptions(testApp.http, roles.business_operator)).find(
      (candidate) => candidate.id === firstRedemptionId,
    )!;
    expect(redemption).toMatchObject({
      status: 'completed',
      passNumber: `********${pass.number.slice(-4)}`,
    });
    await testApp.http
      .post(`${API}/redemptions/${redemption.id}/void`)
      .set(roles.business_operator.auth)
      .set('Idempotency-Key', newKey())
      .expect(200);
    expect((await readAccount(testApp.http, sanne.member, sanne.accountId)).balance).toBe('7.00');
    const again = await postRedemption(testApp.http, roles.business_operator, {
      passNumber: pass.number,
      offerId: coffee.id,
      pin: '7531',
    });
    expect(again.status).toBe(201);
  }

  async function loseAndReplacePass(): Promise<void> {
    await testApp.http
      .post(`${API}/passes/${pass.number}/block`)
      .set(sanne.member.auth)
      .send({ reason: 'lost' })
      .expect(200);
    await expectPassRefusalWritingNothing({
      http: testApp.http,
      treasurer: roles.treasurer,
      world: { accountIds: [sanne.accountId], offerIds: [beans.id], passNumbers: [pass.number] },
      status: 422,
      code: 'PASS_BLOCKED',
      act: () =>
        postRedemption(testApp.http, roles.business_operator, {
          passNumber: pass.number,
          offerId: beans.id,
          pin: '7531',
        }),
    });
    testApp.clock.advance(2 * 60 * 60 * 1000); // two hours later she asks for a new one
    const replacement = (
      await testApp.http
        .post(`${API}/passes`)
        .set(sanne.member.auth)
        .send({ volunteerId: sanne.partyId })
        .expect(201)
    ).body as PassBody;
    expect(replacement.number).not.toBe(pass.number);
    const bought = await postRedemption(testApp.http, roles.business_operator, {
      passNumber: replacement.number,
      offerId: beans.id,
    });
    expect(bought.status).toBe(201);
    expect((await readAccount(testApp.http, sanne.member, sanne.accountId)).balance).toBe('1.00');
    const passes = await testApp.http.get(`${API}/passes`).set(sanne.member.auth).expect(200);
    expect(passes.body.items.map((item: PassBody) => [item.number, item.status])).toEqual([
      [pass.number, 'blocked'],
      [replacement.number, 'active'],
    ]);
  }

  async function checkSponsorshipAndReconciliation(): Promise<void> {
    const summary = await testApp.http
      .get(`${API}/redemptions/summary`)
      .set(roles.business_operator.auth)
      .expect(200);
    const plus = (amount: string, cents: number) =>
      ((Math.round(Number(amount) * 100) + cents) / 100).toFixed(2);
    // Two redemptions that stand (the voided one does not count) on top of the demo's year.
    expect(summary.body).toMatchObject({
      businessName: 'Koffiebranderij Het Bonenhuis',
      redemptions: sponsorshipBefore.redemptions + 2,
      steerkes: plus(sponsorshipBefore.steerkes, 600),
      euroValue: plus(sponsorshipBefore.euroValue, 1200),
    });
    const reconciliation = await testApp.http
      .get(`${API}/treasury/reconciliation`)
      .set(roles.treasurer.auth)
      .expect(200);
    expect(reconciliation.body.ok).toBe(true);
    expectProblem(
      await testApp.http.get(`${API}/redemptions/summary`).set(sanne.member.auth),
      403,
      'FORBIDDEN',
    );
  }

  /** The loop in order: each test walks it up to and including its own step. */
  const LOOP = [
    claimAndApproveHours,
    recordBuurtfeest,
    issuePassWithPin,
    redeemCoffee,
    voidAndRedeemAgain,
    loseAndReplacePass,
    checkSponsorshipAndReconciliation,
  ];
  async function walkLoopThrough(step: () => Promise<void>): Promise<void> {
    for (const earlier of LOOP.slice(0, LOOP.indexOf(step) + 1)) await earlier();
  }

  it('volunteer claims hours at Malberg and the organisation approves them', () =>
    walkLoopThrough(claimAndApproveHours));
  it('the organisation records the buurtfeest for several volunteers in one go', () =>
    walkLoopThrough(recordBuurtfeest));
  it('the volunteer asks for her voordeelpas, sets a PIN and shows the QR code', () =>
    walkLoopThrough(issuePassWithPin));
  it('Het Bonenhuis redeems a coffee with her PIN; she sees what she received and what room is left', () =>
    walkLoopThrough(redeemCoffee));
  it('Het Bonenhuis voids it (wrong offer typed), and redeems again', () =>
    walkLoopThrough(voidAndRedeemAgain));
  it('she loses the pass and blocks it; at the counter it is refused; a new pass spends her balance', () =>
    walkLoopThrough(loseAndReplacePass));
  it('Het Bonenhuis sees its sponsorship; the treasurer’s reconciliation holds', () =>
    walkLoopThrough(checkSponsorshipAndReconciliation));
});
