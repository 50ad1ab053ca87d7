import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock.js';
import { AuditService } from '../audit/audit.service.js';
import {
  DomainError,
  NotFoundError,
  ValidationFailedError,
} from '../common/errors/domain-error.js';
import type { AuthenticatedUser } from '../common/http/request-context.js';
import { type Page, pageFrom, paginateQuery } from '../common/pagination.js';
import { Database, type Transaction } from '../database/database.service.js';
import { lockById } from '../database/row-lock.js';
import type { PartyKind } from '../parties/entities/party.entity.js';
import { PartiesService } from '../parties/parties.service.js';
import type {
  ChangeOwnPasswordDto,
  ChangeRoleDto,
  CompletePasswordResetDto,
  CreateUserDto,
  ListUsersQueryDto,
  PasswordResetDto,
  UserDto,
} from './dto/auth.dto.js';
import { User } from './entities/user.entity.js';
import { PasswordHasher } from '../common/password-hasher.js';
import type { Role } from '../common/roles.js';
import { passwordWeakness } from './password-rules.js';

/** A day: an admin hands the code over in person or by phone, the user sets a password that day. */
export const PASSWORD_RESET_CODE_LIFETIME_MS = 24 * 60 * 60 * 1000;
/** Random bytes of a reset code's secret part: 256 bits, beyond guessing. */
const RESET_SECRET_BYTES = 32;
const RESET_CODE_PATTERN =
  /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.[A-Za-z0-9_-]{43}$/;

/** Who acted, for the audit log: a user, or null for the system (the first admin at start-up). */
type Actor = AuthenticatedUser | null;

/** Which kind of party a role acts for; undefined: the role acts for no party in particular. */
const PARTY_KIND_OF_ROLE: Record<Role, readonly PartyKind[] | undefined> = {
  admin: undefined,
  treasurer: undefined,
  org_manager: ['organisation', 'institution'],
  business_operator: ['business'],
  volunteer: ['volunteer'],
};

export interface SessionHolder {
  id: string;
  email: string;
  role: Role;
  partyId: string | null;
  sessionVersion: number;
  disabled: boolean;
}

/**
 * Users and their accounts: created, disabled and enabled, their role changed, their password
 * changed or reset by an admin. Each change but creation ends the user's sessions (their session
 * version rises: access tokens and refresh cookies stop working at once), and each is audited in
 * its own transaction. A refusal writes nothing.
 */
@Injectable()
export class UsersService {
  constructor(
    private readonly database: Database,
    private readonly parties: PartiesService,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly hasher: PasswordHasher,
  ) {}

  /** A new user; `demo` only for the demo loader (public password: production refuses to start). */
  async create(
    input: CreateUserDto,
    options: { actor?: Actor; demo?: boolean } = {},
  ): Promise<UserDto> {
    const passwordHash = await this.hasher.hashPassword(input.password);
    return this.database.transaction(async (tx) => {
      await this.assertPartyFitsRole(input.role, input.partyId ?? null);
      if (await tx.manager.existsBy(User, { email: input.email }))
        throw new DomainError('EMAIL_TAKEN');
      const user = tx.manager.create(User, {
        id: randomUUID(),
        email: input.email,
        passwordHash,
        role: input.role,
        partyId: input.partyId ?? null,
        displayName: input.displayName,
        createdAt: this.clock.now().toISOString(),
        disabledAt: null,
        demo: options.demo ?? false,
        passwordResetHash: null,
        passwordResetExpiresAt: null,
      });
      await tx.manager.insert(User, user);
      if (!options.demo)
        await this.audit.record(options.actor ?? null, {
          action: 'user.created',
          subjectType: 'user',
          subjectId: user.id,
          details: { role: user.role, partyId: user.partyId },
        });
      return toUserDto(user);
    });
  }

  /** Revokes every token of the user: they log in again. An admin may do it for anyone, a user for themselves. */
  revokeSessions(
    actor: AuthenticatedUser,
    userId: string,
  ): Promise<{ userId: string; sessionVersion: number }> {
    if (actor.role !== 'admin' && actor.id !== userId) throw new NotFoundError('user', userId);
    return this.database.transaction(async (tx) => {
      const user = await this.lockUser(tx, userId);
      const sessionVersion = await this.changeAndEndSessions(tx, user, {});
      if (actor.id !== userId)
        await this.audit.record(actor, {
          action: 'user.sessions-revoked',
          subjectType: 'user',
          subjectId: userId,
          details: {},
        });
      return { userId, sessionVersion };
    });
  }

  /** An admin disables a user (not themselves: a lone admin would lock everyone out). */
  disable(actor: AuthenticatedUser, userId: string): Promise<UserDto> {
    return this.database.transaction(async (tx) => {
      const user = await this.lockOtherUser(tx, actor, userId);
      if (user.disabledAt === null) {
        await this.changeAndEndSessions(tx, user, { disabledAt: this.clock.now().toISOString() });
        await this.audit.record(actor, {
          action: 'user.disabled',
          subjectType: 'user',
          subjectId: userId,
          details: {},
        });
      }
      return toUserDto(user);
    });
  }

  /** An admin enables a disabled user again; they log in with their password as before. */
  enable(actor: AuthenticatedUser, userId: string): Promise<UserDto> {
    return this.database.transaction(async (tx) => {
      const user = await this.lockOtherUser(tx, actor, userId);
      if (user.disabledAt !== null) {
        await this.changeAndEndSessions(tx, user, { disabledAt: null });
        await this.audit.record(actor, {
          action: 'user.enabled',
          subjectType: 'user',
          subjectId: userId,
          details: {},
        });
      }
      return toUserDto(user);
    });
  }

  /** An admin gives another user a new role (and the party it acts for); their old tokens end. */
  changeRole(actor: AuthenticatedUser, userId: string, input: ChangeRoleDto): Promise<UserDto> {
    return this.database.transaction(async (tx) => {
      const user = await this.lockOtherUser(tx, actor, userId);
      const partyId = input.partyId ?? null;
      await this.assertPartyFitsRole(input.role, partyId);
      const before = { role: user.role, partyId: user.partyId };
      await this.changeAndEndSessions(tx, user, { role: input.role, partyId });
      await this.audit.record(actor, {
        action: 'user.role-changed',
        subjectType: 'user',
        subjectId: userId,
        details: { from: before, to: { role: input.role, partyId } },
      });
      return toUserDto(user);
    });
  }

  /** A user changes their own password, giving the current one; every session ends, this one too. */
  async changeOwnPassword(actor: AuthenticatedUser, input: ChangeOwnPasswordDto): Promise<void> {
    const user = await this.findById(actor.id);
    if (!user) throw new NotFoundError('user', actor.id);
    const { matches } = await this.hasher.verifyPassword(input.currentPassword, user.passwordHash);
    if (!matches) throw new DomainError('CURRENT_PASSWORD_WRONG');
    assertStrong(input.newPassword, user.email, 'newPassword');
    const passwordHash = await this.hasher.hashPassword(input.newPassword);
    await this.database.transaction(async (tx) => {
      const locked = await this.lockUser(tx, actor.id);
      // The password changed meanwhile (another session): the current one given is no longer it.
      if (locked.passwordHash !== user.passwordHash)
        throw new DomainError('CURRENT_PASSWORD_WRONG');
      await this.changeAndEndSessions(tx, locked, { passwordHash });
      await this.audit.record(actor, {
        action: 'user.password-changed',
        subjectType: 'user',
        subjectId: actor.id,
        details: { by: 'self' },
      });
    });
  }

  /**
   * An admin starts a password reset: a one-time code, shown in this answer only and kept as its
   * SHA-256, valid for a day. The user's sessions end (whoever knew the old password is out); a
   * new reset replaces an open one. The password itself is never shown or sent.
   */
  startPasswordReset(actor: AuthenticatedUser, userId: string): Promise<PasswordResetDto> {
    const code = `${userId}.${randomBytes(RESET_SECRET_BYTES).toString('base64url')}`;
    const expiresAt = new Date(
      this.clock.now().getTime() + PASSWORD_RESET_CODE_LIFETIME_MS,
    ).toISOString();
    return this.database.transaction(async (tx) => {
      const user = await this.lockUser(tx, userId);
      await this.changeAndEndSessions(tx, user, {
        passwordResetHash: hashOf(code),
        passwordResetExpiresAt: expiresAt,
      });
      await this.audit.record(actor, {
        action: 'user.password-reset-started',
        subjectType: 'user',
        subjectId: userId,
        details: { expiresAt },
      });
      return { userId, code, expiresAt };
    });
  }

  /** The user sets a new password with the admin's code: once, before it expires. */
  async completePasswordReset(input: CompletePasswordResetDto): Promise<void> {
    const userId = RESET_CODE_PATTERN.exec(input.code)?.[1];
    const user = userId ? await this.findById(userId) : null;
    if (!user || !sameHash(user.passwordResetHash, hashOf(input.code)))
      throw new DomainError('RESET_CODE_INVALID');
    if (this.clock.now().getTime() >= Date.parse(user.passwordResetExpiresAt ?? ''))
      throw new DomainError('RESET_CODE_EXPIRED');
    assertStrong(input.newPassword, user.email, 'newPassword');
    const passwordHash = await this.hasher.hashPassword(input.newPassword);
    await this.database.transaction(async (tx) => {
      const locked = await this.lockUser(tx, user.id);
      // Used meanwhile by a racing request, or replaced by a new reset: this code is spent.
      if (locked.passwordResetHash !== user.passwordResetHash)
        throw new DomainError('RESET_CODE_INVALID');
      await this.changeAndEndSessions(tx, locked, {
        passwordHash,
        passwordResetHash: null,
        passwordResetExpiresAt: null,
      });
      await this.audit.record(
        { id: user.id, role: user.role },
        {
          action: 'user.password-changed',
          subjectType: 'user',
          subjectId: user.id,
          details: { by: 'reset' },
        },
      );
    });
  }

  /** After a correct login with a hash of older parameters: the same password, hashed as today. */
  async upgradePasswordHash(user: User, password: string): Promise<void> {
    const passwordHash = await this.hasher.hashPassword(password);
    await this.database.transaction(({ sql }) =>
      // Only if unchanged meanwhile: a password changed in between must not be overwritten.
      sql.run('UPDATE users SET password_hash = ? WHERE id = ? AND password_hash = ?', [
        passwordHash,
        user.id,
        user.passwordHash,
      ]),
    );
  }

  /** Whether any demo login (public password) exists: production refuses to start then. */
  hasDemoLogins(): Promise<boolean> {
    return this.database.read(async ({ manager }) =>
      manager
        .createQueryBuilder(User, 'user')
        .where('user.demo = 1')
        .orWhere('user.email LIKE :demoDomain', { demoDomain: `%@${DEMO_EMAIL_DOMAIN}` })
        .getExists(),
    );
  }

  /** Every user for the admin, oldest first, optionally of one role or one party (no secrets). */
  list(query: ListUsersQueryDto): Promise<Page<UserDto>> {
    return this.database.read(async ({ manager }) => {
      const builder = manager.createQueryBuilder(User, 'user');
      if (query.role) builder.andWhere('user.role = :role', { role: query.role });
      if (query.partyId) builder.andWhere('user.party_id = :partyId', { partyId: query.partyId });
      const { limit } = paginateQuery(builder, {
        sortColumn: 'user.created_at',
        idColumn: 'user.id',
        page: query,
      });
      const rows = await builder.getMany();
      return pageFrom(
        rows,
        limit,
        (user) => ({ sortValue: user.createdAt, id: user.id }),
        toUserDto,
      );
    });
  }

  findByEmail(email: string): Promise<User | null> {
    return this.database.read(({ manager }) =>
      manager.findOneBy(User, { email: email.toLowerCase() }),
    );
  }

  /**
   * What a token's check needs of its user, by primary key in plain SQL: this runs on every
   * authenticated request, and TypeORM's entity mapping cost more than the read itself.
   */
  findSessionHolder(id: string): Promise<SessionHolder | undefined> {
    return this.database.read(async (tx) => {
      const row = await tx.sql.get<{
        id: string;
        email: string;
        role: Role;
        party_id: string | null;
        session_version: number | bigint | string;
        disabled_at: string | null;
      }>('SELECT id, email, role, party_id, session_version, disabled_at FROM users WHERE id = ?', [
        id,
      ]);
      return (
        row && {
          id: row.id,
          email: row.email,
          role: row.role,
          partyId: row.party_id,
          sessionVersion: Number(row.session_version),
          disabled: row.disabled_at !== null,
        }
      );
    });
  }

  findById(id: string): Promise<User | null> {
    return this.database.read(({ manager }) => manager.findOneBy(User, { id }));
  }

  count(): Promise<number> {
    return this.database.read(({ manager }) => manager.count(User));
  }

  private async lockUser(tx: Transaction, userId: string): Promise<User> {
    const user = await lockById(tx, User, userId);
    if (!user) throw new NotFoundError('user', userId);
    return user;
  }

  /** The user an admin acts on, who must be another: an admin cannot disable or demote themselves. */
  private async lockOtherUser(
    tx: Transaction,
    actor: AuthenticatedUser,
    userId: string,
  ): Promise<User> {
    const user = await this.lockUser(tx, userId);
    if (user.id === actor.id) throw new DomainError('OWN_ACCOUNT');
    return user;
  }

  /** Applies the change and raises the session version: every token and session of the user ends. */
  private async changeAndEndSessions(
    tx: Transaction,
    user: User,
    change: Partial<Pick<User, ChangeableField>>,
  ): Promise<number> {
    const sessionVersion = user.sessionVersion + 1;
    await tx.manager.update(User, { id: user.id }, { ...change, sessionVersion });
    Object.assign(user, change, { sessionVersion });
    return sessionVersion;
  }

  private async assertPartyFitsRole(role: Role, partyId: string | null): Promise<void> {
    const allowedKinds = PARTY_KIND_OF_ROLE[role];
    if (partyId === null) {
      if (allowedKinds) throw new ValidationFailedError([{ field: 'partyId', code: 'isDefined' }]);
      return;
    }
    const party = await this.parties.findById(partyId);
    if (!party) throw new ValidationFailedError([{ field: 'partyId', code: 'PARTY_NOT_FOUND' }]);
    if (allowedKinds && !allowedKinds.includes(party.kind)) {
      throw new ValidationFailedError([
        {
          field: 'partyId',
          code: 'PARTY_KIND_MISMATCH',
          parameters: { role, kinds: allowedKinds.join(',') },
        },
      ]);
    }
  }
}

export function toUserDto(user: User): UserDto {
  return {
    id: user.id,
    email: user.email,
    role: user.role,
    partyId: user.partyId,
    displayName: user.displayName,
    createdAt: user.createdAt,
    disabled: user.disabledAt !== null,
  };
}

type ChangeableField =
  | 'role'
  | 'partyId'
  | 'passwordHash'
  | 'disabledAt'
  | 'passwordResetHash'
  | 'passwordResetExpiresAt';

/** The demo's logins live at a reserved top-level domain (RFC 2606), never a real person's. */
export const DEMO_EMAIL_DOMAIN = 'steerkes.test';

function assertStrong(password: string, email: string, field: string): void {
  const weakness = passwordWeakness(password, email);
  if (weakness) throw new ValidationFailedError([{ field, code: weakness }]);
}

function hashOf(code: string): string {
  return createHash('sha256').update(code).digest('hex');
}

function sameHash(stored: string | null, presented: string): boolean {
  return (
    stored !== null &&
    stored.length === presented.length &&
    timingSafeEqual(Buffer.from(stored), Buffer.from(presented))
  );
}
