import { type MigrationInterface, type QueryRunner, TableIndex } from 'typeorm';

/**
 * Postings in entry order. The integrity check walks the whole ledger in sequence order; joining
 * postings by their random entry id made it probe the primary-key index at a random place for every
 * entry (16 s for 1,000,000 postings). This index grows at its end only, so it costs little to keep.
 */
export class PostingsByEntrySequence1763900260000 implements MigrationInterface {
  name = 'PostingsByEntrySequence1763900260000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex(
      'ledger_postings',
      new TableIndex({
        name: 'idx_ledger_postings_entry_sequence',
        columnNames: ['entry_sequence', 'line'],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('ledger_postings', 'idx_ledger_postings_entry_sequence');
  }
}
