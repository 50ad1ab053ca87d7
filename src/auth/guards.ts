import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { DomainError, ForbiddenError } from '../common/errors/domain-error.js';
import type { AuthenticatedUser, SteerkesRequest } from '../common/http/request-context.js';
import { IS_PUBLIC, REQUIRED_ROLES } from '../common/http/access.js';
import type { Role } from '../common/roles.js';

/** Every endpoint needs a valid bearer token unless it is marked @Public(). */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    return isPublic ? true : super.canActivate(context);
  }

  /** Tells a missing, an expired and a forged token apart, each with its own code. */
  override handleRequest<User = AuthenticatedUser>(
    error: unknown,
    user: User | false,
    info: unknown,
  ): User {
    if (error instanceof DomainError) throw error;
    if (error) throw new DomainError('TOKEN_INVALID');
    if (user) return user;
    const reason = info as { name?: string; message?: string } | undefined;
    if (reason?.name === 'TokenExpiredError') throw new DomainError('TOKEN_EXPIRED');
    if (reason?.message === 'No auth token') throw new DomainError('UNAUTHENTICATED');
    throw new DomainError('TOKEN_INVALID');
  }
}

@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!roles || roles.length === 0) return true;
    const user = context.switchToHttp().getRequest<SteerkesRequest>().user;
    if (!user || !roles.includes(user.role)) throw new ForbiddenError('ROLE_REQUIRED');
    return true;
  }
}
