import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import type { Role } from '../../auth/roles.js';

/** What the bearer token says about who is calling. */
export interface AuthenticatedUser {
  id: string;
  email: string;
  role: Role;
  partyId: string | null;
}

export interface SteerkesRequest extends Request {
  requestId: string;
  user?: AuthenticatedUser;
}

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._-]{1,100}$/;

/** Takes the caller's X-Request-Id when it is harmless, otherwise makes one. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const candidate = Array.isArray(header) ? header[0] : header;
  return candidate && REQUEST_ID_PATTERN.test(candidate) ? candidate : randomUUID();
}
