import { LedgerIntegrityService } from '../../src/ledger/ledger-integrity.service.js';
import { LedgerService } from '../../src/ledger/ledger.service.js';
import { ISSUANCE_ACCOUNT } from '../../src/ledger/ledger.types.js';
import { PartiesService } from '../../src/parties/parties.service.js';
import { createTestContext, type TestContext } from '../support/test-context.js';

describe(`${LedgerService.name}.releaseExpiredHolds`, () => {
  let context: TestContext;

  beforeAll(async () => {
    context = await createTestContext();
  });
  afterAll(() => context.close());

  it('marks only the holds whose time has come, and frees what they reserved', async () => {
    const ledger = context.app.get(LedgerService);
    const parties = context.app.get(PartiesService);
    const accountOf = async (name: string) =>
      (
        await ledger.listAccountsOfParty(
          (await parties.create({ kind: 'organisation', name, district: 'zuid-oost' })).id,
        )
      )[0].id;
    const payer = await accountOf('Buurtcentrum De Heeg');
    const payee = await accountOf('Volkstuinvereniging Heer');
    await ledger.transfer({
      fromAccountId: await ledger.getSystemAccountId(ISSUANCE_ACCOUNT),
      toAccountId: payer,
      amountMinor: 1000n,
      code: 'ISSUE',
      description: 'budget',
    });
    const now = context.clock.now().getTime();
    const hold = (minutes: number) =>
      ledger.hold({
        fromAccountId: payer,
        toAccountId: payee,
        amountMinor: 300n,
        code: 'SERVICE',
        description: `${minutes} min`,
        expiresAt: new Date(now + minutes * 60_000).toISOString(),
      });
    const soon = await hold(10);
    const later = await hold(60);

    expect(await ledger.releaseExpiredHolds()).toBe(0);
    context.clock.advance(11 * 60_000);
    expect((await ledger.getAccount(payer)).available).toBe('7.00'); // reads leave the expired hold out at once
    expect(await ledger.releaseExpiredHolds()).toBe(1);
    expect(await ledger.releaseExpiredHolds()).toBe(0);

    expect((await ledger.getHold(soon.result.id)).status).toBe('expired');
    expect((await ledger.getHold(later.result.id)).status).toBe('pending');
    expect(await ledger.getAccount(payer)).toMatchObject({
      balance: '10.00',
      pending: '3.00',
      available: '7.00',
    });
    const report = await context.app.get(LedgerIntegrityService).verify();
    expect(report.discrepancies).toEqual([]);
  });
});
