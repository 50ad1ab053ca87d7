import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DomainError, NotFoundError } from '../common/errors/domain-error.js';
import type { AuthenticatedUser } from '../common/http/request-context.js';
import { APP_CONFIGURATION } from '../config/config.module.js';
import type { AppConfiguration } from '../config/configuration.js';
import type { LoginDto, LoginResponseDto, UserDto } from './dto/auth.dto.js';
import type { User } from './entities/user.entity.js';
import { JWT_ALGORITHM, JWT_ISSUER, type TokenClaims } from './jwt.strategy.js';
import { PasswordHasher } from '../common/password-hasher.js';
import { type IssuedRefreshToken, SessionsService } from './sessions.service.js';
import { toUserDto, UsersService } from './users.service.js';

/** What logging in and refreshing give: the answer's body, and the refresh token for the cookie. */
export interface SessionGrant {
  body: LoginResponseDto;
  refreshToken: IssuedRefreshToken;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
    private readonly jwt: JwtService,
    private readonly hasher: PasswordHasher,
    @Inject(APP_CONFIGURATION) private readonly configuration: AppConfiguration,
  ) {}

  /**
   * One answer for an unknown email and a wrong password, in about the same time. A disabled user
   * learns so only with the right password. A hash of older parameters is made anew. Begins a session.
   */
  async login(credentials: LoginDto): Promise<SessionGrant> {
    const user = await this.users.findByEmail(credentials.email);
    const verdict = await this.hasher.verifyPassword(
      credentials.password,
      user?.passwordHash ?? (await this.hasher.decoyPasswordHash()),
    );
    if (!user || !verdict.matches) throw new DomainError('INVALID_CREDENTIALS');
    if (user.disabledAt !== null) throw new DomainError('ACCOUNT_DISABLED');
    if (verdict.needsRehash) await this.users.upgradePasswordHash(user, credentials.password);
    const refreshToken = await this.sessions.start(user.id, user.sessionVersion);
    return { body: await this.accessFor(user), refreshToken };
  }

  /** A new access token for the session of the refresh cookie, which is rotated. */
  async refresh(presentedRefreshToken: string | undefined): Promise<SessionGrant> {
    const { user: holder, refreshToken } = await this.sessions.rotate(presentedRefreshToken);
    const user = await this.users.findById(holder.id);
    if (!user) throw new DomainError('SESSION_INVALID');
    return { body: await this.accessFor(user), refreshToken };
  }

  /** Ends the session of the refresh cookie; without one (or an unknown one) there is nothing to end. */
  logout(presentedRefreshToken: string | undefined): Promise<void> {
    return this.sessions.end(presentedRefreshToken);
  }

  async me(actor: AuthenticatedUser): Promise<UserDto> {
    const user = await this.users.findById(actor.id);
    if (!user) throw new NotFoundError('user', actor.id);
    return toUserDto(user);
  }

  private async accessFor(user: User): Promise<LoginResponseDto> {
    const claims: TokenClaims = {
      sub: user.id,
      email: user.email,
      role: user.role,
      partyId: user.partyId,
      sv: user.sessionVersion,
    };
    const accessToken = await this.jwt.signAsync(claims, {
      algorithm: JWT_ALGORITHM,
      issuer: JWT_ISSUER,
      expiresIn: this.configuration.jwt.ttlSeconds,
    });
    return {
      accessToken,
      tokenType: 'Bearer',
      expiresIn: this.configuration.jwt.ttlSeconds,
      user: toUserDto(user),
    };
  }
}
