import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ValidateBy, ValidateIf, type ValidationOptions } from 'class-validator';
import { AMOUNT_MAX_TEXT, type AmountRules, isValidAmount } from '../amount.js';
import { isCalendarDate, isPeriod } from '../calendar.js';

/** A decimal-string amount as DESIGN §5 allows it: "12.50", at most two decimals, positive unless told. */
/**
 * A field that may be left out but, when sent, must be valid: unlike @IsOptional(), null is
 * refused (a PATCH with `"email": null` means nothing the server could do).
 */
export const UnlessOmitted = () => ValidateIf((_, value) => value !== undefined);

export function IsAmount(rules: AmountRules = {}, options?: ValidationOptions) {
  return ValidateBy(
    { name: 'isAmount', validator: { validate: (value) => isValidAmount(value, rules) } },
    options,
  );
}

export function IsCalendarDate(options?: ValidationOptions) {
  return ValidateBy(
    { name: 'isCalendarDate', validator: { validate: (value) => isCalendarDate(value) } },
    options,
  );
}

export function IsPeriod(options?: ValidationOptions) {
  return ValidateBy(
    { name: 'isPeriod', validator: { validate: (value) => isPeriod(value) } },
    options,
  );
}

/** The amounts parseAmount reads, as an OpenAPI pattern. */
export const AMOUNT_SCHEMA_PATTERN = '^(0|[1-9][0-9]{0,11})(\\.[0-9]{1,2})?$';
export const SIGNED_AMOUNT_SCHEMA_PATTERN = '^-?(0|[1-9][0-9]{0,11})(\\.[0-9]{1,2})?$';

/** The longest amount the patterns allow: a minus, twelve digits, a point and two decimals. */
export const AMOUNT_TEXT_LENGTH_MAX = 1 + 12 + 1 + 2;

/** OpenAPI description of an amount field plus its validation. */
export function AmountProperty(
  options: { description?: string; required?: boolean; signed?: boolean; example?: string } = {},
) {
  const documentation = {
    type: String,
    example: options.example ?? '12.50',
    maxLength: AMOUNT_TEXT_LENGTH_MAX,
    pattern: options.signed ? SIGNED_AMOUNT_SCHEMA_PATTERN : AMOUNT_SCHEMA_PATTERN,
    description: `${options.description ?? 'Amount in STK'}: a decimal string with at most two decimals, at most ${AMOUNT_MAX_TEXT}.`,
  };
  return applyDecorators(
    options.required === false ? ApiPropertyOptional(documentation) : ApiProperty(documentation),
    IsAmount({ allowNegative: options.signed }),
  );
}
