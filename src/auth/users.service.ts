import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock.js';
import { AuditService } from '../audit/audit.service.js';
import {
  DomainError,
  NotFoundError,
  ValidationFailedError,
} from '../common/errors/domain-error.js';
import type { AuthenticatedUser } from '../common/http/request-context.js';
import { Database } from '../database/database.service.js';
import type { PartyKind } from '../parties/entities/party.entity.js';
import { PartiesService } from '../parties/parties.service.js';
import type { CreateUserDto, UserDto } from './dto/auth.dto.js';
import { User } from './entities/user.entity.js';
import { hashPassword } from '../common/password-hasher.js';
import type { Role } from '../common/roles.js';

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
}

@Injectable()
export class UsersService {
  constructor(
    private readonly database: Database,
    private readonly parties: PartiesService,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  async create(input: CreateUserDto): Promise<UserDto> {
    const passwordHash = await hashPassword(input.password);
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
      });
      await tx.manager.insert(User, user);
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
      const user = await tx.manager.findOneBy(User, { id: userId });
      if (!user) throw new NotFoundError('user', userId);
      const sessionVersion = user.sessionVersion + 1;
      await tx.manager.update(User, { id: userId }, { sessionVersion });
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
      }>('SELECT id, email, role, party_id, session_version FROM users WHERE id = ?', [id]);
      return (
        row && {
          id: row.id,
          email: row.email,
          role: row.role,
          partyId: row.party_id,
          sessionVersion: Number(row.session_version),
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
  };
}
