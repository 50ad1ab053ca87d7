import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Role } from '../roles.js';

/** What the bearer token says about who is calling. */
export interface AuthenticatedUser {
  id: string;
  email: string;
  role: Role;
  partyId: string | null;
}

/** A request as the guards, filters and handlers see it (Fastify's), with what Steerkes adds. */
export interface SteerkesRequest extends FastifyRequest {
  /** Set by the first request hook (see http-hooks.ts); null until then, e.g. for a CORS preflight. */
  requestId: string | null;
  user?: AuthenticatedUser;
}

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._-]{1,100}$/;

/** Takes the caller's X-Request-Id when it is harmless, otherwise makes one. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const candidate = Array.isArray(header) ? header[0] : header;
  return candidate && REQUEST_ID_PATTERN.test(candidate) ? candidate : randomUUID();
}

/** The request's path as sent, without the query string (what Express called `request.path`). */
export function requestPath(request: { url: string }): string {
  const query = request.url.indexOf('?');
  return query === -1 ? request.url : request.url.slice(0, query);
}

/**
 * The route the request matched, as declared (`/api/v1/passes/:number/qr`), for logs: a path's
 * values (a pass number, an id) are personal data or a key to it and never go into a log line.
 * Null when no route matched (the path itself may hold such a value).
 */
export function routeTemplate(request: {
  routeOptions?: { url?: string | undefined };
}): string | null {
  return request.routeOptions?.url ?? null;
}
