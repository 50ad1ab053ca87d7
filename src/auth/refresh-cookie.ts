import type {} from '@fastify/cookie';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { SteerkesRequest } from '../common/http/request-context.js';
import type { IssuedRefreshToken } from './sessions.service.js';

/** The refresh cookie: only the browser holds it (httpOnly), and only the auth endpoints receive it. */
export const REFRESH_COOKIE_NAME = 'steerkes_refresh';
export const REFRESH_COOKIE_PATH = '/api/v1/auth';

/**
 * Strict: the browser never sends it with a request started by another site, so another site can
 * neither refresh nor end a session. Secure in production, where the app is served over HTTPS.
 */
function cookieOptions(secure: boolean) {
  return { path: REFRESH_COOKIE_PATH, httpOnly: true, sameSite: 'strict', secure } as const;
}

export function setRefreshCookie(
  reply: FastifyReply,
  token: IssuedRefreshToken,
  secure: boolean,
): void {
  reply.setCookie(REFRESH_COOKIE_NAME, token.value, {
    ...cookieOptions(secure),
    maxAge: token.maxAgeSeconds,
  });
}

export function clearRefreshCookie(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(REFRESH_COOKIE_NAME, cookieOptions(secure));
}

/** The refresh token the browser sent in the cookie, if any. */
export const RefreshTokenCookie = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string | undefined => {
    const request = context.switchToHttp().getRequest<SteerkesRequest>();
    return request.cookies?.[REFRESH_COOKIE_NAME];
  },
);
