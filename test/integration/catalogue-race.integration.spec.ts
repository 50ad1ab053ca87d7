import { randomUUID } from 'node:crypto';
import { BookingsService } from '../../src/catalogue/bookings.service.js';
import { ListingsService } from '../../src/catalogue/listings.service.js';
import { DomainError } from '../../src/common/errors/domain-error.js';
import type { AuthenticatedUser } from '../../src/common/http/request-context.js';
import { LedgerIntegrityService } from '../../src/ledger/ledger-integrity.service.js';
import { LedgerService } from '../../src/ledger/ledger.service.js';
import { ISSUANCE_ACCOUNT } from '../../src/ledger/ledger.types.js';
import { PartiesService } from '../../src/parties/parties.service.js';
import { createTestContext, type TestContext } from '../support/test-context.js';

/**
 * Organisations racing for the last unit of a listing. On PostgreSQL the requests are spread over
 * three application instances on one database, as three servers would be; on SQLite one process
 * serialises them. Either way exactly one booking gets the last unit, the others are refused with
 * BOOKING_CONFLICT, and only the winner's Steerkes are held.
 */
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
const INSTANCES = onPostgres ? 3 : 1;
const RACERS = 9;

describe(`${BookingsService.name} racing for the last unit (${onPostgres ? `PostgreSQL, ${INSTANCES} instances` : 'SQLite'})`, () => {
  const contexts: TestContext[] = [];
  let bookings: BookingsService[];
  let ledger: LedgerService;
  let provider: AuthenticatedUser;
  let racers: Array<{ actor: AuthenticatedUser; accountId: string }>;

  const memberOf = (
    partyId: string,
    role: AuthenticatedUser['role'] = 'org_manager',
  ): AuthenticatedUser => ({ id: randomUUID(), email: `${randomUUID()}@race.test`, role, partyId });

  beforeAll(async () => {
    contexts.push(await createTestContext());
    for (let index = 1; index < INSTANCES; index += 1)
      contexts.push(await createTestContext({ shareDatabase: contexts[0].database }));
    bookings = contexts.map((context) => context.app.get(BookingsService));
    ledger = contexts[0].app.get(LedgerService);
    const parties = contexts[0].app.get(PartiesService);
    const issuance = await ledger.getSystemAccountId(ISSUANCE_ACCOUNT);
    provider = memberOf(
      (await parties.create({ kind: 'organisation', name: 'race provider', district: 'zuid-oost' }))
        .id,
    );
    racers = [];
    for (let index = 0; index < RACERS; index += 1) {
      const party = await parties.create({
        kind: index % 3 === 0 ? 'business' : 'organisation',
        name: `racer ${index}`,
        district: 'noord-west',
      });
      const [account] = await ledger.listAccountsOfParty(party.id);
      await ledger.transfer({
        fromAccountId: issuance,
        toAccountId: account.id,
        amountMinor: 10_000n,
        code: 'ISSUE',
        description: 'race budget',
      });
      racers.push({
        actor: memberOf(party.id, index % 3 === 0 ? 'business_operator' : 'org_manager'),
        accountId: account.id,
      });
    }
  }, 120_000);

  afterAll(async () => {
    for (const context of contexts.slice().reverse()) await context.close();
  });

  async function race(
    listingId: string,
    windowOf: (index: number) => { startsAt: string; endsAt: string },
  ) {
    return Promise.all(
      racers.map(({ actor }, index) =>
        bookings[index % bookings.length]
          .create(actor, { listingId, quantity: 1, ...windowOf(index) }, `race-${randomUUID()}`)
          .then(
            (outcome) => ({ ok: true as const, index, booking: outcome.result }),
            (error: unknown) => {
              if (error instanceof DomainError)
                return { ok: false as const, index, code: error.code };
              throw error;
            },
          ),
      ),
    );
  }

  it('gives the last tent to exactly one of nine parallel bookings', async () => {
    const listings = contexts[0].app.get(ListingsService);
    const tents = await listings.create(provider, {
      category: 'materials',
      titleNl: 'Tent',
      titleEn: 'Tent',
      descriptionNl: 'Tent',
      descriptionEn: 'Tent',
      address: 'Race 1',
      pricingUnit: 'day',
      price: '5.00',
      deposit: '10.00',
      quantity: 3,
      confirmation: 'auto',
    });
    const window = { startsAt: '2026-11-28', endsAt: '2026-11-29' };
    // Two of the three tents are already out.
    for (const racer of racers.slice(0, 2))
      await bookings[0].create(
        racer.actor,
        { listingId: tents.id, quantity: 1, ...window },
        `pre-${randomUUID()}`,
      );
    const pendingBefore = await Promise.all(
      racers.map((racer) => ledger.getAccount(racer.accountId)),
    );

    const results = await race(tents.id, () => window);
    const winners = results.filter((result) => result.ok);
    expect(winners).toHaveLength(1);
    expect(
      results.filter((result) => !result.ok).map((result) => (result.ok ? '' : result.code)),
    ).toEqual(Array(RACERS - 1).fill('BOOKING_CONFLICT'));

    // Only the winner's price and deposit are held; the refused ones held nothing.
    const pendingAfter = await Promise.all(
      racers.map((racer) => ledger.getAccount(racer.accountId)),
    );
    const heldNow = pendingAfter.map(
      (account, index) => Number(account.pending) - Number(pendingBefore[index].pending),
    );
    expect(heldNow.filter((held) => held !== 0)).toEqual([15]);
    expect(heldNow[winners[0].index]).toBe(15);
    const availability = await listings.availability(tents.id, window.startsAt, window.endsAt);
    expect(availability.intervals).toEqual([
      expect.objectContaining({ status: 'busy', remaining: 0 }),
    ]);
    expect((await contexts[0].app.get(LedgerIntegrityService).verify()).discrepancies).toEqual([]);
  }, 120_000);

  it('lets only one of overlapping room bookings through, whatever their windows', async () => {
    const listings = contexts[0].app.get(ListingsService);
    const room = await listings.create(provider, {
      category: 'room',
      titleNl: 'Zaal',
      titleEn: 'Hall',
      descriptionNl: 'Zaal',
      descriptionEn: 'Hall',
      address: 'Race 2',
      pricingUnit: 'hour',
      price: '3.00',
      bufferMinutes: 15,
      confirmation: 'provider',
    });
    // Nine windows that all overlap 13:00–14:00 (buffer included), each starting a quarter later.
    const results = await race(room.id, (index) => {
      const start = 11 * 60 + index * 15;
      const time = (minutes: number) =>
        `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
      return { startsAt: `2026-12-01T${time(start)}`, endsAt: `2026-12-01T${time(start + 120)}` };
    });
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    const busy = (
      await listings.availability(room.id, '2026-12-01T09:00', '2026-12-01T18:00')
    ).intervals.filter((interval) => interval.status === 'busy');
    expect(busy).toHaveLength(1);
    expect((await contexts[0].app.get(LedgerIntegrityService).verify()).discrepancies).toEqual([]);
  }, 120_000);

  it('never lets one booker’s parallel bookings of different listings hold more than it has', async () => {
    const listings = contexts[0].app.get(ListingsService);
    const parties = contexts[0].app.get(PartiesService);
    const party = await parties.create({
      kind: 'organisation',
      name: 'eager booker',
      district: 'noord-oost',
    });
    const [account] = await ledger.listAccountsOfParty(party.id);
    await ledger.transfer({
      fromAccountId: await ledger.getSystemAccountId(ISSUANCE_ACCOUNT),
      toAccountId: account.id,
      amountMinor: 1200n,
      code: 'ISSUE',
      description: 'four rooms',
    });
    const booker = memberOf(party.id);
    const rooms = [];
    for (let index = 0; index < RACERS; index += 1) {
      rooms.push(
        await listings.create(provider, {
          category: 'room',
          titleNl: `Kamer ${index}`,
          titleEn: `Room ${index}`,
          descriptionNl: 'Kamer',
          descriptionEn: 'Room',
          address: 'Race 3',
          pricingUnit: 'hour',
          price: '3.00',
          confirmation: 'auto',
        }),
      );
    }
    // Each listing has its own lock, so these run side by side; the ledger's lock keeps the money right.
    const results = await Promise.all(
      rooms.map((room, index) =>
        bookings[index % bookings.length]
          .create(
            booker,
            { listingId: room.id, startsAt: '2026-12-02T10:00', endsAt: '2026-12-02T11:00' },
            `eager-${randomUUID()}`,
          )
          .then(
            () => 'ok',
            (error: unknown) =>
              error instanceof DomainError ? error.code : Promise.reject(error as Error),
          ),
      ),
    );
    expect(results.filter((result) => result === 'ok')).toHaveLength(4);
    expect(results.filter((result) => result !== 'ok')).toEqual(
      Array(RACERS - 4).fill('INSUFFICIENT_FUNDS'),
    );
    expect(await ledger.getAccount(account.id)).toMatchObject({
      balance: '12.00',
      pending: '12.00',
      available: '0.00',
    });
    expect((await contexts[0].app.get(LedgerIntegrityService).verify()).discrepancies).toEqual([]);
  }, 120_000);
});
