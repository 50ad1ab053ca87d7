import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock.js';
import { DomainError, NotFoundError } from '../common/errors/domain-error.js';
import { Database } from '../database/database.service.js';
import { AuthSession } from './entities/auth-session.entity.js';
import { User } from './entities/user.entity.js';

/** A stored password hash no password matches (verifyPassword knows only `scrypt$…`): no login. */
const ERASED_PASSWORD_HASH = '!erased';

export interface UserRecordView {
  id: string;
  email: string;
  displayName: string;
  role: string;
  partyId: string | null;
  createdAt: string;
}

/** A login session as its owner may see it: when, never the token or its hash. */
export interface SessionRecordView {
  id: string;
  createdAt: string;
  lastUsedAt: string;
  expiresAt: string;
  endedAt: string | null;
  endReason: string | null;
  refreshes: number;
}

/**
 * What the auth module holds of a person, for their privacy rights (src/privacy): their user and
 * login sessions to export, their e-mail and name to correct, and both to erase. Writes join the
 * caller's transaction; the caller keeps the audit record.
 */
@Injectable()
export class UserPrivacy {
  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
  ) {}

  exportOf(userId: string): Promise<{ user: UserRecordView; sessions: SessionRecordView[] }> {
    return this.database.read(async ({ manager }) => {
      const user = await manager.findOneBy(User, { id: userId });
      if (!user) throw new NotFoundError('user', userId);
      const sessions = await manager.find(AuthSession, {
        where: { userId },
        order: { createdAt: 'ASC' },
      });
      return {
        user: {
          id: user.id,
          email: user.email,
          displayName: user.displayName,
          role: user.role,
          partyId: user.partyId,
          createdAt: user.createdAt,
        },
        sessions: sessions.map((session) => ({
          id: session.id,
          createdAt: session.createdAt,
          lastUsedAt: session.lastUsedAt,
          expiresAt: session.expiresAt,
          endedAt: session.endedAt,
          endReason: session.endReason,
          refreshes: session.rotations,
        })),
      };
    });
  }

  /** Corrects the user's e-mail (unique) and display name; answers the fields that changed. */
  correct(userId: string, changes: { email?: string; displayName?: string }): Promise<string[]> {
    return this.database.transaction(async ({ manager }) => {
      const user = await manager.findOneBy(User, { id: userId });
      if (!user) throw new NotFoundError('user', userId);
      const update: Partial<User> = {};
      if (changes.email !== undefined && changes.email !== user.email) {
        if (await manager.existsBy(User, { email: changes.email }))
          throw new DomainError('EMAIL_TAKEN');
        update.email = changes.email;
      }
      if (changes.displayName !== undefined && changes.displayName !== user.displayName)
        update.displayName = changes.displayName;
      if (Object.keys(update).length > 0) await manager.update(User, { id: userId }, update);
      return Object.keys(update);
    });
  }

  /**
   * Pseudonymises the user: e-mail and name replaced, no password that can log in, every token and
   * login session ended (the session version moves on). The id stays: the ledger names it.
   */
  erase(userId: string, pseudonym: string): Promise<void> {
    return this.database.transaction(async ({ manager }) => {
      const user = await manager.findOneBy(User, { id: userId });
      if (!user) throw new NotFoundError('user', userId);
      await manager.update(
        User,
        { id: userId },
        {
          email: `erased-${userId}@erased.invalid`,
          displayName: pseudonym,
          passwordHash: ERASED_PASSWORD_HASH,
          sessionVersion: user.sessionVersion + 1,
        },
      );
      const now = this.clock.now().toISOString();
      await manager
        .createQueryBuilder()
        .update(AuthSession)
        .set({ endedAt: now, endReason: 'logout' })
        .where('user_id = :userId AND ended_at IS NULL', { userId })
        .execute();
    });
  }
}
