import {
  applyDecorators,
  type CallHandler,
  createParamDecorator,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
  UseInterceptors,
} from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { map, type Observable } from 'rxjs';
import { assertInvariant, DomainError } from '../errors/domain-error.js';
import type { Replayable } from '../replayable.js';
import type { SteerkesRequest } from './request-context.js';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
/** Longest Idempotency-Key a client may send. */
export const IDEMPOTENCY_KEY_LENGTH_MAX = 200;
/** Visible ASCII only: a key is an opaque token, often a UUID. */
const IDEMPOTENCY_KEY_PATTERN = new RegExp(`^[\\x21-\\x7E]{1,${IDEMPOTENCY_KEY_LENGTH_MAX}}$`);

function readKey(request: SteerkesRequest, required: boolean): string | undefined {
  const header = request.headers[IDEMPOTENCY_HEADER];
  const key = Array.isArray(header) ? header[0] : header;
  if (key === undefined && !required) return undefined;
  if (key === undefined || !IDEMPOTENCY_KEY_PATTERN.test(key))
    throw new DomainError('IDEMPOTENCY_KEY_REQUIRED');
  return key;
}

/** The request's Idempotency-Key header, required. */
export const IdempotencyKey = createParamDecorator((_data: unknown, context: ExecutionContext) =>
  readKey(context.switchToHttp().getRequest<SteerkesRequest>(), true),
);

/** The request's Idempotency-Key header, if any. */
export const OptionalIdempotencyKey = createParamDecorator(
  (_data: unknown, context: ExecutionContext) =>
    readKey(context.switchToHttp().getRequest<SteerkesRequest>(), false),
);

export const ApiIdempotencyKey = (required: boolean) =>
  ApiHeader({
    name: 'Idempotency-Key',
    required,
    schema: {
      type: 'string',
      minLength: 1,
      maxLength: IDEMPOTENCY_KEY_LENGTH_MAX,
      pattern: IDEMPOTENCY_KEY_PATTERN.source,
    },
    description:
      'Makes the request safe to retry: the same key and body return the first result; another body is a 409.',
  });

/**
 * Answers a route's Replayable: the result is the body, and a replay of an earlier answer says so
 * in `Idempotent-Replayed: true`. The one place that header is set.
 */
@Injectable()
export class ReplayableAnswerInterceptor implements NestInterceptor {
  intercept(
    context: ExecutionContext,
    next: CallHandler<Replayable<unknown>>,
  ): Observable<unknown> {
    return next.handle().pipe(
      map((outcome) => {
        assertInvariant(
          typeof outcome?.replayed === 'boolean' && 'result' in outcome,
          'an idempotent route answers a Replayable',
        );
        if (outcome.replayed)
          context.switchToHttp().getResponse<FastifyReply>().header('Idempotent-Replayed', 'true');
        return outcome.result;
      }),
    );
  }
}

/**
 * Marks a route idempotent: it documents the Idempotency-Key header (required unless said
 * otherwise) and answers the Replayable its service returns. Read the key with @IdempotencyKey().
 */
export const IdempotentRoute = (options: { keyRequired: boolean } = { keyRequired: true }) =>
  applyDecorators(
    ApiIdempotencyKey(options.keyRequired),
    UseInterceptors(ReplayableAnswerInterceptor),
  );

/** Idempotency keys are per user: two users' "abc" never collide. */
export function scopedIdempotencyKey(userId: string, key: string): string;
export function scopedIdempotencyKey(userId: string, key: string | undefined): string | undefined;
export function scopedIdempotencyKey(userId: string, key: string | undefined): string | undefined {
  return key === undefined ? undefined : `user:${userId}:${key}`;
}

/**
 * The key of one transfer of a batch: its own scope ("batch:", never "user:"), so that no client
 * key of a single request can equal it, then the batch's key, then the transfer's position. The
 * position comes last so that a batch's thousand keys sit side by side in the key index: one
 * commit then writes a few index pages, not a thousand scattered ones.
 */
export function scopedBatchItemIdempotencyKey(userId: string, key: string, index: number): string {
  return `batch:${userId}:${key}:${index}`;
}
