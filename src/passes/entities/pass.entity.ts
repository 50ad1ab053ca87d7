import { Entity } from 'typeorm';
import * as column from '../../database/columns.js';

/** `expired` is also shown for an active pass past its last day, before anything marks it so. */
export const PASS_STATUSES = ['active', 'blocked', 'expired'] as const;
export type PassStatus = (typeof PASS_STATUSES)[number];

export const BLOCK_REASONS = ['lost', 'stolen', 'damaged', 'pin_attempts', 'other'] as const;
export type BlockReason = (typeof BLOCK_REASONS)[number];

/** A volunteer's voordeelpas: a printed number tied to the volunteer (and so to their account). */
@Entity('passes')
export class Pass {
  @column.PrimaryId() id: string;

  /** 12 digits, the last a Luhn check digit; unique, random. */
  @column.Text(12, undefined, { unique: true }) number: string;

  @column.Id('volunteer_party_id') volunteerPartyId: string;

  @column.Text(10) status: PassStatus;

  @column.CalendarDate('valid_from') validFrom: string;

  /** The last day the pass is valid (inclusive). */
  @column.CalendarDate('valid_until') validUntil: string;

  /** Peppered scrypt hash of the volunteer's PIN (common/password-hasher.ts); never the PIN itself. */
  @column.Text(200, 'pin_hash', { nullable: true }) pinHash: string | null;

  /** Wrong PINs in a row; reset by a right one. */
  @column.Integer('pin_failures', { default: 0 }) pinFailures: number;

  @column.Moment('blocked_at', { nullable: true }) blockedAt: string | null;

  @column.Text(20, 'blocked_reason', { nullable: true }) blockedReason: BlockReason | null;

  /** The user who blocked it; null when the system did (too many wrong PINs). */
  @column.Id('blocked_by', { nullable: true }) blockedBy: string | null;

  @column.Id('issued_by', { nullable: true }) issuedBy: string | null;

  @column.Moment('created_at') createdAt: string;
}
