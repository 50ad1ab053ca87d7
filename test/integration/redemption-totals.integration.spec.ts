import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { DomainError } from '../../src/common/errors/domain-error.js';
import type { AuthenticatedUser } from '../../src/common/http/request-context.js';
import { Database } from '../../src/database/database.service.js';
import { RedemptionTotals1763901200000 } from '../../src/database/migrations/1763901200000-redemption-totals.js';
import { LedgerService } from '../../src/ledger/ledger.service.js';
import { ISSUANCE_ACCOUNT } from '../../src/ledger/ledger.types.js';
import { PartiesService } from '../../src/parties/parties.service.js';
import { OffersService } from '../../src/passes/offers.service.js';
import { PassesSettingsService } from '../../src/passes/passes-settings.service.js';
import { PassesService } from '../../src/passes/passes.service.js';
import { PER_PASS_PERIODS, periodStart } from '../../src/passes/redemption-limits.js';
import { RedemptionsService } from '../../src/passes/redemptions.service.js';
import { createTestContext, type TestContext } from '../support/test-context.js';

/**
 * The running totals a redemption reads (src/passes/redemption-totals.store.ts) are the sums of the
 * redemptions that stand, after any mix of redemptions, voids, reversals, days passing and offers
 * changing their per-pass period; and a refused redemption, void or reversal changes no total.
 */
const DAY_MS = 24 * 60 * 60 * 1000;
const VOLUNTEERS = 3;
const OFFERS = 3;

type Step =
  | { kind: 'redeem'; volunteer: number; offer: number; quantity: number }
  | { kind: 'void'; pick: number }
  | { kind: 'reverse'; pick: number }
  | { kind: 'advance'; days: number; minutes: number }
  | { kind: 'period'; offer: number; period: (typeof PER_PASS_PERIODS)[number] | null };

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('redeem' as const),
      volunteer: fc.nat(VOLUNTEERS - 1),
      offer: fc.nat(OFFERS - 1),
      quantity: fc.integer({ min: 1, max: 3 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('void' as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('reverse' as const), pick: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('advance' as const),
      days: fc.nat(9),
      minutes: fc.nat(30),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('period' as const),
      offer: fc.nat(OFFERS - 1),
      period: fc.constantFrom(...PER_PASS_PERIODS, null),
    }),
  },
);

/** The one sequence that surely takes every kind of step, whatever the seed. */
const EVERY_KIND: Step[] = [
  { kind: 'redeem', volunteer: 0, offer: 0, quantity: 2 },
  { kind: 'redeem', volunteer: 0, offer: 1, quantity: 1 },
  { kind: 'void', pick: 0 },
  { kind: 'advance', days: 8, minutes: 0 },
  { kind: 'redeem', volunteer: 1, offer: 1, quantity: 3 },
  { kind: 'redeem', volunteer: 0, offer: 1, quantity: 3 },
  { kind: 'period', offer: 1, period: 'month' },
  { kind: 'reverse', pick: 0 },
  { kind: 'void', pick: 0 },
  // Refused: three more of offer 0 in the same week pass its per-pass limit of four.
  { kind: 'redeem', volunteer: 1, offer: 0, quantity: 3 },
  { kind: 'redeem', volunteer: 1, offer: 0, quantity: 3 },
];

interface TotalRow {
  kind: string;
  offer_id: string;
  owner_id: string;
  period: string;
  total: unknown;
}

describe('Redemption running totals', () => {
  let context: TestContext;
  let database: Database;
  let redemptions: RedemptionsService;
  let offers: OffersService;
  let businessId: string;
  let operator: AuthenticatedUser;
  const treasurer: AuthenticatedUser = {
    id: randomUUID(),
    email: 'treasurer@totals.test',
    role: 'treasurer',
    partyId: null,
  };

  beforeAll(async () => {
    context = await createTestContext();
    database = context.app.get(Database);
    redemptions = context.app.get(RedemptionsService);
    offers = context.app.get(OffersService);
    businessId = (
      await context.app
        .get(PartiesService)
        .create({ kind: 'business', name: 'totals business', district: 'city-wide' })
    ).id;
    operator = {
      id: randomUUID(),
      email: 'counter@totals.test',
      role: 'business_operator',
      partyId: businessId,
    };
    // The guardrail's own behaviour is the fiscal tests'; its totals are kept with it off too.
    await context.app.get(PassesSettingsService).setGuardrail(false, operator.id);
  }, 60_000);

  afterAll(() => context.close());

  async function volunteerWithPass(funds: bigint): Promise<string> {
    const party = await context.app.get(PartiesService).create({
      kind: 'volunteer',
      name: `teller ${randomUUID().slice(0, 6)}`,
      district: 'city-wide',
    });
    const ledger = context.app.get(LedgerService);
    await ledger.transfer({
      fromAccountId: await ledger.getSystemAccountId(ISSUANCE_ACCOUNT),
      toAccountId: (await ledger.listAccountsOfParty(party.id))[0].id,
      amountMinor: funds,
      code: 'ISSUE',
      description: 'totals budget',
    });
    return (await context.app.get(PassesService).issue(null, party.id)).number;
  }

  async function world(): Promise<{ passNumbers: string[]; offerIds: string[] }> {
    const passNumbers = [];
    // Little money, so that some redemptions are refused for want of Steerkes.
    for (let index = 0; index < VOLUNTEERS; index += 1)
      passNumbers.push(await volunteerWithPass(BigInt(1_500 + index * 1_000)));
    const offerIds = [];
    for (let index = 0; index < OFFERS; index += 1) {
      const offer = await offers.create(businessId, operator.id, {
        title: { nl: `Teller ${index}`, en: `Counter ${index}` },
        description: { nl: 'Telt.', en: 'Counts.' },
        price: `${index + 1}.00`,
        euroValue: `${index + 1}.50`,
        stock: index === 2 ? 6 : undefined,
        perPassLimit:
          index === 2 ? undefined : { quantity: 4, period: index === 0 ? 'week' : 'day' },
      });
      offerIds.push(offer.id);
    }
    return { passNumbers, offerIds };
  }

  async function totals(): Promise<Map<string, bigint>> {
    const rows = await database.read((tx) =>
      tx.sql.all<TotalRow>('SELECT kind, offer_id, owner_id, period, total FROM redemption_totals'),
    );
    return new Map(
      rows
        .filter((row) => BigInt(row.total as bigint) !== 0n)
        .map((row) => [
          `${row.kind}|${row.offer_id}|${row.owner_id}|${row.period}`,
          BigInt(row.total as bigint),
        ]),
    );
  }

  /** The totals as sums over the redemptions that stand, by each offer's current period. */
  async function sums(): Promise<Map<string, bigint>> {
    const rows = await database.read((tx) =>
      tx.sql.all<{
        pass_id: string;
        volunteer_party_id: string;
        offer_id: string;
        quantity: unknown;
        amount_minor: unknown;
        euro_value_minor: unknown;
        redeemed_date: string;
        per_pass_period: string | null;
      }>(
        `SELECT r.pass_id, r.volunteer_party_id, r.offer_id, r.quantity, r.amount_minor, r.euro_value_minor,
                r.redeemed_date, o.per_pass_period
         FROM redemptions r JOIN offers o ON o.id = r.offer_id WHERE r.status = 'completed'`,
      ),
    );
    const expected = new Map<string, bigint>();
    const add = (key: string, value: bigint) =>
      expected.set(key, (expected.get(key) ?? 0n) + value);
    for (const row of rows) {
      const euro = BigInt(row.euro_value_minor as bigint);
      add(`volunteer||${row.volunteer_party_id}|${row.redeemed_date.slice(0, 7)}`, euro);
      add(`volunteer||${row.volunteer_party_id}|${row.redeemed_date.slice(0, 4)}`, euro);
      add(`pass||${row.pass_id}|${row.redeemed_date}`, BigInt(row.amount_minor as bigint));
      if (row.per_pass_period !== null)
        add(
          `offer|${row.offer_id}|${row.volunteer_party_id}|${periodStart(row.per_pass_period as 'day', row.redeemed_date)}`,
          BigInt(row.quantity as bigint),
        );
    }
    for (const [key, value] of expected) if (value === 0n) expected.delete(key);
    return expected;
  }

  /** Runs one step; answers whether it was refused. */
  async function take(
    current: Step,
    setting: { passNumbers: string[]; offerIds: string[]; redeemed: string[] },
  ): Promise<boolean> {
    try {
      if (current.kind === 'redeem') {
        const { result } = await redemptions.redeem(
          operator,
          {
            passNumber: setting.passNumbers[current.volunteer],
            offerId: setting.offerIds[current.offer],
            quantity: current.quantity,
          },
          randomUUID(),
        );
        setting.redeemed.push(result.id);
      } else if (current.kind === 'void' || current.kind === 'reverse') {
        if (setting.redeemed.length === 0) return false;
        const id = setting.redeemed[current.pick % setting.redeemed.length];
        if (current.kind === 'void') await redemptions.void(operator, id, randomUUID());
        else await redemptions.reverse(treasurer, id, undefined, randomUUID());
      } else if (current.kind === 'advance') {
        context.clock.advance(current.days * DAY_MS + current.minutes * 60_000);
      } else {
        await offers.update(operator, setting.offerIds[current.offer], {
          perPassLimit: current.period === null ? null : { quantity: 4, period: current.period },
        });
      }
      return false;
    } catch (error) {
      if (error instanceof DomainError) return true;
      throw error;
    }
  }

  it('equal the sums of the redemptions that stand, and a refusal changes none of them', async () => {
    let refusals = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps) => {
        const setting = { ...(await world()), redeemed: [] as string[] };
        for (const current of steps) {
          const before = await totals();
          const refused = await take(current, setting);
          const after = await totals();
          if (refused) {
            refusals += 1;
            expect(after).toEqual(before);
          }
          expect(after).toEqual(await sums());
        }
      }),
      { numRuns: 12, examples: [[EVERY_KIND]] },
    );
    // Refusals did happen (spent Steerkes, daily and per-pass limits, stock, closed redemptions).
    expect(refusals).toBeGreaterThan(0);
  }, 240_000);

  it('are filled by their migration from the redemptions there are', async () => {
    const setting = { ...(await world()), redeemed: [] as string[] };
    for (const current of EVERY_KIND) await take(current, setting);
    await take({ kind: 'redeem', volunteer: 2, offer: 0, quantity: 1 }, setting);
    const kept = await totals();
    expect(kept.size).toBeGreaterThan(0);
    const runner = context.app.get(DataSource).createQueryRunner();
    try {
      await runner.dropTable('redemption_totals');
      await new RedemptionTotals1763901200000().up(runner);
    } finally {
      await runner.release();
    }
    expect(await totals()).toEqual(kept);
    expect(kept).toEqual(await sums());
  }, 60_000);
});
