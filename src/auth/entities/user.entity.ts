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

  /** When an admin disabled the user; null while enabled. A disabled user cannot log in or refresh. */
  @column.Moment('disabled_at', { nullable: true }) disabledAt: string | null;

  /** A demo login, with the demo's public password: production refuses to start while one exists. */
  @column.Flag() demo: boolean;

  /** SHA-256 (hex) of the one-time password-reset code an admin made; null when none is open. */
  @column.Text(64, 'password_reset_hash', { nullable: true }) passwordResetHash: string | null;

  @column.Moment('password_reset_expires_at', { nullable: true }) passwordResetExpiresAt:
    string | null;
}
