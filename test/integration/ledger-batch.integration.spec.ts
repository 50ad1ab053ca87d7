import { Database } from '../../src/database/database.service.js';
import { LedgerService } from '../../src/ledger/ledger.service.js';
import {
  BATCH_COMMANDS_MAX,
  ISSUANCE_ACCOUNT,
  type TransferInput,
} from '../../src/ledger/ledger.types.js';
import { PartiesService } from '../../src/parties/parties.service.js';
import { ValidationFailedError } from '../../src/common/errors/domain-error.js';
import { createTestContext, type TestContext } from '../support/test-context.js';

describe(`${LedgerService.name}.transferBatch`, () => {
  let context: TestContext;
  let ledger: LedgerService;
  let payer: string;
  let payee: string;

  beforeAll(async () => {
    context = await createTestContext();
    ledger = context.app.get(LedgerService);
  });
  afterAll(() => context.close());

  // A payer and a payee of their own for each test; the test issues the payer's budget.
  beforeEach(async () => {
    const parties = context.app.get(PartiesService);
    const accountOf = async (kind: 'volunteer' | 'business') =>
      (
        await ledger.listAccountsOfParty(
          (await parties.create({ kind, name: kind, district: 'city-wide' })).id,
        )
      )[0].id;
    payer = await accountOf('volunteer');
    payee = await accountOf('business');
  });

  const issueToPayer = async (minor: bigint) =>
    ledger.transfer({
      fromAccountId: await ledger.getSystemAccountId(ISSUANCE_ACCOUNT),
      toAccountId: payer,
      amountMinor: minor,
      code: 'ISSUE',
      description: 'budget',
    });

  const pay = (minor: bigint, key?: string): TransferInput => ({
    fromAccountId: payer,
    toAccountId: payee,
    amountMinor: minor,
    code: 'TRANSFER',
    description: 'batch',
    idempotencyKey: key,
  });

  it('lets each command succeed or be refused on its own, in order, in one commit', async () => {
    await issueToPayer(500n);
    const outcomes = await ledger.transferBatch([
      pay(200n, 'batch-1'),
      pay(400n, 'batch-2'), // 3.00 left: refused
      pay(300n, 'batch-3'), // fits exactly
      {
        fromAccountId: payer,
        toAccountId: payer,
        amountMinor: 1n,
        code: 'TRANSFER',
        description: 'self',
      },
      pay(200n, 'batch-1'), // replay of the first: its result, nothing new
    ]);
    expect(outcomes.map((outcome) => (outcome.ok ? 'ok' : outcome.error.code))).toEqual([
      'ok',
      'INSUFFICIENT_FUNDS',
      'ok',
      'SAME_ACCOUNT',
      'ok',
    ]);
    const first = outcomes[0].ok ? outcomes[0].entry.id : 'none';
    const replay = outcomes[4].ok ? outcomes[4] : undefined;
    expect(replay).toMatchObject({ replayed: true, entry: { id: first } });
    expect((await ledger.getAccount(payer)).balance).toBe('0.00');
    expect((await ledger.getAccount(payee)).balance).toBe('5.00');
  });

  it('writes nothing of the batch when the surrounding transaction fails', async () => {
    const database = context.app.get(Database);
    await issueToPayer(100n);
    await expect(
      database.transaction(async () => {
        const outcomes = await ledger.transferBatch([pay(50n), pay(50n)]);
        expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
        throw new Error('the domain record could not be saved');
      }),
    ).rejects.toThrow('the domain record could not be saved');
    expect((await ledger.getAccount(payer)).balance).toBe('1.00');
  });

  it(`refuses more than ${BATCH_COMMANDS_MAX} commands`, () => {
    expect(() =>
      ledger.transferBatch(Array.from({ length: BATCH_COMMANDS_MAX + 1 }, () => pay(1n))),
    ).toThrow(ValidationFailedError);
  });
});
