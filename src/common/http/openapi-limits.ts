import { ParseUUIDPipe, type Type } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import { ApiParam } from '@nestjs/swagger';
import { getMetadataStorage, ValidationTypes } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata.js';
import { AMOUNT_MAX_TEXT } from '../amount.js';
import { AMOUNT_TEXT_LENGTH_MAX } from './validators.js';

/*
 * The limits the OpenAPI document states are the limits the server enforces, read from the one
 * place they are written: the class-validator decorators of the DTOs (@MaxLength, @IsUUID,
 * @ArrayMaxSize, @IsCalendarDate, …) and the pipes of the route parameters (uuidPipe()). Before the
 * document is made, each rule is copied into the @ApiProperty metadata of its property (or an
 * @ApiParam of its route parameter), so a DTO states a limit once and the document cannot
 * contradict the validator. A property without @ApiProperty stays out of the document.
 */

/** Swagger's metadata keys (@nestjs/swagger's DECORATORS, which it does not export). */
const API_MODEL_PROPERTIES = 'swagger/apiModelProperties';

/** The longest uuid: 8-4-4-4-12 hexadecimal digits. */
export const UUID_LENGTH = 36;
/** YYYY-MM-DD. */
const CALENDAR_DATE_LENGTH = 10;
/** YYYY-MM. */
const PERIOD_LENGTH = 7;

type SchemaLimits = Record<string, unknown>;

/** Keys of a limit the validator enforces: the validator's value wins over one written by hand. */
const ENFORCED_KEYS = new Set([
  'maxLength',
  'minLength',
  'maxItems',
  'minItems',
  'minimum',
  'maximum',
]);

/** What one validation rule says about the schema of its property (or of each item, for `each`). */
function limitsOf(rule: ValidationMetadata): SchemaLimits {
  const [first, second] = (rule.constraints ?? []) as unknown[];
  switch (rule.name) {
    case 'maxLength':
      return { maxLength: first };
    case 'minLength':
      return { minLength: first };
    case 'length':
      return second === undefined ? { minLength: first } : { minLength: first, maxLength: second };
    case 'isNotEmpty':
      return { minLength: 1 };
    case 'isUuid':
      return { format: 'uuid', maxLength: UUID_LENGTH };
    case 'isCalendarDate':
      return { format: 'date', maxLength: CALENDAR_DATE_LENGTH };
    case 'isPeriod':
      return {
        pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$',
        maxLength: PERIOD_LENGTH,
        example: '2026-11',
      };
    case 'isIso8601':
      return { format: 'date-time' };
    case 'isAmount':
      return {
        maxLength: AMOUNT_TEXT_LENGTH_MAX,
        description: `Amount, at most ${AMOUNT_MAX_TEXT}.`,
      };
    case 'isEmail':
      return { format: 'email' };
    case 'isIn':
      return Array.isArray(first) ? { enum: first } : {};
    case 'matches':
      return first instanceof RegExp && first.flags === '' ? { pattern: first.source } : {};
    case 'min':
      return { minimum: first };
    case 'max':
      return { maximum: first };
    case 'arrayMaxSize':
      return { maxItems: first };
    case 'arrayMinSize':
      return { minItems: first };
    default:
      return (rule.name && registeredLimits.get(rule.name)) || {};
  }
}

const registeredLimits = new Map<string, SchemaLimits>();

/**
 * What a custom validator (ValidateBy({ name })) enforces, for the document: a module registers
 * it beside the validator, e.g. `documentValidator('PIN_FORMAT', { pattern, maxLength: 6 })`.
 */
export function documentValidator(name: string, limits: SchemaLimits): void {
  registeredLimits.set(name, limits);
}

/** Adds what the rule says to the property's documentation, without overwriting a hand-written format, pattern, enum or description. */
function merge(documented: SchemaLimits, limits: SchemaLimits): SchemaLimits {
  const merged = { ...documented };
  for (const [key, value] of Object.entries(limits)) {
    if (value === undefined) continue;
    if (ENFORCED_KEYS.has(key) || merged[key] === undefined) merged[key] = value;
  }
  return merged;
}

/** Whether the property is documented as an array (`type: [X]`, `isArray`, `type: 'array'`). */
function isArrayProperty(documented: SchemaLimits): boolean {
  return (
    Array.isArray(documented.type) || documented.isArray === true || documented.type === 'array'
  );
}

/**
 * Copies every class-validator rule of every DTO into its @ApiProperty metadata. Idempotent;
 * run before SwaggerModule.createDocument, once every module is loaded.
 */
export function documentValidationLimits(): void {
  const storage = getMetadataStorage() as unknown as {
    validationMetadatas: Map<Type | string, ValidationMetadata[]>;
  };
  for (const [target, rules] of storage.validationMetadatas) {
    if (typeof target === 'string') continue;
    for (const rule of rules) {
      if (rule.type !== ValidationTypes.CUSTOM_VALIDATION) continue;
      const prototype = target.prototype as object;
      const documented = Reflect.getMetadata(API_MODEL_PROPERTIES, prototype, rule.propertyName) as
        SchemaLimits | undefined;
      if (!documented) continue;
      const limits = limitsOf(rule);
      if (Object.keys(limits).length === 0) continue;
      const array = isArrayProperty(documented);
      const arrayKeys = new Set(['maxItems', 'minItems']);
      let next: SchemaLimits;
      if (rule.each && array) {
        const items = (documented.items as SchemaLimits | undefined) ?? {};
        next = { ...documented, items: merge(items, limits) };
      } else if (array && !Object.keys(limits).every((key) => arrayKeys.has(key))) {
        continue; // a rule on the array as a whole (isArray…) that is not about its size
      } else {
        next = merge(documented, limits);
      }
      Reflect.defineMetadata(API_MODEL_PROPERTIES, next, prototype, rule.propertyName);
    }
  }
}

interface RouteArgument {
  index: number;
  data?: unknown;
  pipes?: unknown[];
}

/**
 * Documents each route parameter read through a ParseUUIDPipe (uuidPipe()) as a uuid: format and
 * length, as the pipe refuses anything else with 400.
 */
export function documentParameterPipes(controllers: Iterable<Type>): void {
  for (const controller of controllers) {
    const prototype = controller.prototype as Record<string, unknown>;
    for (const method of Object.getOwnPropertyNames(prototype)) {
      if (method === 'constructor') continue;
      const handler = prototype[method];
      if (typeof handler !== 'function') continue;
      const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {}) as Record<
        string,
        RouteArgument
      >;
      for (const [key, argument] of Object.entries(args)) {
        if (key.split(':')[0] !== String(RouteParamtypes.PARAM)) continue;
        if (typeof argument.data !== 'string') continue;
        if (!(argument.pipes ?? []).some((pipe) => pipe instanceof ParseUUIDPipe)) continue;
        const existing = (Reflect.getMetadata('swagger/apiParameters', handler) ?? []) as Array<{
          name?: string;
          in?: string;
        }>;
        if (
          existing.some((parameter) => parameter.name === argument.data && parameter.in === 'path')
        )
          continue;
        ApiParam({
          name: argument.data,
          schema: { type: 'string', format: 'uuid', maxLength: UUID_LENGTH },
        })(prototype, method, { value: handler });
      }
    }
  }
}
