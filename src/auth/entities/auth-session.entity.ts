import { Entity } from 'typeorm';
import * as column from '../../database/columns.js';

/** Why a login session ended before its time: the user logged out, or a used refresh token came back. */
export type SessionEndReason = 'logout' | 'token-reused';

/**
 * A login session: what the refresh cookie stands for. The cookie's token is `<id>.<secret>`; only
 * the SHA-256 of the current one is stored, and each refresh replaces it.
 */
@Entity('auth_sessions')
export class AuthSession {
  @column.PrimaryId() id: string;

  @column.Id('user_id') userId: string;

  /** The user's session version when the session began; revoking the user's sessions raises theirs. */
  @column.Integer('session_version') sessionVersion: number;

  /** SHA-256 (hex) of the current refresh token. */
  @column.Text(64, 'token_hash') tokenHash: string;

  /** How many times the refresh token was rotated. */
  @column.Integer(undefined, { default: 0 }) rotations: number;

  @column.Moment('created_at') createdAt: string;

  /** The login or the last refresh: the idle timeout counts from here. */
  @column.Moment('last_used_at') lastUsedAt: string;

  /** The absolute end: the login plus the session lifetime. */
  @column.Moment('expires_at') expiresAt: string;

  @column.Moment('ended_at', { nullable: true }) endedAt: string | null;

  @column.Text(20, 'end_reason', { nullable: true }) endReason: SessionEndReason | null;
}
