import { Entity } from 'typeorm';
import * as column from '../../database/columns.js';

/**
 * One wrong PIN entered by a business on a pass. Counted per business per pass within a window,
 * so that one shop that saw a pass number cannot spend the pass's five attempts and block it.
 */
@Entity('pass_pin_failures')
export class PassPinFailure {
  @column.PrimaryId() id: string;

  @column.Id('pass_id') passId: string;

  @column.Id('business_party_id') businessPartyId: string;

  @column.Moment('failed_at') failedAt: string;
}
