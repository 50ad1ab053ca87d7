import { assertInvariant } from '../common/errors/domain-error.js';
import {
  applyDecorators,
  createParamDecorator,
  type ExecutionContext,
  SetMetadata,
} from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import { PUBLIC_EXTENSION } from '../common/http/openapi-document.js';
import type { AuthenticatedUser, SteerkesRequest } from '../common/http/request-context.js';
import type { Role } from '../common/roles.js';

export const IS_PUBLIC = 'steerkes:isPublic';
export const REQUIRED_ROLES = 'steerkes:requiredRoles';

/**
 * Opts an endpoint out of the bearer-token guard that protects everything else; its OpenAPI
 * operation says `security: []` (common/http/openapi-document.ts).
 */
export const Public = () =>
  applyDecorators(SetMetadata(IS_PUBLIC, true), ApiExtension(PUBLIC_EXTENSION, true));

/** Only these roles may call the endpoint (403 otherwise). */
export const Roles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);

/** The authenticated caller, as the bearer token describes them. */
export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthenticatedUser => {
    const user = context.switchToHttp().getRequest<SteerkesRequest>().user;
    assertInvariant(user, 'CurrentUser used on a public endpoint');
    return user;
  },
);
