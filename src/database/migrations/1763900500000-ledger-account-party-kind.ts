import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';

/**
 * The kind of the party that owns an account (organisation, volunteer, business, institution;
 * null for system accounts), kept on the account so that the ledger's HTTP paths can refuse a
 * volunteer paying a business directly (that goes through a redemption and its fiscal guardrail)
 * without reading the parties' table. A party's kind never changes; existing accounts take theirs.
 */
export class LedgerAccountPartyKind1763900500000 implements MigrationInterface {
  name = 'LedgerAccountPartyKind1763900500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'ledger_accounts',
      new TableColumn({ name: 'party_kind', type: 'varchar', length: '20', isNullable: true }),
    );
    await queryRunner.query(
      'UPDATE ledger_accounts SET party_kind = (SELECT kind FROM parties WHERE parties.id = ledger_accounts.party_id) WHERE party_id IS NOT NULL',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('ledger_accounts', 'party_kind');
  }
}
