import type { Response } from 'supertest';
import type { Role } from '../src/common/roles.js';
import {
  API,
  createFundedParty,
  expectProblem,
  expectRefusedWritingNothing,
  newKey,
  postTransfer,
  transfer,
} from './factories/ledger.js';
import { createMember, createParty } from './factories/parties.js';
import { postListing } from './factories/catalogue.js';
import { loginAllRoles, type Session } from './factories/sessions.js';
import { createTestApp, type TestApp } from './support/test-app.js';

let testApp: TestApp;
let roles: Record<Role, Session>;

beforeAll(async () => {
  testApp = await createTestApp();
  roles = await loginAllRoles(testApp.http);
});
afterAll(() => testApp.close());

const http = () => testApp.http;

/** The CSV's lines, split on the line ends csv-stringify writes. */
const linesOf = (response: Response) => (response.text ?? '').split('\n');

describe('Story: a treasurer opens an export in a spreadsheet, and no cell runs as a formula', () => {
  it('quotes descriptions and names that start like a formula; amounts stay numbers', async () => {
    const payer = await createFundedParty(http(), roles, 'organisation', '50.00');
    const payeeParty = await createParty(http(), roles.admin, {
      kind: 'organisation',
      name: '=HYPERLINK("http://x.example","klik")',
    });
    const payee = { accountId: payeeParty.accountId };
    const descriptions = ['=1+2', '+31 43 123', '-2+3', '@SUM(A1)', 'Gewoon koffie'];
    for (const description of descriptions)
      await transfer(http(), payer.member, {
        fromAccountId: payer.accountId,
        toAccountId: payee.accountId,
        amount: '1.25',
        description,
      });

    const journal = await http()
      .get(`${API}/treasury/export?format=csv`)
      .set(roles.treasurer.auth)
      .expect(200);
    const journalText = journal.text;
    for (const formula of ['=1+2', '+31 43 123', '-2+3', '@SUM(A1)'])
      expect(journalText).toContain(`,'${formula},`);
    expect(journalText).toContain(',Gewoon koffie,');
    expect(journalText).toContain(`'=HYPERLINK(""http://x.example"",""klik"")"`);
    // The payer's posting of each: a negative amount, not quoted, still a number.
    const payerLines = linesOf(journal).filter((line) => line.includes(payer.accountId));
    expect(payerLines.length).toBeGreaterThanOrEqual(descriptions.length);
    expect(payerLines.some((line) => line.includes(',-1.25,STK,'))).toBe(true);
    expect(journalText).not.toContain("'-1.25");

    const statement = await http()
      .get(`${API}/treasury/statements/${payer.accountId}?period=2026-11&format=csv`)
      .set(roles.treasurer.auth)
      .expect(200);
    const statementLines = linesOf(statement);
    expect(statementLines).toContainEqual(expect.stringMatching(/,TRANSFER,'=1\+2,-1\.25,/));
    expect(statementLines).toContainEqual(expect.stringMatching(/,TRANSFER,'@SUM\(A1\),-1\.25,/));
    expect(statement.text).not.toMatch(/,=1\+2,/);
  });
});

describe('Story: names and descriptions refuse invisible and direction-changing characters', () => {
  const RLO = '\u202E';
  const ZWSP = '\u200B';
  const BELL = '\u0007';
  const C1 = '\u0085';

  /** 400 VALIDATION_FAILED naming the field with code isPlainText. */
  function expectPlainTextRefusal(response: Response, field: string): void {
    expectProblem(response, 400, 'VALIDATION_FAILED');
    expect(response.body.errors).toContainEqual(
      expect.objectContaining({ field, code: 'isPlainText' }),
    );
  }

  it('refuses a transfer description with a right-to-left override, and writes nothing', async () => {
    const payer = await createFundedParty(http(), roles, 'organisation', '10.00');
    const payee = await createFundedParty(http(), roles, 'organisation');
    const refused = await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: [payer.accountId, payee.accountId],
      status: 400,
      code: 'VALIDATION_FAILED',
      act: () =>
        postTransfer(http(), payer.member, {
          fromAccountId: payer.accountId,
          toAccountId: payee.accountId,
          amount: '1.00',
          description: `Factuur ${RLO}fdp.exe`,
        }),
    });
    expectPlainTextRefusal(refused, 'description');
    for (const control of [ZWSP, BELL, C1, '\n'])
      expectPlainTextRefusal(
        await postTransfer(http(), payer.member, {
          fromAccountId: payer.accountId,
          toAccountId: payee.accountId,
          amount: '1.00',
          description: `Koffie${control}`,
        }),
        'description',
      );
  });

  it('refuses a party name with a zero-width space; a description may have several lines', async () => {
    const refused = await http()
      .post(`${API}/parties`)
      .set(roles.admin.auth)
      .send({ kind: 'business', name: `Bakkerij${ZWSP} Bart`, district: 'noord-oost' });
    expectPlainTextRefusal(refused, 'name');
    const lines = await http().post(`${API}/parties`).set(roles.admin.auth).send({
      kind: 'business',
      name: 'Bakkerij Bart',
      district: 'noord-oost',
      description: 'Brood.\nVlaai.',
    });
    expect(lines.status).toBe(201);
    const bidi = await http()
      .post(`${API}/parties`)
      .set(roles.admin.auth)
      .send({
        kind: 'business',
        name: 'Bakkerij Bart',
        district: 'noord-oost',
        description: `Brood ${RLO}.`,
      });
    expectPlainTextRefusal(bidi, 'description');
  });

  it('refuses such characters in offers, listings and claims alike', async () => {
    const business = await createParty(http(), roles.admin, { kind: 'business' });
    const operator = await createMember(http(), roles.admin, business.id, 'business_operator');
    const offer = (title: object, description: object) =>
      http()
        .post(`${API}/offers`)
        .set(operator.auth)
        .send({ title, description, price: '1.00', euroValue: '1.00' });
    expectPlainTextRefusal(
      await offer({ nl: `Koffie${RLO}`, en: 'Coffee' }, { nl: 'x', en: 'x' }),
      'title.nl',
    );
    expectPlainTextRefusal(
      await offer({ nl: 'Koffie', en: 'Coffee\n' }, { nl: 'x', en: 'x' }),
      'title.en',
    );
    expectPlainTextRefusal(
      await offer({ nl: 'Koffie', en: 'Coffee' }, { nl: `x${BELL}`, en: 'x' }),
      'description.nl',
    );
    expect((await offer({ nl: 'Koffie', en: 'Coffee' }, { nl: 'a\nb', en: 'x' })).status).toBe(201);

    expectPlainTextRefusal(
      await postListing(http(), roles.org_manager, 'administration', {
        titleNl: `Hulp${ZWSP}`,
      }),
      'titleNl',
    );
    expectPlainTextRefusal(
      await postListing(http(), roles.org_manager, 'administration', {
        descriptionEn: `Help ${RLO}`,
      }),
      'descriptionEn',
    );

    expectPlainTextRefusal(
      await http()
        .post(`${API}/time-claims`)
        .set(roles.volunteer.auth)
        .set('Idempotency-Key', newKey())
        .send({
          organisationId: roles.org_manager.partyId,
          date: '2026-11-21',
          hours: '1.00',
          activity: `Koffie${C1}`,
        }),
      'activity',
    );
  });
});
