import { randomUUID } from 'node:crypto';
import { formatAmount, parseAmount } from '../../src/common/amount.js';
import type { AuthenticatedUser } from '../../src/common/http/request-context.js';
import { DomainError } from '../../src/common/errors/domain-error.js';
import { LedgerIntegrityService } from '../../src/ledger/ledger-integrity.service.js';
import { LedgerService } from '../../src/ledger/ledger.service.js';
import { ISSUANCE_ACCOUNT } from '../../src/ledger/ledger.types.js';
import { PartiesService } from '../../src/parties/parties.service.js';
import { BulkTimeClaimsService } from '../../src/volunteering/bulk-time-claims.service.js';
import { TimeClaimsService } from '../../src/volunteering/time-claims.service.js';
import { createTestContext, type TestContext } from '../support/test-context.js';

/**
 * Retries and double clicks racing each other. On PostgreSQL the requests are spread over three
 * application instances on one database, as three servers would be; on SQLite one process
 * serialises them. Either way a claim is paid once, a bulk activity recorded once, and a day
 * never holds more than 24 claimed hours.
 */
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
const INSTANCES = onPostgres ? 3 : 1;
const RACERS = 12;

type Settled<T> = { ok: true; value: T } | { ok: false; code: string };

async function settle<T>(attempts: Array<() => Promise<T>>): Promise<Array<Settled<T>>> {
  return Promise.all(
    attempts.map((attempt) =>
      attempt().then(
        (value) => ({ ok: true as const, value }),
        (error: unknown) => {
          if (error instanceof DomainError) return { ok: false as const, code: error.code };
          throw error;
        },
      ),
    ),
  );
}

describe(`${TimeClaimsService.name} and ${BulkTimeClaimsService.name} under racing requests (${onPostgres ? `PostgreSQL, ${INSTANCES} instances` : 'SQLite'})`, () => {
  const contexts: TestContext[] = [];
  let claims: TimeClaimsService[];
  let bulk: BulkTimeClaimsService[];
  let ledger: LedgerService;
  let manager: AuthenticatedUser;
  let volunteers: AuthenticatedUser[];
  let organisationAccount: string;

  beforeAll(async () => {
    contexts.push(await createTestContext());
    for (let index = 1; index < INSTANCES; index += 1)
      contexts.push(await createTestContext({ shareDatabase: contexts[0].database }));
    claims = contexts.map((context) => context.app.get(TimeClaimsService));
    bulk = contexts.map((context) => context.app.get(BulkTimeClaimsService));
    ledger = contexts[0].app.get(LedgerService);
  }, 60_000);

  // An organisation with a budget, its manager and three volunteers of its own for each test.
  beforeEach(async () => {
    const parties = contexts[0].app.get(PartiesService);
    const organisation = await parties.create({
      kind: 'organisation',
      name: 'Race organisatie',
      district: 'city-wide',
    });
    manager = {
      id: randomUUID(),
      email: 'manager@race.test',
      role: 'org_manager',
      partyId: organisation.id,
    };
    volunteers = [];
    for (let index = 0; index < 3; index += 1) {
      const party = await parties.create({
        kind: 'volunteer',
        name: `Race vrijwilliger ${index}`,
        district: 'city-wide',
      });
      volunteers.push({
        id: randomUUID(),
        email: `volunteer${index}@race.test`,
        role: 'volunteer',
        partyId: party.id,
      });
    }
    organisationAccount = (await ledger.listAccountsOfParty(organisation.id))[0].id;
    await ledger.transfer({
      fromAccountId: await ledger.getSystemAccountId(ISSUANCE_ACCOUNT),
      toAccountId: organisationAccount,
      amountMinor: 10_000n,
      code: 'ISSUE',
      description: 'race budget',
    });
  });

  afterAll(async () => {
    for (const context of contexts.slice().reverse()) await context.close();
  });

  const instance = <T>(services: T[], index: number) => services[index % services.length];
  const claimInput = (hours: string, date = '2026-11-20') => ({
    organisationId: manager.partyId!,
    date,
    hours,
    activity: 'Race',
  });

  it('pays a claim once when many approvals with different keys race', async () => {
    const claim = (await claims[0].submit(volunteers[0], claimInput('2.00'))).result;
    const results = await settle(
      Array.from(
        { length: RACERS },
        (_, index) => () => instance(claims, index).approve(manager, claim.id, `approve-${index}`),
      ),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(
      results.filter((result) => !result.ok).map((result) => !result.ok && result.code),
    ).toEqual(Array(RACERS - 1).fill('TIME_CLAIM_NOT_PENDING'));
    expect((await ledger.listAccountsOfParty(volunteers[0].partyId!))[0].balance).toBe('2.00');
  });

  it('answers every racing retry with the same key the one payment', async () => {
    const claim = (await claims[0].submit(volunteers[1], claimInput('1.50'))).result;
    const results = await settle(
      Array.from(
        { length: RACERS },
        (_, index) => () => instance(claims, index).approve(manager, claim.id, 'double-click'),
      ),
    );
    expect(results.every((result) => result.ok)).toBe(true);
    const answers = results.map((result) => (result.ok ? result.value : undefined));
    expect(answers.filter((answer) => answer && !answer.replayed)).toHaveLength(1);
    expect(new Set(answers.map((answer) => answer?.result.entryId)).size).toBe(1);
    expect((await ledger.listAccountsOfParty(volunteers[1].partyId!))[0].balance).toBe('1.50');
  });

  it('records a bulk activity once when its retries race', async () => {
    // Bulk hours are for volunteers who have worked for the organisation before: each has a first
    // claim of their own, approved.
    for (const [index, volunteer] of volunteers.entries()) {
      const first = await claims[0].submit(volunteer, claimInput('0.25', '2026-11-10'));
      await claims[0].approve(manager, first.result.id, `first-claim-${index}`);
    }
    const input = {
      date: '2026-11-21',
      activity: 'Race buurtfeest',
      participants: volunteers.map((volunteer) => ({
        volunteerId: volunteer.partyId!,
        hours: '1.00',
      })),
    };
    const before = (await ledger.getAccount(organisationAccount)).balance;
    const results = await settle(
      Array.from(
        { length: RACERS },
        (_, index) => () => instance(bulk, index).record(manager, input, 'buurtfeest-race'),
      ),
    );
    expect(results.every((result) => result.ok)).toBe(true);
    const batches = new Set(
      results.map((result) => (result.ok ? result.value.result.id : undefined)),
    );
    expect(batches.size).toBe(1);
    expect(results.filter((result) => result.ok && !result.value.replayed)).toHaveLength(1);
    expect(
      (
        await claims[0].list(
          { ...manager, role: 'treasurer' },
          { batchId: [...batches][0], limit: 100 },
        )
      ).items,
    ).toHaveLength(3);
    expect((await ledger.getAccount(organisationAccount)).balance).toBe(
      formatAmount(parseAmount(before) - 300n),
    );
  });

  it('never lets racing submissions claim more than 24 hours on one day', async () => {
    const results = await settle(
      Array.from(
        { length: RACERS },
        (_, index) => () =>
          instance(claims, index).submit(volunteers[2], claimInput('5.00', '2026-11-22')),
      ),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(4);
    expect(
      results
        .filter((result) => !result.ok)
        .every((result) => !result.ok && result.code === 'TIME_CLAIM_DAY_LIMIT_EXCEEDED'),
    ).toBe(true);
  });

  it('leaves a ledger that passes the integrity check after racing approvals and bulk records', async () => {
    const claim = (await claims[0].submit(volunteers[0], claimInput('2.00'))).result;
    await settle(
      Array.from(
        { length: RACERS },
        (_, index) => () => instance(claims, index).approve(manager, claim.id, `approve-${index}`),
      ),
    );
    const input = {
      date: '2026-11-21',
      activity: 'Race buurtfeest',
      participants: volunteers.map((volunteer) => ({
        volunteerId: volunteer.partyId!,
        hours: '1.00',
      })),
    };
    await settle(
      Array.from(
        { length: RACERS },
        (_, index) => () => instance(bulk, index).record(manager, input, 'buurtfeest-race'),
      ),
    );
    expect((await contexts[0].app.get(LedgerIntegrityService).verify()).ok).toBe(true);
  });
});
