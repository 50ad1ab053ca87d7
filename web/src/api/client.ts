import createClient from 'openapi-fetch';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];
export type Problem = Schemas['ProblemDetailsDto'];
export type LoginResponse = Schemas['LoginResponseDto'];
export type User = Schemas['UserDto'];

const AUTH_PATH = '/api/v1/auth/';
const REFRESH_PATH = '/api/v1/auth/refresh';
const LOGOUT_PATH = '/api/v1/auth/logout';

/**
 * The session's access token lives here, in memory only (never in storage): a reload gets a new
 * one through the refresh cookie (httpOnly, not readable by this script).
 */
let accessToken: string | null = null;
let acceptLanguage = 'nl';
let refreshing: Promise<LoginResponse | null> | null = null;
let sessionEndedListener: (() => void) | null = null;

export function setAccessToken(token: string | null): void {
  accessToken = token;
}

export function setApiLanguage(language: string): void {
  acceptLanguage = language;
}

/** Called when a request was refused for the session and refreshing it failed too: the user must log in again. */
export function onSessionEnded(listener: (() => void) | null): void {
  sessionEndedListener = listener;
}

function prepare(request: Request): Request {
  request.headers.set('Accept-Language', acceptLanguage);
  if (accessToken !== null && !request.headers.has('Authorization'))
    request.headers.set('Authorization', `Bearer ${accessToken}`);
  return request;
}

/**
 * A new access token from the refresh cookie, or null when there is no session (any more). One
 * refresh at a time: requests that fail together wait for the same one (the cookie rotates, so a
 * second parallel refresh would present an already used cookie).
 */
export function refreshSession(): Promise<LoginResponse | null> {
  refreshing ??= (async () => {
    try {
      const response = await fetch(REFRESH_PATH, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Accept-Language': acceptLanguage },
      });
      if (!response.ok) return null;
      const session = (await response.json()) as LoginResponse;
      setAccessToken(session.accessToken);
      return session;
    } catch {
      return null;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

/** Ends the session on the server (clears the refresh cookie) and forgets the access token. */
export async function endSession(): Promise<void> {
  const token = accessToken;
  setAccessToken(null);
  await fetch(LOGOUT_PATH, {
    method: 'POST',
    credentials: 'same-origin',
    headers: token ? { Authorization: `Bearer ${token}` } : {},
  }).catch(() => undefined);
}

/** fetch for the API client: the token and language on every request; on a 401, one refresh and one retry. */
async function sessionFetch(request: Request): Promise<Response> {
  const isAuthRequest = new URL(request.url, location.origin).pathname.startsWith(AUTH_PATH);
  const retry = isAuthRequest ? null : request.clone();
  const response = await fetch(prepare(request));
  if (response.status !== 401 || retry === null) return response;
  const session = await refreshSession();
  if (session === null) {
    sessionEndedListener?.();
    return response;
  }
  retry.headers.delete('Authorization');
  return fetch(prepare(retry));
}

export const api = createClient<paths>({
  baseUrl: location.origin,
  fetch: sessionFetch,
  credentials: 'same-origin',
});

/** A refusal of the API, with its problem details (code, detail in the chosen language, errors[] by field). */
export class ApiProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
    this.name = 'ApiProblemError';
  }
}

/** The data of an openapi-fetch result, or its problem thrown as ApiProblemError (for TanStack Query). */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.error !== undefined || !result.response.ok)
    throw new ApiProblemError(asProblem(result.error, result.response));
  return result.data as T;
}

function asProblem(body: unknown, response: Response): Problem {
  if (typeof body === 'object' && body !== null && 'code' in body) return body as Problem;
  return {
    type: 'about:blank',
    title: response.statusText,
    status: response.status,
    code: 'INTERNAL_ERROR',
    detail: response.statusText,
    instance: response.url,
    requestId: '',
  };
}

/** The messages of errors[] per field (the API's names: passNumber, email...). */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiProblemError)) return {};
  const byField: Record<string, string> = {};
  for (const entry of error.problem.errors ?? []) byField[entry.field] ??= entry.message;
  return byField;
}
