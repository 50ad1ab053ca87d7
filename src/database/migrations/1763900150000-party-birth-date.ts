import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';

/** A volunteer's date of birth: the fiscal rules for volunteers depend on age (21 and over). */
export class PartyBirthDate1763900150000 implements MigrationInterface {
  name = 'PartyBirthDate1763900150000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'parties',
      new TableColumn({ name: 'birth_date', type: 'varchar', length: '10', isNullable: true }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('parties', 'birth_date');
  }
}
