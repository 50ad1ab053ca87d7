import { Database } from '../../src/database/database.service.js';
import { LedgerIntegrityService } from '../../src/ledger/ledger-integrity.service.js';
import { LedgerService } from '../../src/ledger/ledger.service.js';
import { ISSUANCE_ACCOUNT } from '../../src/ledger/ledger.types.js';
import { PartiesService } from '../../src/parties/parties.service.js';
import { createTestContext, type TestContext } from '../support/test-context.js';

/**
 * Rows changed behind the ledger's back, straight in the database file, are found by the
 * integrity check, and it names what is wrong and where. Each case starts from a fresh ledger.
 */
describe(`${LedgerIntegrityService.name} against tampering`, () => {
  let context: TestContext;
  let database: Database;
  let integrity: LedgerIntegrityService;
  let accounts: string[];
  let entries: string[];

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
    const issuance = await ledger.getSystemAccountId(ISSUANCE_ACCOUNT);
    entries = [];
    const book = async (from: string, to: string, amountMinor: bigint) => {
      const outcome = await ledger.transfer({
        fromAccountId: from,
        toAccountId: to,
        amountMinor,
        code: from === issuance ? 'ISSUE' : 'HOURS',
        description: 'x',
      });
      entries.push(outcome.result.id);
    };
    await book(issuance, accounts[0], 10_000n);
    await book(accounts[0], accounts[1], 750n);
    await book(accounts[0], accounts[1], 250n);
    expect((await integrity.verify()).ok).toBe(true);
  });
  afterEach(() => context.close());

  const tamper = (sql: string, parameters: unknown[]) =>
    database.transaction((tx) => tx.sql.run(sql, parameters));

  it('names a cached balance changed by hand', async () => {
    await tamper('UPDATE ledger_accounts SET balance_minor = balance_minor + 100 WHERE id = ?', [
      accounts[1],
    ]);
    const report = await integrity.verify();
    expect(report.ok).toBe(false);
    expect(report.discrepancies).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ check: 'ACCOUNT_BALANCE', subject: accounts[1] }),
        expect.objectContaining({ check: 'CURRENCY_TOTAL', subject: 'STK' }),
      ]),
    );
  });

  it('names a posting amount changed by hand (and its entry no longer sums to zero)', async () => {
    await tamper('UPDATE ledger_postings SET amount_minor = 800 WHERE entry_id = ? AND line = 2', [
      entries[1],
    ]);
    const report = await integrity.verify();
    expect(report.discrepancies).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ check: 'ENTRY_UNBALANCED', subject: entries[1] }),
        expect.objectContaining({ check: 'CHAIN_HASH', subject: entries[1] }),
        expect.objectContaining({ check: 'ACCOUNT_BALANCE', subject: accounts[1] }),
      ]),
    );
  });

  it('names a balanced change of both postings through the hash chain', async () => {
    await tamper(
      'UPDATE ledger_postings SET amount_minor = CASE line WHEN 1 THEN -900 ELSE 900 END WHERE entry_id = ?',
      [entries[1]],
    );
    const report = await integrity.verify();
    expect(report.discrepancies.map((discrepancy) => discrepancy.check)).toContain('CHAIN_HASH');
    expect(
      report.discrepancies.find((discrepancy) => discrepancy.check === 'CHAIN_HASH')?.subject,
    ).toBe(entries[1]);
  });

  it('names a posting moved to another entry’s sequence, and one moved past the last entry', async () => {
    await tamper(
      'UPDATE ledger_postings SET entry_sequence = entry_sequence + 1 WHERE entry_id = ? AND line = 2',
      [entries[1]],
    );
    await tamper(
      'UPDATE ledger_postings SET entry_sequence = 1000 WHERE entry_id = ? AND line = 1',
      [entries[2]],
    );
    const report = await integrity.verify();
    expect(report.discrepancies).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          check: 'POSTING_SEQUENCE',
          subject: entries[1],
          message: expect.stringContaining(`which is entry ${entries[2]}`),
        }),
        expect.objectContaining({
          check: 'POSTING_SEQUENCE',
          subject: entries[2],
          message: expect.stringContaining('after the last entry'),
        }),
        expect.objectContaining({ check: 'ENTRY_TOO_FEW_POSTINGS', subject: entries[1] }),
        expect.objectContaining({ check: 'CHAIN_HASH', subject: entries[1] }),
        expect.objectContaining({ check: 'CHAIN_HASH', subject: entries[2] }),
      ]),
    );
  });

  it('names a deleted entry', async () => {
    await tamper('DELETE FROM ledger_postings WHERE entry_id = ?', [entries[1]]);
    await tamper('DELETE FROM ledger_entries WHERE id = ?', [entries[1]]);
    const report = await integrity.verify();
    expect(report.discrepancies).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ check: 'CHAIN_SEQUENCE', subject: entries[2] }),
        expect.objectContaining({ check: 'CHAIN_LINK', subject: entries[2] }),
        expect.objectContaining({ check: 'ACCOUNT_BALANCE', subject: accounts[1] }),
      ]),
    );
  });

  it('names the last entry deleted together with the balances it moved', async () => {
    await tamper('DELETE FROM ledger_postings WHERE entry_id = ?', [entries[2]]);
    await tamper('DELETE FROM ledger_entries WHERE id = ?', [entries[2]]);
    await tamper('UPDATE ledger_accounts SET balance_minor = balance_minor + 250 WHERE id = ?', [
      accounts[0],
    ]);
    await tamper('UPDATE ledger_accounts SET balance_minor = balance_minor - 250 WHERE id = ?', [
      accounts[1],
    ]);
    const report = await integrity.verify();
    expect(report.discrepancies).toEqual([
      expect.objectContaining({ check: 'CHAIN_HEAD', subject: 'ledger_chain' }),
    ]);
  });
});
