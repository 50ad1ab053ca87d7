import { randomUUID } from 'node:crypto';
import { DomainError } from '../../src/common/errors/domain-error.js';
import { Database } from '../../src/database/database.service.js';
import { LedgerIntegrityService } from '../../src/ledger/ledger-integrity.service.js';
import { LedgerService } from '../../src/ledger/ledger.service.js';
import { ISSUANCE_ACCOUNT, type LedgerCommand } from '../../src/ledger/ledger.types.js';
import { PartiesService } from '../../src/parties/parties.service.js';
import { runLedgerCommand } from '../support/ledger-commands.js';
import { createTestContext, type TestContext } from '../support/test-context.js';

/**
 * Many clients racing for the same Steerkes. On PostgreSQL the clients are spread over three
 * application instances (three connection pools on one database), as three servers would be;
 * on SQLite one process serialises them. Either way: exactly as many spends succeed as the
 * balance allows, the rest are refused whole, and nothing else moves.
 */
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
const INSTANCES = onPostgres ? 3 : 1;
const CLIENTS = 60;
const BALANCE_MINOR = 1000n; // 10.00 STK
const SPEND_MINOR = 100n; // 1.00 STK: ten spends fit

describe(`${LedgerService.name} under concurrent clients (${onPostgres ? `PostgreSQL, ${INSTANCES} instances` : 'SQLite'})`, () => {
  const contexts: TestContext[] = [];
  let ledgers: LedgerService[];
  let payer: string;
  let recipients: string[];

  beforeAll(async () => {
    contexts.push(await createTestContext());
    for (let index = 1; index < INSTANCES; index += 1)
      contexts.push(await createTestContext({ shareDatabase: contexts[0].database }));
    ledgers = contexts.map((context) => context.app.get(LedgerService));
  }, 60_000);

  // A payer and recipients of its own for each test; the test issues the payer's budget itself.
  beforeEach(async () => {
    const parties = contexts[0].app.get(PartiesService);
    const accountOf = async (kind: 'volunteer' | 'business') =>
      (
        await ledgers[0].listAccountsOfParty(
          (await parties.create({ kind, name: `race ${kind}`, district: 'city-wide' })).id,
        )
      )[0].id;
    payer = await accountOf('volunteer');
    recipients = [
      await accountOf('business'),
      await accountOf('business'),
      await accountOf('business'),
    ];
  });

  async function issueToPayer(amountMinor: bigint, description: string) {
    await ledgers[0].transfer({
      fromAccountId: await ledgers[0].getSystemAccountId(ISSUANCE_ACCOUNT),
      toAccountId: payer,
      amountMinor,
      code: 'ISSUE',
      description,
    });
  }

  afterAll(async () => {
    for (const context of contexts.slice().reverse()) await context.close();
  });

  async function settle(commands: LedgerCommand[]) {
    return Promise.all(
      commands.map((command, index) =>
        runLedgerCommand(ledgers[index % ledgers.length], command).then(
          (outcome) => ({ ok: true as const, outcome }),
          (error: unknown) => {
            if (error instanceof DomainError) return { ok: false as const, code: error.code };
            throw error;
          },
        ),
      ),
    );
  }

  it('lets exactly as many spends through as the balance allows', async () => {
    await issueToPayer(BALANCE_MINOR, 'race budget');
    const commands: LedgerCommand[] = Array.from({ length: CLIENTS }, (_, index) => ({
      kind: 'transfer',
      fromAccountId: payer,
      toAccountId: recipients[index % recipients.length],
      amountMinor: SPEND_MINOR,
      code: 'TRANSFER',
      description: `race ${index}`,
      idempotencyKey: `race:${randomUUID()}`,
    }));
    const results = await settle(commands);
    const succeeded = results.filter((result) => result.ok).length;
    expect(succeeded).toBe(Number(BALANCE_MINOR / SPEND_MINOR));
    expect(
      results
        .filter((result) => !result.ok)
        .every((result) => !result.ok && result.code === 'INSUFFICIENT_FUNDS'),
    ).toBe(true);
    expect((await ledgers[0].getAccount(payer)).balance).toBe('0.00');
    const received = await Promise.all(recipients.map((id) => ledgers[0].getAccount(id)));
    expect(
      received.reduce((sum, account) => sum + Number(account.balance.replace('.', '')), 0),
    ).toBe(Number(BALANCE_MINOR));
  }, 60_000);

  it('loses no update when a client reads the account before it spends, in one transaction (as the HTTP layer does)', async () => {
    await issueToPayer(1000n, 'budget');
    const databases = contexts.map((context) => context.app.get(Database));
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, index) =>
        databases[index % databases.length]
          .transaction(async () => {
            await ledgers[index % ledgers.length].findAccountOwner(payer);
            return ledgers[index % ledgers.length].transfer({
              fromAccountId: payer,
              toAccountId: recipients[0],
              amountMinor: 50n,
              code: 'TRANSFER',
              description: `read then spend ${index}`,
            });
          })
          .then(
            () => true,
            (error: unknown) =>
              error instanceof DomainError ? false : Promise.reject(error as Error),
          ),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(20);
    expect((await ledgers[0].getAccount(payer)).balance).toBe('0.00');
    expect((await contexts[0].app.get(LedgerIntegrityService).verify()).discrepancies).toEqual([]);
  }, 60_000);

  it('books a key raced by many clients exactly once, and every client gets that one entry', async () => {
    await issueToPayer(500n, 'budget');
    const command: LedgerCommand = {
      kind: 'transfer',
      fromAccountId: payer,
      toAccountId: recipients[0],
      amountMinor: 100n,
      code: 'TRANSFER',
      description: 'once',
      idempotencyKey: `race:${randomUUID()}`,
    };
    const results = await settle(Array.from({ length: 30 }, () => command));
    expect(results.every((result) => result.ok)).toBe(true);
    const entryIds = new Set(
      results.map((result) =>
        result.ok && result.outcome.kind === 'entry' ? result.outcome.entry.id : '',
      ),
    );
    expect(entryIds.size).toBe(1);
    expect(results.filter((result) => result.ok && !result.outcome.replayed)).toHaveLength(1);
    expect((await ledgers[0].getAccount(payer)).balance).toBe('4.00');
  }, 60_000);

  it('lets holds and spends race for the same money without ever overdrawing', async () => {
    await issueToPayer(400n, 'budget');
    const commands: LedgerCommand[] = Array.from({ length: CLIENTS }, (_, index) =>
      index % 2 === 0
        ? {
            kind: 'hold',
            fromAccountId: payer,
            toAccountId: recipients[1],
            amountMinor: 50n,
            code: 'TRANSFER',
            description: `hold ${index}`,
          }
        : {
            kind: 'transfer',
            fromAccountId: payer,
            toAccountId: recipients[2],
            amountMinor: 50n,
            code: 'TRANSFER',
            description: `spend ${index}`,
          },
    );
    const results = await settle(commands);
    expect(results.filter((result) => result.ok)).toHaveLength(8); // 4.00 STK in steps of 0.50
    const account = await ledgers[0].getAccount(payer);
    expect(account.available).toBe('0.00');
    const report = await contexts[0].app.get(LedgerIntegrityService).verify();
    expect(report.discrepancies).toEqual([]);
  }, 60_000);
});
