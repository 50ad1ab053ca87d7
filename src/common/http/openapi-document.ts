import {
  getSchemaPath,
  type OpenAPIObject,
  type OperationObject,
  type ResponseObject,
  type SchemaObject,
} from '@nestjs/swagger';
import { ProblemDetailsDto, STATUS_DESCRIPTIONS } from './api-problems.decorator.js';
import { UUID_LENGTH } from './openapi-limits.js';
import { PROBLEM_CONTENT_TYPE } from './problem-details.filter.js';

/*
 * What holds for every operation, written once here rather than on each route: who may call it
 * (security), the problem responses the HTTP layer itself may give, the Retry-After header of a
 * 429. The route's own decorators say the rest (@ApiProblems for its business refusals).
 */

/** Set by @Public() (common/http/access.ts): the operation needs no bearer token. */
export const PUBLIC_EXTENSION = 'x-steerkes-public';
export const BEARER_SCHEME = 'bearer';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** The tag descriptions are the controllers' own business; the list must name every tag used. */
function defineTags(document: OpenAPIObject): void {
  const used = new Set<string>();
  for (const item of Object.values(document.paths))
    for (const method of METHODS) for (const tag of item[method]?.tags ?? []) used.add(tag);
  const defined = new Set((document.tags ?? []).map((tag) => tag.name));
  document.tags = [
    ...(document.tags ?? []),
    ...[...used]
      .filter((tag) => !defined.has(tag))
      .sort()
      .map((name) => ({ name })),
  ];
}

function problem(status: number, headers?: ResponseObject['headers']): ResponseObject {
  return {
    description: STATUS_DESCRIPTIONS[status],
    ...(headers ? { headers } : {}),
    content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemDetailsDto) } } },
  };
}

const RETRY_AFTER = {
  'Retry-After': {
    description: 'Seconds to wait before the next attempt.',
    schema: { type: 'integer', format: 'int32', minimum: 1, maximum: 86_400 },
  },
};

/**
 * Every operation states its callers: `security: []` for a @Public one (or the cookie it takes),
 * the bearer token for the rest (the guard refuses them without one).
 */
function completeSecurity(operation: OperationObject): void {
  const extensions = operation as unknown as Record<string, unknown>;
  const isPublic = extensions[PUBLIC_EXTENSION] === true;
  delete extensions[PUBLIC_EXTENSION];
  if (isPublic) operation.security ??= [];
  else if (!operation.security || operation.security.length === 0)
    operation.security = [{ [BEARER_SCHEME]: [] }];
}

/**
 * The problem responses the HTTP layer gives whatever the route: 400 for a malformed body,
 * parameter or query (the validation pipe), 401 without a valid token, 413 for a body over the
 * limit, 503 when the database cannot be written or is locked (problem-details.filter.ts), 500
 * for a broken invariant. A 429 carries Retry-After (the login and redemption throttles set it).
 */
function completeResponses(operation: OperationObject): void {
  const responses = operation.responses;
  const add = (status: number, response: ResponseObject) => {
    responses[String(status)] ??= response;
  };
  const takesInput = (operation.parameters?.length ?? 0) > 0 || operation.requestBody;
  if (takesInput) add(400, problem(400));
  const secured = (operation.security ?? []).some((entry: object) => Object.keys(entry).length > 0);
  if (secured) add(401, problem(401));
  if (operation.requestBody) add(413, problem(413));
  add(500, problem(500));
  add(503, problem(503));
  const tooMany = responses['429'] as ResponseObject | undefined;
  if (tooMany) tooMany.headers = { ...RETRY_AFTER, ...tooMany.headers };
}

/** A uuid has 36 characters, wherever the document shows one (responses too). */
function boundUuids(node: unknown): void {
  if (node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    node.forEach(boundUuids);
    return;
  }
  const schema = node as SchemaObject;
  if (schema.type === 'string' && schema.format === 'uuid' && schema.maxLength === undefined)
    schema.maxLength = UUID_LENGTH;
  for (const value of Object.values(node)) boundUuids(value);
}

/** Adds what holds for every operation to the document Nest made from the routes. */
export function completeDocument(document: OpenAPIObject): OpenAPIObject {
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      completeSecurity(operation);
      completeResponses(operation);
    }
  }
  defineTags(document);
  boundUuids(document);
  return document;
}
