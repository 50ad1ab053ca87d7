import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Why a login session ended before its time: the user logged out, or a used refresh token came back. */
export type SessionEndReason = 'logout' | 'token-reused';

/**
 * A login session: what the refresh cookie stands for. The cookie's token is `<id>.<secret>`; only
 * the SHA-256 of the current one is stored, and each refresh replaces it.
 */
@Entity('auth_sessions')
export class AuthSession {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36, name: 'user_id' })
  userId: string;

  /** The user's session version when the session began; revoking the user's sessions raises theirs. */
  @Column({ type: 'integer', name: 'session_version' })
  sessionVersion: number;

  /** SHA-256 (hex) of the current refresh token. */
  @Column({ type: 'varchar', length: 64, name: 'token_hash' })
  tokenHash: string;

  /** How many times the refresh token was rotated. */
  @Column({ type: 'integer', default: 0 })
  rotations: number;

  @Column({ type: 'varchar', length: 32, name: 'created_at' })
  createdAt: string;

  /** The login or the last refresh: the idle timeout counts from here. */
  @Column({ type: 'varchar', length: 32, name: 'last_used_at' })
  lastUsedAt: string;

  /** The absolute end: the login plus the session lifetime. */
  @Column({ type: 'varchar', length: 32, name: 'expires_at' })
  expiresAt: string;

  @Column({ type: 'varchar', length: 32, nullable: true, name: 'ended_at' })
  endedAt: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true, name: 'end_reason' })
  endReason: SessionEndReason | null;
}
