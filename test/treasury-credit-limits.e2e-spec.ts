import type { Response } from 'supertest';
import type { Role } from '../src/common/roles.js';
import {
  API,
  createFundedParty,
  expectProblem,
  postTransfer,
  readAccount,
  snapshotLedger,
  type TestParty,
  transfer,
} from './factories/ledger.js';
import { createMember } from './factories/parties.js';
import { loginAllRoles, type Session } from './factories/sessions.js';
import { createTestApp, TEST_START, type TestApp } from './support/test-app.js';

interface ProposalBody {
  id: string;
  accountId: string;
  partyId: string;
  minBalance: string;
  previousMinBalance: string | null;
  reason: string;
  status: 'pending' | 'approved' | 'rejected';
  proposedBy: string;
  proposedRole: string;
  decidedBy: string | null;
  decisionReason: string | null;
}

/**
 * Issue 13: a credit limit creates Steerkes nobody issued, so only an organisation may have one,
 * at most ORGANISATION_CREDIT_LIMIT_MAX (200.00 in this story), and it takes two people: an admin
 * proposes and a treasurer approves, or the other way round. The treasurer sees the credit
 * extended on the trial balance.
 */
describe('Story: an organisation gets a credit limit only with four eyes, within the fund’s maximum', () => {
  let testApp: TestApp;
  let roles: Record<Role, Session>;
  let organisation: TestParty;
  let volunteer: TestParty;
  let business: TestParty;

  beforeAll(async () => {
    testApp = await createTestApp({ environment: { ORGANISATION_CREDIT_LIMIT_MAX: '200.00' } });
    roles = await loginAllRoles(testApp.http);
  });
  // Parties of their own for each test: limits and proposals are that test's own.
  beforeEach(async () => {
    organisation = await createFundedParty(testApp.http, roles, 'organisation', '10.00');
    volunteer = await createFundedParty(testApp.http, roles, 'volunteer');
    business = await createFundedParty(testApp.http, roles, 'business');
  });
  afterAll(() => testApp.close());

  const propose = (session: Session, body: Record<string, unknown>) =>
    testApp.http.post(`${API}/treasury/credit-limits`).set(session.auth).send(body);
  const approve = (session: Session, id: string) =>
    testApp.http.post(`${API}/treasury/credit-limits/${id}/approve`).set(session.auth).send();
  const reject = (session: Session, id: string, body: Record<string, unknown>) =>
    testApp.http.post(`${API}/treasury/credit-limits/${id}/reject`).set(session.auth).send(body);
  const pending = async (): Promise<ProposalBody[]> =>
    (await testApp.http.get(`${API}/treasury/credit-limits`).set(roles.treasurer.auth).expect(200))
      .body as ProposalBody[];
  /** The account's audit records of this story, in the order they were made. */
  const auditOf = async (accountId: string) =>
    (
      await testApp.http
        .get(`${API}/treasury/audit-log?limit=100`)
        .set(roles.treasurer.auth)
        .expect(200)
    ).body.items.filter(
      (event: { subjectId: string; occurredAt: string }) =>
        event.subjectId === accountId && event.occurredAt >= TEST_START.toISOString(),
    );
  const world = () => [organisation.accountId, volunteer.accountId, business.accountId];

  /** Proves a refusal wrote nothing: no proposal, no audit record, no change in the ledger. */
  async function expectRefusal(
    status: number,
    code: string,
    act: () => Promise<Response>,
  ): Promise<Response> {
    const before = {
      pending: await pending(),
      audit: await auditOf(organisation.accountId),
      ledger: await snapshotLedger(testApp.http, roles.treasurer, world()),
      limits: await Promise.all(
        world().map(
          async (id) => (await readAccount(testApp.http, roles.treasurer, id)).minBalance,
        ),
      ),
    };
    const response = await act();
    expectProblem(response, status, code);
    const after = {
      pending: await pending(),
      audit: await auditOf(organisation.accountId),
      ledger: await snapshotLedger(testApp.http, roles.treasurer, world()),
      limits: await Promise.all(
        world().map(
          async (id) => (await readAccount(testApp.http, roles.treasurer, id)).minBalance,
        ),
      ),
    };
    expect(after).toEqual(before);
    expect(after.ledger.ledger.ok).toBe(true);
    return response;
  }

  it('refuses a limit below zero for a volunteer or a business, from either role, writing nothing', async () => {
    for (const [party, kind] of [
      [volunteer, 'volunteer'],
      [business, 'business'],
    ] as const)
      for (const session of [roles.admin, roles.treasurer]) {
        const refused = await expectRefusal(422, 'CREDIT_LIMIT_NOT_ORGANISATION', () =>
          propose(session, {
            accountId: party.accountId,
            minBalance: '-1000000.00',
            reason: 'Meer ruimte',
          }),
        );
        expect(refused.body.detail).toBe(
          `Only an organisation’s account may go below zero; account ${party.accountId} belongs to a ${kind}.`,
        );
      }
    // The old side door: an admin alone setting the policy of a volunteer's account.
    await expectRefusal(409, 'CREDIT_LIMIT_NEEDS_APPROVAL', () =>
      testApp.http
        .put(`${API}/accounts/${volunteer.accountId}/policy`)
        .set(roles.admin.auth)
        .send({ minBalance: '-1000000.00', maxBalance: null, status: 'open' }),
    );
    expectProblem(
      await postTransfer(testApp.http, volunteer.member, {
        fromAccountId: volunteer.accountId,
        toAccountId: organisation.accountId,
        amount: '0.01',
      }),
      422,
      'INSUFFICIENT_FUNDS',
    );
  });

  it('refuses an organisation’s limit beyond the configured maximum, and a limit above zero, writing nothing', async () => {
    const beyond = await expectRefusal(422, 'CREDIT_LIMIT_ABOVE_MAX', () =>
      propose(roles.admin, {
        accountId: organisation.accountId,
        minBalance: '-200.01',
        reason: 'Net te veel',
      }),
    );
    expect(beyond.body.detail).toContain('−200.00 STK at most');
    const positive = await expectRefusal(400, 'VALIDATION_FAILED', () =>
      propose(roles.admin, {
        accountId: organisation.accountId,
        minBalance: '5.00',
        reason: 'Buffer',
      }),
    );
    expect(positive.body.errors[0]).toMatchObject({
      field: 'minBalance',
      code: 'CREDIT_LIMIT_ABOVE_ZERO',
    });
    for (const body of [
      { accountId: organisation.accountId, minBalance: '-10.00' },
      { accountId: organisation.accountId, minBalance: '-10.00', reason: 'x'.repeat(501) },
      { accountId: organisation.accountId, minBalance: '-10.001', reason: 'Te precies' },
      { accountId: 'not-a-uuid', minBalance: '-10.00', reason: 'Welke rekening?' },
    ])
      await expectRefusal(400, 'VALIDATION_FAILED', () => propose(roles.admin, body));
    const issuance = await expectRefusal(404, 'NOT_FOUND', () =>
      propose(roles.treasurer, {
        accountId: '00000000-0000-4000-8000-000000000001',
        minBalance: '-10.00',
        reason: 'Systeemrekening',
      }),
    );
    expect(issuance.body.code).toBe('NOT_FOUND');
  });

  it('takes effect only when a treasurer approves an admin’s proposal; the proposer cannot approve it; both steps are audited', async () => {
    const proposed = await propose(roles.admin, {
      accountId: organisation.accountId,
      minBalance: '-150.00',
      reason: 'Besluit bestuur: wintertoernooi',
    });
    expect(proposed.status).toBe(201);
    const proposal = proposed.body as ProposalBody;
    expect(proposal).toMatchObject({
      accountId: organisation.accountId,
      partyId: organisation.partyId,
      minBalance: '-150.00',
      previousMinBalance: '0.00',
      status: 'pending',
      proposedBy: roles.admin.userId,
      proposedRole: 'admin',
    });
    expect((await pending()).map((item) => item.id)).toContain(proposal.id);
    // Not yet: the organisation cannot spend below zero.
    const early = await postTransfer(testApp.http, organisation.member, {
      fromAccountId: organisation.accountId,
      toAccountId: volunteer.accountId,
      amount: '10.01',
      code: 'HOURS',
    });
    expectProblem(early, 422, 'INSUFFICIENT_FUNDS');

    const own = await expectRefusal(403, 'FOUR_EYES_REQUIRED', () =>
      approve(roles.admin, proposal.id),
    );
    expect(own.body.detail).toBe(
      'A credit limit needs a second person: the one who proposed it cannot approve it.',
    );
    const otherAdmin = await createMember(testApp.http, roles.admin, null, 'admin');
    await expectRefusal(403, 'FOUR_EYES_REQUIRED', () => approve(otherAdmin, proposal.id));
    const second = await expectRefusal(409, 'CREDIT_LIMIT_PROPOSAL_PENDING', () =>
      propose(roles.treasurer, {
        accountId: organisation.accountId,
        minBalance: '-20.00',
        reason: 'Liever minder',
      }),
    );
    expect(second.body.detail).toContain(proposal.id);

    testApp.clock.advance(1000); // the audit log is in order of time
    const approved = await approve(roles.treasurer, proposal.id);
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', decidedBy: roles.treasurer.userId });
    expect(
      (await readAccount(testApp.http, roles.treasurer, organisation.accountId)).minBalance,
    ).toBe('-150.00');
    expect((await pending()).map((item) => item.id)).not.toContain(proposal.id);
    await expectRefusal(409, 'CREDIT_LIMIT_PROPOSAL_NOT_PENDING', () =>
      approve(roles.treasurer, proposal.id),
    );

    // Now the organisation spends down to −150.00 and not a cent further.
    await transfer(testApp.http, organisation.member, {
      fromAccountId: organisation.accountId,
      toAccountId: volunteer.accountId,
      amount: '160.00',
      code: 'HOURS',
    });
    const further = await postTransfer(testApp.http, organisation.member, {
      fromAccountId: organisation.accountId,
      toAccountId: volunteer.accountId,
      amount: '0.01',
      code: 'HOURS',
    });
    expectProblem(further, 422, 'INSUFFICIENT_FUNDS');

    const audit = await auditOf(organisation.accountId);
    expect(audit.map((event: { action: string }) => event.action)).toEqual([
      'credit_limit.propose',
      'credit_limit.approve',
    ]);
    expect(audit[0]).toMatchObject({
      actorId: roles.admin.userId,
      actorRole: 'admin',
      details: { proposalId: proposal.id, minBalance: '-150.00', previousMinBalance: '0.00' },
    });
    expect(audit[1]).toMatchObject({ actorId: roles.treasurer.userId, actorRole: 'treasurer' });

    const trialBalance = await testApp.http
      .get(`${API}/treasury/trial-balance`)
      .set(roles.treasurer.auth)
      .expect(200);
    expect(trialBalance.body).toMatchObject({ total: '0.00', balanced: true });
    const cents = (amount: string) => Math.round(Number(amount) * 100);
    // The demo's organisations have 50.00 each; this story's organisation 150.00, of which 150.00 is drawn.
    expect(cents(trialBalance.body.creditExtended.limits)).toBeGreaterThanOrEqual(15000);
    expect(cents(trialBalance.body.creditExtended.drawn)).toBeGreaterThanOrEqual(15000);
    const reconciliation = await testApp.http
      .get(`${API}/treasury/reconciliation`)
      .set(roles.treasurer.auth)
      .expect(200);
    expect(reconciliation.body).toMatchObject({ ok: true, discrepancies: [] });
  });

  it('works the other way round too: a treasurer proposes, an admin approves', async () => {
    const proposal = (
      await propose(roles.treasurer, {
        accountId: organisation.accountId,
        minBalance: '-200.00',
        reason: 'Maximale ruimte',
      }).expect(201)
    ).body as ProposalBody;
    await expectRefusal(403, 'FOUR_EYES_REQUIRED', () => approve(roles.treasurer, proposal.id));
    const approved = await approve(roles.admin, proposal.id).expect(200);
    expect(approved.body).toMatchObject({ status: 'approved', decidedBy: roles.admin.userId });
    expect((await readAccount(testApp.http, roles.admin, organisation.accountId)).minBalance).toBe(
      '-200.00',
    );
  });

  it('lets either role reject a waiting proposal with a reason, audited; nothing changes and it cannot be approved after', async () => {
    const proposal = (
      await propose(roles.admin, {
        accountId: organisation.accountId,
        minBalance: '-100.00',
        reason: 'Voorschot',
      }).expect(201)
    ).body as ProposalBody;
    await expectRefusal(400, 'VALIDATION_FAILED', () => reject(roles.treasurer, proposal.id, {}));
    testApp.clock.advance(1000); // the audit log is in order of time
    const rejected = await reject(roles.treasurer, proposal.id, {
      reason: 'Eerst de jaarrekening',
    }).expect(200);
    expect(rejected.body).toMatchObject({
      status: 'rejected',
      decidedBy: roles.treasurer.userId,
      decisionReason: 'Eerst de jaarrekening',
    });
    await expectRefusal(409, 'CREDIT_LIMIT_PROPOSAL_NOT_PENDING', () =>
      approve(roles.treasurer, proposal.id),
    );
    expect((await readAccount(testApp.http, roles.admin, organisation.accountId)).minBalance).toBe(
      '0.00',
    );
    expect(
      (await auditOf(organisation.accountId)).map((event: { action: string }) => event.action),
    ).toEqual(['credit_limit.propose', 'credit_limit.reject']);
  });

  it('re-checks the balance at approval: a limit the account already breaks is refused, and stays waiting', async () => {
    const first = (
      await propose(roles.admin, {
        accountId: organisation.accountId,
        minBalance: '-100.00',
        reason: 'Voorschot',
      }).expect(201)
    ).body as ProposalBody;
    await approve(roles.treasurer, first.id).expect(200);
    await transfer(testApp.http, organisation.member, {
      fromAccountId: organisation.accountId,
      toAccountId: volunteer.accountId,
      amount: '60.00',
      code: 'HOURS',
    });
    const smaller = (
      await propose(roles.admin, {
        accountId: organisation.accountId,
        minBalance: '-20.00',
        reason: 'Terug naar minder',
      }).expect(201)
    ).body as ProposalBody;
    await expectRefusal(422, 'POLICY_CONFLICTS_WITH_BALANCE', () =>
      approve(roles.treasurer, smaller.id),
    );
    expect((await pending()).map((item) => item.id)).toContain(smaller.id);
  });

  it('answers 404 for an unknown proposal, and refuses the other roles on every route', async () => {
    await expectRefusal(404, 'NOT_FOUND', () =>
      approve(roles.treasurer, '6f1c0a52-0d7e-4c1b-9a8e-3b8f2f7f4f10'),
    );
    for (const role of ['org_manager', 'business_operator', 'volunteer'] as const) {
      await expectRefusal(403, 'FORBIDDEN', () =>
        propose(roles[role], {
          accountId: organisation.accountId,
          minBalance: '-10.00',
          reason: 'Zelf',
        }),
      );
      expectProblem(
        await testApp.http.get(`${API}/treasury/credit-limits`).set(roles[role].auth),
        403,
        'FORBIDDEN',
      );
    }
  });
});
