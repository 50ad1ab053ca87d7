import { createHash } from 'node:crypto';
import bodyParser from 'body-parser';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import helmet from 'helmet';
import type { Log } from '../logging/log.js';
import {
  requestIdFrom,
  requestPath,
  routeTemplate,
  type SteerkesRequest,
} from './request-context.js';

/**
 * The request hooks of the HTTP server (Fastify), each doing what an Express middleware did before
 * the move to Fastify, with the same outcome for the client: see configure-app.ts for their order.
 */

/** Security headers; the Swagger UI at /api/docs needs its inline script and styles. */
export function securityHeaders(): (
  request: FastifyRequest,
  reply: FastifyReply,
  done: (error?: Error) => void,
) => void {
  // Built once: helmet's own middleware, on the Node.js response, so that every response has the
  // headers, errors and 404s included (Fastify merges them into what it sends).
  const middleware = helmet({
    contentSecurityPolicy: {
      directives: {
        scriptSrc: ["'self'", "'unsafe-inline'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
      },
    },
  });
  return (request, reply, done) =>
    middleware(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined));
}

/** Gives the request its id (the caller's X-Request-Id when harmless), echoed as X-Request-Id; once. */
export function assignRequestId(request: FastifyRequest, reply: FastifyReply): string {
  const steerkesRequest = request as SteerkesRequest;
  if (steerkesRequest.requestId === null || steerkesRequest.requestId === undefined) {
    steerkesRequest.requestId = requestIdFrom(request.headers['x-request-id']);
    reply.header('X-Request-Id', steerkesRequest.requestId);
  }
  return steerkesRequest.requestId;
}

/**
 * One structured line per answered request, at the `log` level: `context` "HTTP", `requestId`,
 * `method`, `route`, `status`, `durationMs`, `userId`. Only the route's template is logged
 * (`/passes/:number`, null when none matched): never the path's values (a pass number), the query
 * string, headers or body, which may carry personal data, tokens, passwords or PINs. A request
 * answered before it got its id (a CORS preflight) is not logged, as it was not under Express.
 */
export function requestLogger(log: Log): (request: FastifyRequest, reply: FastifyReply) => void {
  // A child made once: its context is serialized once, not on every line.
  const http = log.child({ context: 'HTTP' });
  return (request, reply) => {
    const steerkesRequest = request as SteerkesRequest;
    if (steerkesRequest.requestId === null || !http.isLevelEnabled('info')) return;
    http.info({
      requestId: steerkesRequest.requestId,
      method: request.method,
      route: routeTemplate(request),
      status: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 10) / 10,
      userId: steerkesRequest.user?.id ?? null,
    });
  };
}

/**
 * An API answer given to someone who showed who they are (a bearer token, a cookie) or that hands
 * out a login (/auth) is theirs alone: `no-store`, so that no shared cache, proxy or browser
 * history keeps a balance, a pass or a token. Public answers to anonymous callers stay cacheable.
 */
export function noStoreWhenAuthenticated(apiPrefix: string) {
  const prefix = `/${apiPrefix}/`.toLowerCase();
  const authPrefix = `${prefix}auth/`;
  return (
    request: FastifyRequest,
    reply: FastifyReply,
    payload: unknown,
    done: (error: Error | null, payload?: unknown) => void,
  ): void => {
    const path = requestPath(request).toLowerCase();
    const personal =
      (request as SteerkesRequest).user !== undefined ||
      request.headers.authorization !== undefined ||
      request.headers.cookie !== undefined ||
      path.startsWith(authPrefix);
    if (path.startsWith(prefix) && personal) reply.header('Cache-Control', 'no-store');
    done(null, payload);
  };
}

const PARSED = Symbol('steerkes.bodyParsed');

/**
 * The JSON body, read by body-parser exactly as under Express: only application/json is parsed
 * (other content types leave the body undefined, as does no body), gzip/deflate/br bodies are
 * inflated, a charset other than UTF-* is a 415, strict JSON (an object or array), an empty body
 * is {}, and a body over the limit is a 413. Its errors carry body-parser's `type`, which the
 * problem filter maps. The batch endpoint has a larger limit of its own.
 *
 * It runs as a preValidation hook (before guards and handlers, also for unknown routes and GET
 * requests, as the Express middleware did) on the Node.js request, whose stream Fastify leaves
 * unread (see leaveBodiesToJsonBody).
 */
export function jsonBody(options: {
  limit: number;
  largerLimit: { pathPrefix: string; limit: number };
}) {
  const parse = bodyParser.json({ limit: options.limit, strict: true });
  const parseLarger = bodyParser.json({ limit: options.largerLimit.limit, strict: true });
  const prefix = options.largerLimit.pathPrefix.toLowerCase();
  // Express's app.use(path): the path or below it, whatever the letter case.
  const hasLargerLimit = (path: string) => {
    const lower = path.toLowerCase();
    return (
      lower.startsWith(prefix) && (lower.length === prefix.length || lower[prefix.length] === '/')
    );
  };
  return (request: FastifyRequest, reply: FastifyReply, done: (error?: Error) => void): void => {
    const raw = request.raw as typeof request.raw & { body?: unknown; [PARSED]?: true };
    if (raw[PARSED]) return done(); // the not-found handler, called from a route, runs the hooks again
    raw[PARSED] = true;
    const parser = hasLargerLimit(requestPath(request)) ? parseLarger : parse;
    parser(raw, reply.raw, (error?: unknown) => {
      if (error) return done(error as Error);
      request.body = raw.body;
      done();
    });
  };
}

/**
 * Fastify reads and parses the body of a POST, PUT, PATCH, DELETE or OPTIONS request itself before
 * any hook can (and refuses a Content-Type it cannot read with a 415 of its own). Declared bodyless,
 * those methods leave the body to the jsonBody hook, which reads it as Express did.
 */
export function leaveBodiesToJsonBody(fastify: FastifyInstance): void {
  for (const method of ['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'QUERY']) {
    fastify.addHttpMethod(method, { hasBody: false, overrideExisting: true });
  }
}

/**
 * What Express's res.send() did to every response sent whole (not streamed): a text body's
 * Content-Type gets charset=utf-8; the answer to a GET or HEAD a weak ETag, and a 304 Not Modified
 * when its If-None-Match matches (Express's `req.fresh`), so that conditional requests work as
 * before. Answers to other methods get no ETag: nothing revalidates them, and hashing each one was
 * a SHA-1 per transfer and redemption.
 */
export function expressSend(
  request: FastifyRequest,
  reply: FastifyReply,
  payload: unknown,
  done: (error: Error | null, payload?: unknown) => void,
): void {
  if (typeof payload === 'string') {
    const contentType = reply.getHeader('content-type');
    if (typeof contentType === 'string' && !CHARSET.test(contentType))
      reply.header('Content-Type', `${contentType}; charset=utf-8`);
  } else if (!Buffer.isBuffer(payload)) {
    return done(null, payload);
  }
  const readsOnly = request.method === 'GET' || request.method === 'HEAD';
  if (!readsOnly || reply.hasHeader('etag') || reply.statusCode === 204 || reply.statusCode === 304)
    return done(null, payload);
  const etag = weakETag(payload);
  reply.header('ETag', etag);
  if (reply.statusCode >= 200 && reply.statusCode < 300 && isFresh(request.headers, etag)) {
    reply.code(304);
    reply.removeHeader('content-type');
    reply.removeHeader('content-length');
    return done(null, '');
  }
  done(null, payload);
}

const CHARSET = /;\s*charset=/i;

/** The `etag` package's weak form: W/"<length in hex>-<SHA-1, base64, 27 characters>". */
export function weakETag(body: string | Buffer): string {
  if (body.length === 0) return 'W/"0-2jmj7l5rSw0yVb/vlWAYkK/YBwk"';
  const length = typeof body === 'string' ? Buffer.byteLength(body, 'utf8') : body.length;
  const hash = createHash('sha1').update(body).digest('base64').substring(0, 27);
  return `W/"${length.toString(16)}-${hash}"`;
}

const NO_CACHE = /(?:^|,)\s*?no-cache\s*?(?:,|$)/;

/** The `fresh` package's test, for a response with an ETag and no Last-Modified. */
function isFresh(headers: FastifyRequest['headers'], etag: string): boolean {
  const noneMatch = headers['if-none-match'];
  if (!noneMatch) return false; // If-Modified-Since alone: no Last-Modified to compare with
  const cacheControl = headers['cache-control'];
  if (cacheControl && NO_CACHE.test(cacheControl)) return false;
  if (noneMatch === '*') return true;
  return noneMatch
    .split(/[ ,]/)
    .filter((match) => match !== '')
    .some((match) => match === etag || match === `W/${etag}` || `W/${match}` === etag);
}
