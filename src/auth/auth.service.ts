import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DomainError, NotFoundError } from '../common/errors/domain-error.js';
import type { AuthenticatedUser } from '../common/http/request-context.js';
import { APP_CONFIGURATION } from '../config/config.module.js';
import type { AppConfiguration } from '../config/configuration.js';
import type { LoginDto, LoginResponseDto, UserDto } from './dto/auth.dto.js';
import { JWT_ALGORITHM, JWT_ISSUER, type TokenClaims } from './jwt.strategy.js';
import { decoyPasswordHash, verifyPassword } from './password-hasher.js';
import { toUserDto, UsersService } from './users.service.js';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly jwt: JwtService,
    @Inject(APP_CONFIGURATION) private readonly configuration: AppConfiguration,
  ) {}

  /** One answer for an unknown email and a wrong password, in about the same time. */
  async login(credentials: LoginDto): Promise<LoginResponseDto> {
    const user = await this.users.findByEmail(credentials.email);
    const passwordMatches = await verifyPassword(credentials.password, user?.passwordHash ?? (await decoyPasswordHash()));
    if (!user || !passwordMatches) throw new DomainError('INVALID_CREDENTIALS');
    const claims: TokenClaims = { sub: user.id, email: user.email, role: user.role, partyId: user.partyId, sv: user.sessionVersion };
    const accessToken = await this.jwt.signAsync(claims, {
      algorithm: JWT_ALGORITHM,
      issuer: JWT_ISSUER,
      expiresIn: this.configuration.jwt.ttlSeconds,
    });
    return { accessToken, tokenType: 'Bearer', expiresIn: this.configuration.jwt.ttlSeconds, user: toUserDto(user) };
  }

  async me(actor: AuthenticatedUser): Promise<UserDto> {
    const user = await this.users.findById(actor.id);
    if (!user) throw new NotFoundError('user', actor.id);
    return toUserDto(user);
  }
}
