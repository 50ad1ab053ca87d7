import { createSecretKey, type KeyObject } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { APP_CONFIGURATION } from '../config/config.module.js';
import type { AppConfiguration } from '../config/configuration.js';
import type { AuthenticatedUser } from '../common/http/request-context.js';
import { DomainError } from '../common/errors/domain-error.js';
import { ROLES, type Role } from '../common/roles.js';
import { UsersService } from './users.service.js';

export interface TokenClaims {
  sub: string;
  email: string;
  role: Role;
  partyId: string | null;
  /** The user's session version when the token was issued; an older one is revoked. */
  sv: number;
}

export const JWT_ALGORITHM = 'HS256';
export const JWT_ISSUER = 'steerkes';

/**
 * The HMAC secret as a KeyObject, made once. Given a string, jsonwebtoken first tries to parse it
 * as a PEM public key on every verify (and throws that attempt away): 13 % of the server's CPU
 * under load before this was made once at start-up.
 */
export function jwtKey(secret: string): KeyObject {
  return createSecretKey(Buffer.from(secret, 'utf8'));
}

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy) {
  constructor(
    @Inject(APP_CONFIGURATION) configuration: AppConfiguration,
    private readonly users: UsersService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // passport-jwt's types say string | Buffer; it hands the value to jsonwebtoken, which takes a KeyObject.
      secretOrKey: jwtKey(configuration.jwt.secret) as unknown as Buffer,
      algorithms: [JWT_ALGORITHM],
      issuer: JWT_ISSUER,
      ignoreExpiration: false,
    });
  }

  /**
   * The signature and expiry are checked by passport-jwt; this checks the user still exists and the
   * token's session version is current (one primary-key read per request: revocation takes effect at once).
   */
  async validate(claims: TokenClaims): Promise<AuthenticatedUser> {
    if (typeof claims.sub !== 'string' || !ROLES.includes(claims.role))
      throw new DomainError('TOKEN_INVALID');
    const user = await this.users.findSessionHolder(claims.sub);
    if (!user) throw new DomainError('TOKEN_INVALID');
    if (claims.sv !== user.sessionVersion || user.disabled) throw new DomainError('TOKEN_REVOKED');
    return { id: user.id, email: user.email, role: user.role, partyId: user.partyId };
  }
}
