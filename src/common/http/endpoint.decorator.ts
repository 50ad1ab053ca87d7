import { applyDecorators, HttpCode, type Type } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
} from '@nestjs/swagger';
import { assertInvariant } from '../errors/domain-error.js';
import type { Role } from '../roles.js';
import { Public, Roles } from './access.js';
import { ApiProblems } from './api-problems.decorator.js';
import { IdempotentRoute } from './idempotency-key.decorator.js';

/** A success body's type: a DTO class or a list of one. */
type AnswerType = Type<unknown> | [Type<unknown>];

/**
 * Everything a route declares about itself besides its verb and path, in one place: who may call
 * it, what it does, what it answers on success, how it can refuse, and whether a retry is safe.
 * The Immich way: a reader sees a route's contract at a glance, and a new route cannot forget a
 * part of it (its problem responses, its access).
 */
export interface EndpointDeclaration {
  /** `'public'` for no login; roles to narrow it; omitted: any signed-in user (or the controller's roles). */
  access?: 'public' | readonly Role[];
  summary?: string;
  /** 200 with this body (a DTO, or a description where the body has no DTO). */
  ok?: AnswerType | string;
  /** 201 with this body. */
  created?: AnswerType;
  /** 204 without a body, with what it means. */
  noContent?: string | true;
  /** The problem+json statuses it may answer besides 500 (which every route may). */
  problems: readonly number[];
  /** Answers a `Replayable` and documents the Idempotency-Key header (`@IdempotentRoute`). */
  idempotent?: 'key required' | 'key optional';
}

export function Endpoint(declaration: EndpointDeclaration) {
  return applyDecorators(
    ...accessDecorators(declaration.access),
    ...(declaration.summary === undefined ? [] : [ApiOperation({ summary: declaration.summary })]),
    ...(declaration.idempotent === undefined
      ? []
      : [IdempotentRoute({ keyRequired: declaration.idempotent === 'key required' })]),
    ...answerDecorators(declaration),
    ApiProblems(...declaration.problems),
  );
}

function accessDecorators(access: EndpointDeclaration['access']) {
  if (access === undefined) return [];
  return access === 'public' ? [Public()] : [Roles(...access)];
}

function answerDecorators({ ok, created, noContent }: EndpointDeclaration) {
  const answers = [ok, created, noContent].filter((answer) => answer !== undefined);
  assertInvariant(answers.length <= 1, 'an endpoint declares one success answer');
  if (ok !== undefined)
    return [
      HttpCode(200),
      ApiOkResponse(typeof ok === 'string' ? { description: ok } : { type: ok }),
    ];
  if (created !== undefined) return [HttpCode(201), ApiCreatedResponse({ type: created })];
  if (noContent !== undefined)
    return [
      HttpCode(204),
      ApiNoContentResponse(noContent === true ? {} : { description: noContent }),
    ];
  return [];
}
