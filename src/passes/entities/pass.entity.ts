import { Column, Entity, PrimaryColumn } from 'typeorm';

/** `expired` is also shown for an active pass past its last day, before anything marks it so. */
export const PASS_STATUSES = ['active', 'blocked', 'expired'] as const;
export type PassStatus = (typeof PASS_STATUSES)[number];

export const BLOCK_REASONS = ['lost', 'stolen', 'damaged', 'pin_attempts', 'other'] as const;
export type BlockReason = (typeof BLOCK_REASONS)[number];

/** A volunteer's voordeelpas: a printed number tied to the volunteer (and so to their account). */
@Entity('passes')
export class Pass {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  /** 12 digits, the last a Luhn check digit; unique, random. */
  @Column({ type: 'varchar', length: 12, unique: true })
  number: string;

  @Column({ type: 'varchar', length: 36, name: 'volunteer_party_id' })
  volunteerPartyId: string;

  @Column({ type: 'varchar', length: 10 })
  status: PassStatus;

  @Column({ type: 'varchar', length: 10, name: 'valid_from' })
  validFrom: string;

  /** The last day the pass is valid (inclusive). */
  @Column({ type: 'varchar', length: 10, name: 'valid_until' })
  validUntil: string;

  /** Peppered scrypt hash of the volunteer's PIN (common/password-hasher.ts); never the PIN itself. */
  @Column({ type: 'varchar', length: 200, nullable: true, name: 'pin_hash' })
  pinHash: string | null;

  /** Wrong PINs in a row; reset by a right one. */
  @Column({ type: 'integer', name: 'pin_failures', default: 0 })
  pinFailures: number;

  @Column({ type: 'varchar', length: 32, nullable: true, name: 'blocked_at' })
  blockedAt: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true, name: 'blocked_reason' })
  blockedReason: BlockReason | null;

  /** The user who blocked it; null when the system did (too many wrong PINs). */
  @Column({ type: 'varchar', length: 36, nullable: true, name: 'blocked_by' })
  blockedBy: string | null;

  @Column({ type: 'varchar', length: 36, nullable: true, name: 'issued_by' })
  issuedBy: string | null;

  @Column({ type: 'varchar', length: 32, name: 'created_at' })
  createdAt: string;
}
