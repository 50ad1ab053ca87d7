import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One wrong PIN entered by a business on a pass. Counted per business per pass within a window,
 * so that one shop that saw a pass number cannot spend the pass's five attempts and block it.
 */
@Entity('pass_pin_failures')
export class PassPinFailure {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36, name: 'pass_id' })
  passId: string;

  @Column({ type: 'varchar', length: 36, name: 'business_party_id' })
  businessPartyId: string;

  @Column({ type: 'varchar', length: 32, name: 'failed_at' })
  failedAt: string;
}
