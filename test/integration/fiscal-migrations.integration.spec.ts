import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options.js';
import { MIGRATIONS } from '../../src/database/migrations/index.js';
import { LedgerAccountPartyKind1763900500000 } from '../../src/database/migrations/1763900500000-ledger-account-party-kind.js';
import { OfferValueChanges1763900510000 } from '../../src/database/migrations/1763900510000-offer-value-changes.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * An existing installation upgrades: its accounts learn their party's kind (system accounts none),
 * and its offers start their value history with what they hold now.
 */
describe('Migration: account party kinds and offer value history on an existing database', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeEach(async () => {
    database = await createTestDatabase();
    const mine = new Set<unknown>([
      LedgerAccountPartyKind1763900500000,
      OfferValueChanges1763900510000,
    ]);
    dataSource = new DataSource({
      ...dataSourceOptions(database.configuration),
      migrations: MIGRATIONS.filter((migration) => !mine.has(migration)),
    });
    await dataSource.initialize();
    await dataSource.runMigrations();
  });

  afterEach(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  const placeholders = (count: number) =>
    Array.from({ length: count }, (_, index) =>
      dataSource.options.type === 'postgres' ? `$${index + 1}` : '?',
    ).join(', ');
  const NOW = '2026-11-01T10:00:00.000Z';

  async function party(id: string, kind: string): Promise<void> {
    await dataSource.query(
      `INSERT INTO parties (id, kind, name, district, created_at) VALUES (${placeholders(5)})`,
      [id, kind, `Partij ${kind}`, 'noord-oost', NOW],
    );
    await dataSource.query(
      `INSERT INTO ledger_accounts (id, party_id, system_name, currency, min_balance_minor, max_balance_minor, status, balance_minor, pending_minor, next_hold_expiry, created_at)
       VALUES (${placeholders(11)})`,
      [`${id.slice(0, -2)}a${id.slice(-1)}`, id, null, 'STK', 0, null, 'open', 0, 0, null, NOW],
    );
  }

  it('gives every party account its party’s kind and every offer its first value', async () => {
    await party('00000000-0000-4000-8000-000000000001', 'volunteer');
    await party('00000000-0000-4000-8000-000000000002', 'business');
    await dataSource.query(
      `INSERT INTO offers (id, business_party_id, title_nl, title_en, description_nl, description_en, price_minor, euro_value_minor, valid_from, status, created_by, created_at, updated_at)
       VALUES (${placeholders(13)})`,
      [
        '00000000-0000-4000-8000-0000000000f1',
        '00000000-0000-4000-8000-000000000002',
        'Koffie',
        'Coffee',
        'Koffie.',
        'Coffee.',
        200,
        350,
        '2026-11-01',
        'active',
        null,
        NOW,
        '2026-11-02T10:00:00.000Z',
      ],
    );

    await new LedgerAccountPartyKind1763900500000().up(dataSource.createQueryRunner());
    await new OfferValueChanges1763900510000().up(dataSource.createQueryRunner());

    const accounts: Array<{ party_id: string | null; party_kind: string | null }> =
      await dataSource.query('SELECT party_id, party_kind FROM ledger_accounts ORDER BY party_id');
    expect(accounts).toEqual(
      expect.arrayContaining([
        { party_id: '00000000-0000-4000-8000-000000000001', party_kind: 'volunteer' },
        { party_id: '00000000-0000-4000-8000-000000000002', party_kind: 'business' },
        { party_id: null, party_kind: null }, // the issuance account
      ]),
    );
    const changes: Array<Record<string, unknown>> = await dataSource.query(
      'SELECT offer_id, price_minor, euro_value_minor, changed_at FROM offer_value_changes',
    );
    expect(
      changes.map((change) => ({
        ...change,
        price_minor: Number(change.price_minor),
        euro_value_minor: Number(change.euro_value_minor),
      })),
    ).toEqual([
      {
        offer_id: '00000000-0000-4000-8000-0000000000f1',
        price_minor: 200,
        euro_value_minor: 350,
        changed_at: '2026-11-02T10:00:00.000Z',
      },
    ]);
  });
});
