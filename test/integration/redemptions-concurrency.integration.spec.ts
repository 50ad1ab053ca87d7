import { randomUUID } from 'node:crypto';
import { DomainError } from '../../src/common/errors/domain-error.js';
import type { AuthenticatedUser } from '../../src/common/http/request-context.js';
import { LedgerIntegrityService } from '../../src/ledger/ledger-integrity.service.js';
import { LedgerService } from '../../src/ledger/ledger.service.js';
import { ISSUANCE_ACCOUNT } from '../../src/ledger/ledger.types.js';
import { PartiesService } from '../../src/parties/parties.service.js';
import { OffersService } from '../../src/passes/offers.service.js';
import {
  PASS_DAILY_LIMIT_DEFAULT_MINOR,
  PassesSettingsService,
  VOID_WINDOW_DEFAULT_MINUTES,
} from '../../src/passes/passes-settings.service.js';
import { PassesService } from '../../src/passes/passes.service.js';
import {
  type RedemptionReceipt,
  RedemptionsService,
} from '../../src/passes/redemptions.service.js';
import { createTestContext, type TestContext } from '../support/test-context.js';

/**
 * Counters racing for the same stock, the same pass and the same Idempotency-Key. On PostgreSQL
 * the requests are spread over three application instances on one database, as three servers
 * would be; on SQLite one process serialises them. Either way the stock, the daily limit and the
 * one-active-pass rule hold exactly, a raced key books once, and the ledger reconciles.
 */
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
const INSTANCES = onPostgres ? 3 : 1;

type Settled =
  { ok: true; receipt: RedemptionReceipt; replayed: boolean } | { ok: false; code: string };

describe(`${RedemptionsService.name} under concurrent counters (${onPostgres ? `PostgreSQL, ${INSTANCES} instances` : 'SQLite'})`, () => {
  const contexts: TestContext[] = [];
  let redemptions: RedemptionsService[];
  let passes: PassesService[];
  let operator: AuthenticatedUser;
  let businessId: string;

  async function volunteerWithPass(funds = 1000n): Promise<{ partyId: string; number: string }> {
    const app = contexts[0].app;
    const party = await app.get(PartiesService).create({
      kind: 'volunteer',
      name: `racer ${randomUUID().slice(0, 6)}`,
      district: 'city-wide',
    });
    const ledger = app.get(LedgerService);
    await ledger.transfer({
      fromAccountId: await ledger.getSystemAccountId(ISSUANCE_ACCOUNT),
      toAccountId: (await ledger.listAccountsOfParty(party.id))[0].id,
      amountMinor: funds,
      code: 'ISSUE',
      description: 'race budget',
    });
    return { partyId: party.id, number: (await passes[0].issue(null, party.id)).number };
  }

  function settle(
    requests: Array<{ passNumber: string; offerId: string; key: string }>,
  ): Promise<Settled[]> {
    return Promise.all(
      requests.map((request, index) =>
        redemptions[index % redemptions.length]
          .redeem(
            operator,
            { passNumber: request.passNumber, offerId: request.offerId },
            request.key,
          )
          .then(
            ({ result: receipt, replayed }): Settled => ({ ok: true, receipt, replayed }),
            (error: unknown): Settled => {
              if (error instanceof DomainError) return { ok: false, code: error.code };
              throw error;
            },
          ),
      ),
    );
  }

  beforeAll(async () => {
    contexts.push(await createTestContext());
    for (let index = 1; index < INSTANCES; index += 1)
      contexts.push(await createTestContext({ shareDatabase: contexts[0].database }));
    redemptions = contexts.map((context) => context.app.get(RedemptionsService));
    passes = contexts.map((context) => context.app.get(PassesService));
    const business = await contexts[0].app
      .get(PartiesService)
      .create({ kind: 'business', name: 'race business', district: 'city-wide' });
    businessId = business.id;
    operator = {
      id: randomUUID(),
      email: 'counter@race.test',
      role: 'business_operator',
      partyId: businessId,
    };
    // This test is about races, not about the tax-free limits.
    await contexts[0].app.get(PassesSettingsService).setGuardrail(false, operator.id);
  }, 60_000);

  afterAll(async () => {
    for (const context of contexts.slice().reverse()) await context.close();
  });

  // The pass policy is one for the whole application: each test starts from the defaults.
  beforeEach(() =>
    contexts[0].app.get(PassesSettingsService).setPassPolicy(
      {
        dailyLimitMinor: PASS_DAILY_LIMIT_DEFAULT_MINOR,
        voidWindowMinutes: VOID_WINDOW_DEFAULT_MINUTES,
      },
      operator.id,
    ),
  );

  const offer = (input: { price: string; stock?: number }) =>
    contexts[0].app.get(OffersService).create(businessId, operator.id, {
      title: { nl: 'Racekoffie', en: 'Race coffee' },
      description: { nl: 'Snel.', en: 'Fast.' },
      price: input.price,
      euroValue: '1.00',
      stock: input.stock,
    });

  it('sells exactly the stock when twelve passes race for three', async () => {
    const scarce = await offer({ price: '1.00', stock: 3 });
    const racers = [];
    for (let index = 0; index < 12; index += 1) racers.push(await volunteerWithPass());
    const results = await settle(
      racers.map((racer) => ({ passNumber: racer.number, offerId: scarce.id, key: randomUUID() })),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(3);
    expect(
      new Set(
        results.filter((result) => !result.ok).map((result) => (result as { code: string }).code),
      ),
    ).toEqual(new Set(['OFFER_OUT_OF_STOCK']));
    expect((await contexts[0].app.get(OffersService).get(scarce.id)).stockRemaining).toBe(0);
  }, 60_000);

  it('keeps one pass within its daily limit when ten redemptions race', async () => {
    const racer = await volunteerWithPass();
    await contexts[0].app
      .get(PassesSettingsService)
      .setPassPolicy({ dailyLimitMinor: 500n, voidWindowMinutes: 15 }, operator.id);
    const coffee = await offer({ price: '2.00' });
    const results = await settle(
      Array.from({ length: 10 }, () => ({
        passNumber: racer.number,
        offerId: coffee.id,
        key: randomUUID(),
      })),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(2);
    expect(
      new Set(
        results.filter((result) => !result.ok).map((result) => (result as { code: string }).code),
      ),
    ).toEqual(new Set(['PASS_DAILY_LIMIT_REACHED']));
  }, 60_000);

  it('books a raced Idempotency-Key once and answers every request with that redemption', async () => {
    await contexts[0].app
      .get(PassesSettingsService)
      .setPassPolicy({ dailyLimitMinor: 10_000n, voidWindowMinutes: 15 }, operator.id);
    const racer = await volunteerWithPass();
    const coffee = await offer({ price: '1.00' });
    const key = randomUUID();
    const results = await settle(
      Array.from({ length: 10 }, () => ({ passNumber: racer.number, offerId: coffee.id, key })),
    );
    expect(results.every((result) => result.ok)).toBe(true);
    const ids = new Set(
      results.map((result) => (result as { receipt: RedemptionReceipt }).receipt.id),
    );
    expect(ids.size).toBe(1);
    expect(results.filter((result) => result.ok && !result.replayed)).toHaveLength(1);
    const ledger = contexts[0].app.get(LedgerService);
    const account = (await ledger.listAccountsOfParty(racer.partyId))[0];
    expect(account.balance).toBe('9.00');
  }, 60_000);

  it('keeps the business’s balance exact when different passes redeem different offers at once', async () => {
    const ledger = contexts[0].app.get(LedgerService);
    const businessAccount = (await ledger.listAccountsOfParty(businessId))[0];
    const racers = [];
    for (let index = 0; index < 9; index += 1)
      racers.push({ ...(await volunteerWithPass()), offerId: (await offer({ price: '1.00' })).id });
    const results = await settle(
      racers.map((racer) => ({
        passNumber: racer.number,
        offerId: racer.offerId,
        key: randomUUID(),
      })),
    );
    expect(results.every((result) => result.ok)).toBe(true);
    const after = (await ledger.listAccountsOfParty(businessId))[0];
    expect(Number(after.balance) - Number(businessAccount.balance)).toBe(9);
    expect((await contexts[0].app.get(LedgerIntegrityService).verify()).ok).toBe(true);
  }, 60_000);

  it('issues one active pass when a volunteer’s requests race', async () => {
    const party = await contexts[0].app
      .get(PartiesService)
      .create({ kind: 'volunteer', name: 'twice', district: 'city-wide' });
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, index) =>
        passes[index % passes.length].issue(null, party.id).then(
          () => 'issued',
          (error: unknown) =>
            error instanceof DomainError ? error.code : Promise.reject(error as Error),
        ),
      ),
    );
    expect(results.filter((result) => result === 'issued')).toHaveLength(1);
    expect(new Set(results.filter((result) => result !== 'issued'))).toEqual(
      new Set(['PASS_ALREADY_ACTIVE']),
    );
  }, 60_000);

  it('leaves a ledger that reconciles', async () => {
    expect((await contexts[0].app.get(LedgerIntegrityService).verify()).ok).toBe(true);
  });
});
