import { Entity } from 'typeorm';
import * as column from '../../database/columns.js';

/** One setting of the passes module (guardrail switch, daily pass limit, void window); absent: its default. */
@Entity('passes_settings')
export class PassesSetting {
  @column.PrimaryText(40) key: string;

  @column.Text(100) value: string;

  @column.Moment('updated_at') updatedAt: string;

  @column.Id('updated_by', { nullable: true }) updatedBy: string | null;
}
