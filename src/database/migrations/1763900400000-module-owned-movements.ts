import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';

/** The longest origin: `volunteering:claim:` and a uuid, with room to spare. */
const ORIGIN_LENGTH_MAX = '80';

/**
 * Marks the holds and entries made before this migration by the module records that name them:
 * a booking's holds and the entries they were posted as, a claim's HOURS entry, a redemption's
 * entry and its reversal. Exported for the test that runs it on a whole demo.
 */
export async function markModuleMovements(runner: Pick<QueryRunner, 'query'>): Promise<void> {
  await runner.query(
    `UPDATE ledger_holds SET origin = (
         SELECT 'catalogue:booking:' || b.id FROM catalogue_bookings b
          WHERE b.price_hold_id = ledger_holds.id OR b.deposit_hold_id = ledger_holds.id)
        WHERE id IN (SELECT price_hold_id FROM catalogue_bookings)
           OR id IN (SELECT deposit_hold_id FROM catalogue_bookings WHERE deposit_hold_id IS NOT NULL)`,
  );
  await runner.query(
    `UPDATE ledger_entries SET origin = (
         SELECT h.origin FROM ledger_holds h WHERE h.posted_entry_id = ledger_entries.id)
        WHERE id IN (SELECT posted_entry_id FROM ledger_holds
                      WHERE origin IS NOT NULL AND posted_entry_id IS NOT NULL)`,
  );
  await runner.query(
    `UPDATE ledger_entries SET origin = (
         SELECT 'volunteering:claim:' || c.id FROM time_claims c WHERE c.entry_id = ledger_entries.id)
        WHERE id IN (SELECT entry_id FROM time_claims WHERE entry_id IS NOT NULL)`,
  );
  await runner.query(
    `UPDATE ledger_entries SET origin = (
         SELECT 'passes:redemption:' || r.id FROM redemptions r
          WHERE r.entry_id = ledger_entries.id OR r.reversal_entry_id = ledger_entries.id)
        WHERE id IN (SELECT entry_id FROM redemptions)
           OR id IN (SELECT reversal_entry_id FROM redemptions WHERE reversal_entry_id IS NOT NULL)`,
  );
}

/**
 * Which module made a hold or an entry (`catalogue:booking:<id>`, `volunteering:claim:<id>`,
 * `passes:redemption:<id>`): the generic hold and reversal routes refuse those, so that a module's
 * record and the ledger cannot drift apart. Not part of an entry's hash (the chain protects money,
 * not permissions), so old and new entries verify alike. Existing movements are marked from the
 * modules' own records. A time claim can now be revoked after approval, and a settled booking
 * refunded: their columns too.
 */
export class ModuleOwnedMovements1763900400000 implements MigrationInterface {
  name = 'ModuleOwnedMovements1763900400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['ledger_holds', 'ledger_entries'])
      await queryRunner.addColumn(
        table,
        new TableColumn({
          name: 'origin',
          type: 'varchar',
          length: ORIGIN_LENGTH_MAX,
          isNullable: true,
        }),
      );
    await markModuleMovements(queryRunner);
    await queryRunner.addColumns('time_claims', [
      new TableColumn({ name: 'revoked_by', type: 'varchar', length: '36', isNullable: true }),
      new TableColumn({ name: 'revoked_at', type: 'varchar', length: '32', isNullable: true }),
      new TableColumn({
        name: 'reversal_entry_id',
        type: 'varchar',
        length: '36',
        isNullable: true,
      }),
    ]);
    await queryRunner.addColumn(
      'catalogue_bookings',
      new TableColumn({ name: 'refunded_minor', type: 'bigint', default: 0 }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('catalogue_bookings', 'refunded_minor');
    for (const column of ['reversal_entry_id', 'revoked_at', 'revoked_by'])
      await queryRunner.dropColumn('time_claims', column);
    for (const table of ['ledger_entries', 'ledger_holds'])
      await queryRunner.dropColumn(table, 'origin');
  }
}
