import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { APP_CONFIGURATION } from '../config/config.module.js';
import type { AppConfiguration } from '../config/configuration.js';
import type { AuthenticatedUser } from '../common/http/request-context.js';
import { ROLES, type Role } from './roles.js';

export interface TokenClaims {
  sub: string;
  email: string;
  role: Role;
  partyId: string | null;
}

export const JWT_ALGORITHM = 'HS256';
export const JWT_ISSUER = 'steerkes';

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy) {
  constructor(@Inject(APP_CONFIGURATION) configuration: AppConfiguration) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: configuration.jwt.secret,
      algorithms: [JWT_ALGORITHM],
      issuer: JWT_ISSUER,
      ignoreExpiration: false,
    });
  }

  validate(claims: TokenClaims): AuthenticatedUser | false {
    if (typeof claims.sub !== 'string' || !ROLES.includes(claims.role)) return false;
    return { id: claims.sub, email: claims.email, role: claims.role, partyId: claims.partyId ?? null };
  }
}
