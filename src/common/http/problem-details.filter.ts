import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  Logger,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DomainError, type ErrorParameters, type FieldError } from '../errors/domain-error.js';
import {
  catalogueEntry,
  type ErrorCode,
  type Language,
  renderMessage,
} from '../errors/error-catalogue.js';
import { fieldMessage } from '../errors/field-messages.js';
import { preferredLanguage } from './language.js';
import { assignRequestId, weakETag } from './http-hooks.js';
import { requestPath, routeTemplate, type SteerkesRequest } from './request-context.js';

/** The body of every error response: RFC 9457 problem details plus a stable `code`. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail: string;
  instance: string;
  requestId: string;
  errors?: FieldError[];
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Maps every thrown thing to a problem response. Unexpected errors are logged, never shown. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendProblem(exception, http.getRequest<SteerkesRequest>(), http.getResponse<FastifyReply>());
  }
}

const logger = new Logger(ProblemDetailsFilter.name);

/** The problem response for anything thrown: the filter's, and the router's own refusals' (configure-app.ts). */
export function sendProblem(
  exception: unknown,
  request: SteerkesRequest,
  reply: FastifyReply,
): void {
  // An error before the request hooks ran (none is expected: frameworkErrors gives the id too).
  if (request.requestId === null || request.requestId === undefined)
    assignRequestId(request, reply);
  const domainError = toDomainError(exception, request);
  const problem = buildProblem(
    domainError,
    request,
    preferredLanguage(request.headers['accept-language']),
  );
  if (reply.sent || reply.raw.headersSent) return;
  const body = JSON.stringify(problem);
  reply.code(problem.status).type(`${PROBLEM_CONTENT_TYPE}; charset=utf-8`);
  // The ETag of a GET's answer here too (as Express's res.send() gave it), for the router's
  // refusals, which no onSend hook sees; other methods get none (see expressSend).
  if (request.method === 'GET' || request.method === 'HEAD') reply.header('ETag', weakETag(body));
  reply.send(body);
}

function toDomainError(exception: unknown, request: SteerkesRequest): DomainError {
  if (exception instanceof DomainError) return exception;
  const known = fromFrameworkError(exception);
  if (known?.code === 'SERVICE_UNAVAILABLE') {
    // The operator must hear of a full disk or an unwritable file, though the client gets a clean 503.
    logger.warn({
      requestId: request.requestId,
      method: request.method,
      route: routeTemplate(request),
      error: describe(exception),
    });
  }
  if (known) return known;
  logger.error(
    {
      requestId: request.requestId,
      method: request.method,
      route: routeTemplate(request),
      error: describe(exception),
    },
    exception instanceof Error ? exception.stack : undefined,
  );
  return new DomainError('INTERNAL_ERROR');
}

/**
 * SQLite answers these when the disk is full, the file cannot be written or another process holds
 * the lock: the transaction was rolled back, nothing was written, and the request may be retried
 * once the cause is gone. A 503, not a 500.
 */
const UNAVAILABLE_DATABASE_CODES = /^SQLITE_(FULL|IOERR|READONLY|BUSY|CANTOPEN|LOCKED)/;

function isDatabaseUnavailable(exception: unknown): boolean {
  const code =
    (exception as { code?: unknown; driverError?: { code?: unknown } })?.driverError?.code ??
    (exception as { code?: unknown })?.code;
  return typeof code === 'string' && UNAVAILABLE_DATABASE_CODES.test(code);
}

/** Body-parser, router and guard errors that are the caller's fault, not ours; a database that cannot write. */
function fromFrameworkError(exception: unknown): DomainError | undefined {
  if (isDatabaseUnavailable(exception)) return new DomainError('SERVICE_UNAVAILABLE');
  // The adapter wraps body-parser's and Fastify's own errors in an HttpException; the cause says which.
  const candidate = ((exception as { cause?: unknown })?.cause ?? exception) as {
    type?: string;
    code?: unknown;
  };
  if (candidate?.type === 'entity.parse.failed') return new DomainError('MALFORMED_JSON');
  if (candidate?.type === 'entity.too.large') return new DomainError('PAYLOAD_TOO_LARGE');
  if (candidate?.type === 'encoding.unsupported' || candidate?.type === 'charset.unsupported') {
    return new DomainError('UNSUPPORTED_MEDIA_TYPE');
  }
  // Fastify's content-type parsers (none is registered: body-parser reads the body) and router.
  if (
    candidate?.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
    candidate?.code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
  )
    return new DomainError('MALFORMED_JSON');
  if (candidate?.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return new DomainError('PAYLOAD_TOO_LARGE');
  if (candidate?.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
    return new DomainError('UNSUPPORTED_MEDIA_TYPE');
  const status =
    exception instanceof HttpException
      ? exception.getStatus()
      : clientFastifyErrorStatus(exception);
  switch (status) {
    case 400:
      return new DomainError('VALIDATION_FAILED');
    case 401:
      return new DomainError('UNAUTHENTICATED');
    case 403:
      return new DomainError('FORBIDDEN', { reason: 'ROLE_REQUIRED' });
    case 404:
      return new DomainError('ROUTE_NOT_FOUND');
    case 405:
      return new DomainError('ROUTE_NOT_FOUND');
    case 413:
      return new DomainError('PAYLOAD_TOO_LARGE');
    case 415:
      return new DomainError('UNSUPPORTED_MEDIA_TYPE');
    case 429:
      return new DomainError('RATE_LIMITED');
    default:
      return undefined;
  }
}

/** The status of one of Fastify's own errors that is the caller's fault (FST_ERR_BAD_URL…), as the adapter would map it. */
function clientFastifyErrorStatus(exception: unknown): number | undefined {
  const error = exception as { name?: unknown; statusCode?: unknown };
  return exception instanceof Error &&
    error.name === 'FastifyError' &&
    typeof error.statusCode === 'number' &&
    error.statusCode < 500
    ? error.statusCode
    : undefined;
}

function buildProblem(
  error: DomainError,
  request: SteerkesRequest,
  language: Language,
): ProblemDetails {
  const refusal = describeRefusal(error, language, request.requestId ?? undefined);
  return {
    type: `urn:steerkes:problem:${error.code.toLowerCase().replaceAll('_', '-')}`,
    title: error.code,
    status: refusal.status,
    code: error.code,
    detail: refusal.detail,
    instance: requestPath(request),
    requestId: request.requestId ?? '',
    ...(refusal.errors ? { errors: refusal.errors } : {}),
  };
}

/** A refusal as a problem response says it, without the envelope: also for one item of a batch. */
export function describeRefusal(
  error: DomainError,
  language: Language,
  requestId?: string,
): Pick<ProblemDetails, 'code' | 'status' | 'detail' | 'errors'> {
  const entry = catalogueEntry(error.code);
  const parameters: ErrorParameters =
    requestId === undefined ? error.parameters : { ...error.parameters, requestId };
  const refusal: Pick<ProblemDetails, 'code' | 'status' | 'detail' | 'errors'> = {
    code: error.code,
    status: entry.status,
    detail: renderMessage(entry[language], parameters, language),
  };
  if (error.fieldErrors.length > 0) {
    refusal.errors = error.fieldErrors.map((fieldError) => ({
      ...fieldError,
      message: fieldError.message ?? fieldMessage(fieldError.code, language),
    }));
  }
  return refusal;
}

function describe(exception: unknown): string {
  return exception instanceof Error ? `${exception.name}: ${exception.message}` : String(exception);
}
