import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

/** Rows inserted at once while filling the offers' totals: well below SQLite's 32,766 parameters. */
const CHUNK_ROWS = 500;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Running totals of the redemptions that stand (issue 15), so that a redemption reads the fiscal
 * guardrail's month and year, the pass's day and the offer's per-pass period instead of summing
 * redemptions (src/passes/redemption-totals.store.ts). Filled here from the redemptions there are.
 */
export class RedemptionTotals1763901200000 implements MigrationInterface {
  name = 'RedemptionTotals1763901200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'redemption_totals',
        columns: [
          { name: 'kind', type: 'varchar', length: '10', isPrimary: true },
          { name: 'offer_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'owner_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'period', type: 'varchar', length: '10', isPrimary: true },
          { name: 'total', type: 'bigint' },
        ],
      }),
    );
    const completed = "FROM redemptions WHERE status = 'completed'";
    await queryRunner.query(
      `INSERT INTO redemption_totals (kind, offer_id, owner_id, period, total)
       SELECT 'volunteer', '', volunteer_party_id, SUBSTR(redeemed_date, 1, 7), SUM(euro_value_minor) ${completed}
       GROUP BY volunteer_party_id, SUBSTR(redeemed_date, 1, 7)`,
    );
    await queryRunner.query(
      `INSERT INTO redemption_totals (kind, offer_id, owner_id, period, total)
       SELECT 'volunteer', '', volunteer_party_id, SUBSTR(redeemed_date, 1, 4), SUM(euro_value_minor) ${completed}
       GROUP BY volunteer_party_id, SUBSTR(redeemed_date, 1, 4)`,
    );
    await queryRunner.query(
      `INSERT INTO redemption_totals (kind, offer_id, owner_id, period, total)
       SELECT 'pass', '', pass_id, redeemed_date, SUM(amount_minor) ${completed}
       GROUP BY pass_id, redeemed_date`,
    );
    await this.fillOffers(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('redemption_totals');
  }

  /** Per offer with a per-pass limit: the quantity per volunteer and period (its first day). */
  private async fillOffers(queryRunner: QueryRunner): Promise<void> {
    const rows = (await queryRunner.query(
      `SELECT redemption.offer_id AS "offerId", redemption.volunteer_party_id AS "volunteerPartyId",
              redemption.redeemed_date AS "redeemedDate", offer.per_pass_period AS "period",
              SUM(redemption.quantity) AS "quantity"
       FROM redemptions redemption JOIN offers offer ON offer.id = redemption.offer_id
       WHERE redemption.status = 'completed' AND offer.per_pass_period IS NOT NULL
       GROUP BY redemption.offer_id, redemption.volunteer_party_id, redemption.redeemed_date, offer.per_pass_period`,
    )) as Array<{
      offerId: string;
      volunteerPartyId: string;
      redeemedDate: string;
      period: string;
      quantity: number | string;
    }>;
    const totals = new Map<string, [string, string, string, number]>();
    for (const row of rows) {
      const start = periodStartAt(row.period, row.redeemedDate);
      const key = `${row.offerId} ${row.volunteerPartyId} ${start}`;
      const total = totals.get(key) ?? [row.offerId, row.volunteerPartyId, start, 0];
      total[3] += Number(row.quantity);
      totals.set(key, total);
    }
    const postgres = queryRunner.connection.options.type === 'postgres';
    const values = [...totals.values()];
    for (let first = 0; first < values.length; first += CHUNK_ROWS) {
      const chunk = values.slice(first, first + CHUNK_ROWS);
      const placeholders = chunk
        .map((_, row) => {
          const at = (column: number) => (postgres ? `$${row * 4 + column}` : '?');
          return `('offer', ${at(1)}, ${at(2)}, ${at(3)}, ${at(4)})`;
        })
        .join(', ');
      await queryRunner.query(
        `INSERT INTO redemption_totals (kind, offer_id, owner_id, period, total) VALUES ${placeholders}`,
        chunk.flat(),
      );
    }
  }
}

/**
 * The first day of the per-pass period `date` lies in, as src/passes/redemption-limits.ts counts
 * it when this migration was written (weeks start on Monday; `validity`: the offer's whole life).
 * A copy, because a migration must not change when the code it once used does.
 */
function periodStartAt(period: string, date: string): string {
  switch (period) {
    case 'day':
      return date;
    case 'week': {
      const [year, month, day] = date.split('-').map(Number);
      const time = Date.UTC(year, month - 1, day);
      const daysSinceMonday = (new Date(time).getUTCDay() + 6) % 7;
      return new Date(time - daysSinceMonday * DAY_MS).toISOString().slice(0, 10);
    }
    case 'month':
      return `${date.slice(0, 7)}-01`;
    case 'year':
      return `${date.slice(0, 4)}-01-01`;
    default:
      return '0000-01-01';
  }
}
