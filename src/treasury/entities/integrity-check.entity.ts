import { Entity } from 'typeorm';
import * as column from '../../database/columns.js';

/** One run of the ledger's integrity check: when, by whom, what it read and whether it was whole. */
@Entity('treasury_integrity_checks')
export class IntegrityCheck {
  @column.PrimaryId() id: string;

  @column.Moment('started_at') startedAt: string;

  @column.Moment('finished_at') finishedAt: string;

  @column.Flag() ok: boolean;

  @column.Integer() accounts: number;

  @column.Integer() entries: number;

  @column.Integer() postings: number;

  @column.Integer() holds: number;

  /** How many discrepancies it listed (the check stops listing at its own maximum). */
  @column.Integer() discrepancies: number;

  @column.Id('run_by') runBy: string;
}
