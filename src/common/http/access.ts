import {
  applyDecorators,
  createParamDecorator,
  type ExecutionContext,
  SetMetadata,
} from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import { assertInvariant } from '../errors/domain-error.js';
import type { Role } from '../roles.js';
import { PUBLIC_EXTENSION } from './openapi-document.js';
import type { AuthenticatedUser, SteerkesRequest } from './request-context.js';

/** Read by the auth module's guards (src/auth/guards.ts). */
export const IS_PUBLIC = 'steerkes:isPublic';
export const REQUIRED_ROLES = 'steerkes:requiredRoles';

/**
 * Opts an endpoint out of the bearer-token guard that protects everything else; its OpenAPI
 * operation says `security: []` (common/http/openapi-document.ts).
 */
export const Public = () =>
  applyDecorators(SetMetadata(IS_PUBLIC, true), ApiExtension(PUBLIC_EXTENSION, true));

/** Only these roles may call the endpoints of a controller or one endpoint (403 otherwise). */
export const Roles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);

/** The authenticated caller, as the bearer token describes them. */
export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthenticatedUser => {
    const user = context.switchToHttp().getRequest<SteerkesRequest>().user;
    assertInvariant(user, 'CurrentUser used on a public endpoint');
    return user;
  },
);
