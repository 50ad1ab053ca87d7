import { applyDecorators, ParseUUIDPipe } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  getSchemaPath,
  type OpenAPIObject,
} from '@nestjs/swagger';
import { ValidationFailedError } from '../errors/domain-error.js';
import { errorCodes } from '../errors/error-catalogue.js';
import { PROBLEM_CONTENT_TYPE } from './problem-details.filter.js';

export class FieldErrorDto {
  @ApiProperty({ example: 'amount' }) field: string;
  @ApiProperty({ example: 'isAmount' }) code: string;
  @ApiProperty({ example: 'Must be a decimal string with at most two decimals, such as "12.50".' })
  message: string;
}

export class ProblemDetailsDto {
  @ApiProperty({ example: 'urn:steerkes:problem:insufficient-funds' }) type: string;
  @ApiProperty({ example: 'INSUFFICIENT_FUNDS' }) title: string;
  @ApiProperty({ example: 422 }) status: number;
  /** Its enum, every registered code, is filled in by withErrorCodes once every module has loaded. */
  @ApiProperty({ description: 'Stable machine code; switch on this.' }) code: string;
  @ApiProperty({ description: 'Human message in the language of Accept-Language (nl or en).' })
  detail: string;
  @ApiProperty({ example: '/api/v1/transfers' }) instance: string;
  @ApiProperty() requestId: string;
  @ApiPropertyOptional({ type: [FieldErrorDto] }) errors?: FieldErrorDto[];
}

export const STATUS_DESCRIPTIONS: Record<number, string> = {
  400: 'Bad input: validation failed, malformed JSON, or an invalid amount.',
  401: 'Missing, expired or invalid bearer token, or wrong credentials.',
  403: 'The caller’s role may not do this.',
  404: 'Not found, or belongs to a party the caller may not see.',
  409: 'Conflicts with the current state, or an Idempotency-Key reused for another request.',
  413: 'The body is too large.',
  422: 'Refused by a business rule (insufficient funds, closed period, …).',
  429: 'Too many requests: wait as long as Retry-After says.',
  500: 'Unexpected error; nothing was written.',
  503: 'The database cannot be written just now (full, read-only or locked); nothing was written, retry later.',
};

/** Documents the problem responses an endpoint may give, all as application/problem+json. */
export function ApiProblems(...statuses: number[]) {
  return applyDecorators(
    ApiExtraModels(ProblemDetailsDto),
    ...[...statuses, 500].map((status) =>
      ApiResponse({
        status,
        description: STATUS_DESCRIPTIONS[status] ?? STATUS_DESCRIPTIONS[500],
        content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemDetailsDto) } } },
      }),
    ),
  );
}

/** Route parameter pipe for ids: a malformed id is a 400 with the field named. */
export function uuidPipe(field = 'id') {
  return new ParseUUIDPipe({
    exceptionFactory: () => new ValidationFailedError([{ field, code: 'isUuid' }]),
  });
}

/**
 * Lists every registered error code as the enum of ProblemDetailsDto.code. Done on the finished
 * document because modules register their codes as they load, after this file's decorators ran.
 */
export function withErrorCodes(document: OpenAPIObject): OpenAPIObject {
  type Schema = { properties?: Record<string, { enum?: unknown[] }> };
  const code = (document.components?.schemas?.[ProblemDetailsDto.name] as Schema | undefined)
    ?.properties?.code;
  if (code) code.enum = errorCodes();
  return document;
}
