import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError, type ErrorParameters, type FieldError } from '../errors/domain-error.js';
import { ERROR_CATALOGUE, type ErrorCode, type Language, renderMessage } from '../errors/error-catalogue.js';
import { fieldMessage } from '../errors/field-messages.js';
import { preferredLanguage } from './language.js';
import type { SteerkesRequest } from './request-context.js';

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
  private readonly logger = new Logger(ProblemDetailsFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<SteerkesRequest>();
    const response = http.getResponse<Response>();
    const domainError = this.toDomainError(exception, request);
    const problem = buildProblem(domainError, request, preferredLanguage(request.headers['accept-language']));
    if (response.headersSent) return;
    response.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }

  private toDomainError(exception: unknown, request: SteerkesRequest): DomainError {
    if (exception instanceof DomainError) return exception;
    const known = fromFrameworkError(exception);
    if (known?.code === 'SERVICE_UNAVAILABLE') {
      // The operator must hear of a full disk or an unwritable file, though the client gets a clean 503.
      this.logger.warn({ requestId: request.requestId, method: request.method, path: request.path, error: describe(exception) });
    }
    if (known) return known;
    this.logger.error(
      { requestId: request.requestId, method: request.method, path: request.path, error: describe(exception) },
      exception instanceof Error ? exception.stack : undefined,
    );
    return new DomainError('INTERNAL_ERROR');
  }
}

/**
 * SQLite answers these when the disk is full, the file cannot be written or another process holds
 * the lock: the transaction was rolled back, nothing was written, and the request may be retried
 * once the cause is gone. A 503, not a 500.
 */
const UNAVAILABLE_DATABASE_CODES = /^SQLITE_(FULL|IOERR|READONLY|BUSY|CANTOPEN|LOCKED)/;

function isDatabaseUnavailable(exception: unknown): boolean {
  const code = (exception as { code?: unknown; driverError?: { code?: unknown } })?.driverError?.code ?? (exception as { code?: unknown })?.code;
  return typeof code === 'string' && UNAVAILABLE_DATABASE_CODES.test(code);
}

/** Body-parser, router and guard errors that are the caller's fault, not ours; a database that cannot write. */
function fromFrameworkError(exception: unknown): DomainError | undefined {
  if (isDatabaseUnavailable(exception)) return new DomainError('SERVICE_UNAVAILABLE');
  // The Express adapter wraps body-parser's errors in an HttpException; the cause says which.
  const candidate = ((exception as { cause?: unknown })?.cause ?? exception) as { type?: string };
  if (candidate?.type === 'entity.parse.failed') return new DomainError('MALFORMED_JSON');
  if (candidate?.type === 'entity.too.large') return new DomainError('PAYLOAD_TOO_LARGE');
  if (candidate?.type === 'encoding.unsupported' || candidate?.type === 'charset.unsupported') {
    return new DomainError('UNSUPPORTED_MEDIA_TYPE');
  }
  if (!(exception instanceof HttpException)) return undefined;
  switch (exception.getStatus()) {
    case 400: return new DomainError('VALIDATION_FAILED');
    case 401: return new DomainError('UNAUTHENTICATED');
    case 403: return new DomainError('FORBIDDEN', { reason: 'ROLE_REQUIRED' });
    case 404: return new DomainError('ROUTE_NOT_FOUND');
    case 405: return new DomainError('ROUTE_NOT_FOUND');
    case 413: return new DomainError('PAYLOAD_TOO_LARGE');
    case 415: return new DomainError('UNSUPPORTED_MEDIA_TYPE');
    case 429: return new DomainError('RATE_LIMITED');
    default: return undefined;
  }
}

export function buildProblem(error: DomainError, request: SteerkesRequest, language: Language): ProblemDetails {
  const refusal = describeRefusal(error, language, request.requestId);
  return {
    type: `urn:steerkes:problem:${error.code.toLowerCase().replaceAll('_', '-')}`,
    title: error.code,
    status: refusal.status,
    code: error.code,
    detail: refusal.detail,
    instance: request.originalUrl?.split('?')[0] ?? request.path,
    requestId: request.requestId,
    ...(refusal.errors ? { errors: refusal.errors } : {}),
  };
}

/** A refusal as a problem response says it, without the envelope: also for one item of a batch. */
export function describeRefusal(error: DomainError, language: Language, requestId?: string): Pick<ProblemDetails, 'code' | 'status' | 'detail' | 'errors'> {
  const entry = ERROR_CATALOGUE[error.code];
  const parameters: ErrorParameters = requestId === undefined ? error.parameters : { ...error.parameters, requestId };
  const refusal: Pick<ProblemDetails, 'code' | 'status' | 'detail' | 'errors'> = {
    code: error.code,
    status: entry.status,
    detail: renderMessage(entry[language], parameters, language),
  };
  if (error.fieldErrors.length > 0) {
    refusal.errors = error.fieldErrors.map((fieldError) => ({ ...fieldError, message: fieldError.message ?? fieldMessage(fieldError.code, language) }));
  }
  return refusal;
}

function describe(exception: unknown): string {
  return exception instanceof Error ? `${exception.name}: ${exception.message}` : String(exception);
}
