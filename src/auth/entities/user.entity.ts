import { Entity } from 'typeorm';
import * as column from '../../database/columns.js';
import type { Role } from '../../common/roles.js';

@Entity('users')
export class User {
  @column.PrimaryId() id: string;

  /** Stored lower-case, so that logging in is case-insensitive. */
  @column.Text(254, undefined, { unique: true }) email: string;

  @column.Text(200, 'password_hash') passwordHash: string;

  @column.Text(20) role: Role;

  /** The party this user acts for; null for admins and fund treasurers. */
  @column.Id('party_id', { nullable: true }) partyId: string | null;

  @column.Text(200, 'display_name') displayName: string;

  @column.Moment('created_at') createdAt: string;

  /** Carried in every token as `sv`; raising it revokes all the user's sessions at once. */
  @column.Integer('session_version', { default: 1 }) sessionVersion: number;
}
