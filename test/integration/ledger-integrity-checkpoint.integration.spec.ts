import { Database } from '../../src/database/database.service.js';
import { LedgerIntegrityService } from '../../src/ledger/ledger-integrity.service.js';
import { LedgerService } from '../../src/ledger/ledger.service.js';
import { ISSUANCE_ACCOUNT } from '../../src/ledger/ledger.types.js';
import { PartiesService } from '../../src/parties/parties.service.js';
import { createTestContext, type TestContext } from '../support/test-context.js';

/**
 * The verified checkpoint (issue 15): a clean check records where it ended, an incremental check
 * walks only the entries after it and still compares every account's balance, and the full check
 * re-verifies everything, so that an entry changed before the checkpoint is found by it.
 */
describe(`${LedgerIntegrityService.name}: incremental checks from a verified checkpoint`, () => {
  let context: TestContext;
  let database: Database;
  let integrity: LedgerIntegrityService;
  let accounts: string[];
  let entries: string[];
  let book: (amountMinor: bigint) => Promise<void>;

  beforeEach(async () => {
    context = await createTestContext();
    database = context.app.get(Database);
    integrity = context.app.get(LedgerIntegrityService);
    const ledger = context.app.get(LedgerService);
    const parties = context.app.get(PartiesService);
    accounts = [];
    for (const name of ['Buurtcentrum Malberg', 'Anouk Janssen']) {
      const party = await parties.create({
        kind: name.startsWith('Buurt') ? 'organisation' : 'volunteer',
        name,
        district: 'noord-west',
      });
      accounts.push((await ledger.listAccountsOfParty(party.id))[0].id);
    }
    entries = [];
    const issued = await ledger.transfer({
      fromAccountId: await ledger.getSystemAccountId(ISSUANCE_ACCOUNT),
      toAccountId: accounts[0],
      amountMinor: 100_000n,
      code: 'ISSUE',
      description: 'Budget',
    });
    entries.push(issued.result.id);
    book = async (amountMinor) => {
      const outcome = await ledger.transfer({
        fromAccountId: accounts[0],
        toAccountId: accounts[1],
        amountMinor,
        code: 'HOURS',
        description: 'Bardienst',
      });
      entries.push(outcome.result.id);
    };
    await book(750n);
    await book(250n);
  });
  afterEach(() => context.close());

  const tamper = (sql: string, parameters: unknown[]) =>
    database.transaction((tx) => tx.sql.run(sql, parameters));
  const checkpoints = () =>
    database.read((tx) =>
      tx.sql.all<{ sequence: unknown; kind: string }>(
        'SELECT sequence, kind FROM ledger_integrity_checkpoints ORDER BY sequence',
      ),
    );

  it('starts from the checkpoint and finds what the full check finds on a clean ledger', async () => {
    const first = await integrity.verify({ mode: 'incremental' });
    // No checkpoint yet: the incremental check walks everything and records one.
    expect(first).toMatchObject({ ok: true, mode: 'full', fromSequence: 0 });
    expect(await checkpoints()).toEqual([{ sequence: expect.anything(), kind: 'full' }]);
    await book(100n);
    await book(200n);

    const incremental = await integrity.verify({ mode: 'incremental' });
    const full = await integrity.verify({ mode: 'full' });

    expect(incremental).toMatchObject({ ok: true, mode: 'incremental', fromSequence: 3 });
    expect(full).toMatchObject({ ok: true, mode: 'full', fromSequence: 0 });
    expect(incremental.checked).toEqual(full.checked);
    expect(incremental.checked).toMatchObject({ entries: 5, postings: 10 });
    expect((await checkpoints()).map(({ sequence, kind }) => [Number(sequence), kind])).toEqual([
      [3, 'full'],
      [5, 'incremental'],
    ]);
    // The checkpoint's digest is kept in the audit log too.
    const audited = await database.read((tx) =>
      tx.sql.all<{ details: string }>(
        "SELECT details FROM audit_events WHERE action = 'ledger.integrity_checkpoint'",
      ),
    );
    expect(audited.map((row) => JSON.parse(row.details).sequence)).toEqual(['3', '5']);
  });

  it('finds an entry changed after the checkpoint in the incremental check, and writes no checkpoint', async () => {
    await integrity.verify({ mode: 'full' });
    await book(100n);
    await tamper(
      'UPDATE ledger_postings SET amount_minor = CASE line WHEN 1 THEN -900 ELSE 900 END WHERE entry_id = ?',
      [entries[3]],
    );

    const report = await integrity.verify({ mode: 'incremental' });

    expect(report).toMatchObject({ ok: false, mode: 'incremental', fromSequence: 3 });
    expect(report.discrepancies).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ check: 'CHAIN_HASH', subject: entries[3] }),
        expect.objectContaining({ check: 'RUNNING_BALANCE', subject: accounts[1] }),
        expect.objectContaining({ check: 'ACCOUNT_BALANCE', subject: accounts[1] }),
      ]),
    );
    expect((await checkpoints()).map(({ sequence }) => Number(sequence))).toEqual([3]);
  });

  it('finds a balance changed by hand in the incremental check, with no entry after the checkpoint', async () => {
    await integrity.verify({ mode: 'full' });
    await tamper('UPDATE ledger_accounts SET balance_minor = balance_minor + 100 WHERE id = ?', [
      accounts[1],
    ]);

    const report = await integrity.verify({ mode: 'incremental' });

    expect(report.discrepancies).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ check: 'ACCOUNT_BALANCE', subject: accounts[1] }),
        expect.objectContaining({ check: 'CURRENCY_TOTAL', subject: 'STK' }),
      ]),
    );
  });

  it('leaves an entry changed before the checkpoint to the full check (the trade-off)', async () => {
    await integrity.verify({ mode: 'full' });
    await book(100n);
    // A balanced change of an old entry: its accounts' sums are already in the checkpoint.
    await tamper(
      'UPDATE ledger_postings SET amount_minor = CASE line WHEN 1 THEN -900 ELSE 900 END WHERE entry_id = ?',
      [entries[1]],
    );

    const incremental = await integrity.verify({ mode: 'incremental' });
    const full = await integrity.verify({ mode: 'full' });

    expect(incremental).toMatchObject({ ok: true, mode: 'incremental' });
    expect(full.ok).toBe(false);
    expect(full.discrepancies).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ check: 'CHAIN_HASH', subject: entries[1] }),
        expect.objectContaining({ check: 'ACCOUNT_BALANCE', subject: accounts[1] }),
      ]),
    );
    // The failed full check wrote nothing: the latest checkpoint is still the incremental one's.
    expect((await checkpoints()).map(({ sequence }) => Number(sequence))).toEqual([3, 4]);
  });

  it('finds a checkpoint whose sums were changed, in both checks', async () => {
    await integrity.verify({ mode: 'full' });
    await tamper(
      'UPDATE ledger_integrity_checkpoint_sums SET sum_minor = sum_minor + 100 WHERE account_id = ?',
      [accounts[1]],
    );

    const incremental = await integrity.verify({ mode: 'incremental' });
    const full = await integrity.verify({ mode: 'full' });

    for (const report of [incremental, full])
      expect(report.discrepancies).toEqual(
        expect.arrayContaining([expect.objectContaining({ check: 'CHECKPOINT' })]),
      );
    // The incremental check started from the changed sums, and they disagree with the balance too.
    expect(incremental.discrepancies).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ check: 'ACCOUNT_BALANCE', subject: accounts[1] }),
      ]),
    );
  });

  it('checks a closed period’s closing balances from the checkpoint’s sums', async () => {
    const ledger = context.app.get(LedgerService);
    context.clock.set('2026-12-02T09:00:00.000Z');
    await ledger.closePeriod('2026-11', null);
    await book(100n);
    expect(await integrity.verify({ mode: 'full' })).toMatchObject({ ok: true });
    await book(200n);
    expect(await integrity.verify({ mode: 'incremental' })).toMatchObject({
      ok: true,
      mode: 'incremental',
    });
    await tamper(
      "UPDATE ledger_closing_balances SET balance_minor = balance_minor + 1 WHERE period = '2026-11' AND account_id = ?",
      [accounts[1]],
    );

    const report = await integrity.verify({ mode: 'incremental' });

    expect(report.discrepancies).toEqual([
      expect.objectContaining({ check: 'CLOSING_BALANCE', subject: accounts[1] }),
    ]);
  });

  it('lets transfers commit while it walks, and includes them: its end point is read last', async () => {
    // Several pages of the walk.
    const ledger = context.app.get(LedgerService);
    for (let batch = 0; batch < 3; batch += 1)
      await ledger.transferBatch(
        Array.from({ length: 500 }, () => ({
          fromAccountId: accounts[0],
          toAccountId: accounts[1],
          amountMinor: 1n,
          code: 'HOURS',
          description: 'Bardienst',
        })),
      );
    const finished: string[] = [];
    const check = integrity.verify({ mode: 'full' }).then((report) => {
      finished.push('check');
      return report;
    });
    await book(5n);
    finished.push('transfer');

    const report = await check;

    expect(report.ok).toBe(true);
    if (database.dialect === 'sqlite') {
      // One unit at a time on the one connection: the transfer, queued after the check's first
      // read, commits between its pages, before its last read, which walks it.
      expect(finished).toEqual(['transfer', 'check']);
      expect(report.checked.entries).toBe(1504);
    } else {
      // PostgreSQL's writers never wait for readers; the last read's snapshot may or may not hold
      // the transfer, and either way it is consistent.
      expect([1503, 1504]).toContain(report.checked.entries);
    }
  });
});
