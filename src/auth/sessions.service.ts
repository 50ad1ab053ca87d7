import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '../common/clock.js';
import { assertInvariant, DomainError } from '../common/errors/domain-error.js';
import type { MessagePhrase } from '../common/errors/error-catalogue.js';
import { APP_CONFIGURATION } from '../config/config.module.js';
import type { AppConfiguration } from '../config/configuration.js';
import { Database } from '../database/database.service.js';
import type { SqlExecutor } from '../database/sql-executor.js';
import { AuthSession, type SessionEndReason } from './entities/auth-session.entity.js';
import { type SessionHolder, UsersService } from './users.service.js';

/** Random bytes of a refresh token's secret part: 256 bits, beyond guessing. */
const REFRESH_SECRET_BYTES = 32;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** A refresh token just made, for the cookie: shown once, never stored or logged. */
export interface IssuedRefreshToken {
  value: string;
  /** Seconds until the session's absolute end: the cookie's Max-Age. */
  maxAgeSeconds: number;
}

/** Whose session was refreshed (for the new access token), and its new refresh token. */
export interface RefreshedSession {
  user: SessionHolder;
  refreshToken: IssuedRefreshToken;
}

/**
 * Login sessions behind the refresh cookie. A token is `<session id>.<secret>`; the session keeps
 * the SHA-256 of its current token only. Each refresh replaces the token (rotation); a token that
 * was replaced and comes back was copied or replayed, so the whole session ends. A session ends at
 * its absolute lifetime, after the idle timeout without a refresh, at logout, and when the user's
 * sessions are revoked (their session version rises past the session's).
 */
@Injectable()
export class SessionsService {
  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    private readonly users: UsersService,
    @Inject(APP_CONFIGURATION) private readonly configuration: AppConfiguration,
  ) {}

  /** Begins a session for a user who just logged in. */
  async start(userId: string, sessionVersion: number): Promise<IssuedRefreshToken> {
    const now = this.clock.now();
    const id = randomUUID();
    const token = newToken(id);
    const expiresAt = new Date(now.getTime() + this.configuration.sessions.lifetimeSeconds * 1000);
    await this.database.transaction(async ({ manager }) => {
      await manager.insert(AuthSession, {
        id,
        userId,
        sessionVersion,
        tokenHash: hashOf(token),
        rotations: 0,
        createdAt: now.toISOString(),
        lastUsedAt: now.toISOString(),
        expiresAt: expiresAt.toISOString(),
        endedAt: null,
        endReason: null,
      });
    });
    return { value: token, maxAgeSeconds: this.secondsUntil(expiresAt) };
  }

  /**
   * Replaces the session's refresh token by a new one. Refused (401) without a token, with one
   * that is unreadable or of no session, and for a session that ended or expired; a refusal writes
   * nothing, except that a replaced token coming back ends its session (committed before the 401).
   */
  async rotate(presented: string | undefined): Promise<RefreshedSession> {
    const parsed = parseToken(presented);
    const outcome = await this.database.transaction(async (tx): Promise<RotationOutcome> => {
      const session = await tx.manager.findOneBy(AuthSession, { id: parsed.sessionId });
      if (!session) return { refused: 'SESSION_INVALID' };
      if (session.endedAt !== null) return { refused: 'SESSION_ENDED' };
      const expiry = this.expiryOf(session);
      if (expiry) return { refused: 'SESSION_EXPIRED', reason: expiry };
      if (!sameHash(session.tokenHash, hashOf(parsed.token))) {
        await this.endSession(tx.sql, session.id, 'token-reused');
        return { refused: 'REFRESH_TOKEN_REUSED' };
      }
      const user = await this.users.findSessionHolder(session.userId);
      if (!user || user.disabled || user.sessionVersion !== session.sessionVersion)
        return { refused: 'SESSION_ENDED' };
      const token = newToken(session.id);
      // Only if the token is still the one just read: of two refreshes racing with one token, one wins.
      const changed = await tx.sql.run(
        'UPDATE auth_sessions SET token_hash = ?, last_used_at = ?, rotations = rotations + 1 WHERE id = ? AND token_hash = ? AND ended_at IS NULL',
        [hashOf(token), this.clock.now().toISOString(), session.id, session.tokenHash],
      );
      if (changed !== 1) {
        await this.endSession(tx.sql, session.id, 'token-reused');
        return { refused: 'REFRESH_TOKEN_REUSED' };
      }
      return {
        user,
        refreshToken: {
          value: token,
          maxAgeSeconds: this.secondsUntil(new Date(session.expiresAt)),
        },
      };
    });
    if ('refused' in outcome)
      throw new DomainError(outcome.refused, outcome.reason ? { reason: outcome.reason } : {});
    return outcome;
  }

  /**
   * Ends the session the token belongs to (logout). Any token of the session ends it, a replaced one
   * too: whoever holds one may end it, and nothing is gained by refusing. An unreadable token, or
   * one of no session or of a session already ended, changes nothing.
   */
  async end(presented: string | undefined): Promise<void> {
    let sessionId: string;
    try {
      sessionId = parseToken(presented).sessionId;
    } catch {
      return;
    }
    await this.database.transaction(async ({ sql }) => {
      await this.endSession(sql, sessionId, 'logout');
    });
  }

  private async endSession(
    sql: SqlExecutor,
    sessionId: string,
    reason: SessionEndReason,
  ): Promise<void> {
    await sql.run(
      'UPDATE auth_sessions SET ended_at = ?, end_reason = ? WHERE id = ? AND ended_at IS NULL',
      [this.clock.now().toISOString(), reason, sessionId],
    );
  }

  /** Why the session has expired, or null while it lasts. */
  private expiryOf(session: AuthSession): MessagePhrase | null {
    const now = this.clock.now().getTime();
    if (now >= Date.parse(session.expiresAt)) return 'auth.session-lifetime';
    if (
      now >=
      Date.parse(session.lastUsedAt) + this.configuration.sessions.idleTimeoutSeconds * 1000
    )
      return 'auth.session-idle';
    return null;
  }

  private secondsUntil(moment: Date): number {
    const seconds = Math.floor((moment.getTime() - this.clock.now().getTime()) / 1000);
    assertInvariant(seconds > 0, 'a session that is handed out has time left');
    return seconds;
  }
}

type RotationOutcome =
  | RefreshedSession
  | { refused: 'SESSION_INVALID' | 'SESSION_ENDED' | 'REFRESH_TOKEN_REUSED'; reason?: undefined }
  | { refused: 'SESSION_EXPIRED'; reason: MessagePhrase };

function newToken(sessionId: string): string {
  return `${sessionId}.${randomBytes(REFRESH_SECRET_BYTES).toString('base64url')}`;
}

/** The session id of a well-formed token; SESSION_REQUIRED without one, SESSION_INVALID for anything else. */
function parseToken(presented: string | undefined): { sessionId: string; token: string } {
  if (presented === undefined || presented === '') throw new DomainError('SESSION_REQUIRED');
  const [sessionId, secret, ...rest] = presented.split('.');
  if (
    rest.length > 0 ||
    !UUID_PATTERN.test(sessionId) ||
    secret === undefined ||
    !SECRET_PATTERN.test(secret)
  )
    throw new DomainError('SESSION_INVALID');
  return { sessionId, token: presented };
}

function hashOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function sameHash(stored: string, presented: string): boolean {
  return (
    stored.length === presented.length &&
    timingSafeEqual(Buffer.from(stored), Buffer.from(presented))
  );
}
