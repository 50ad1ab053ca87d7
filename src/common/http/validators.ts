import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ValidateBy, type ValidationOptions } from 'class-validator';
import { AMOUNT_MAX_TEXT, type AmountRules, isValidAmount } from '../amount.js';
import { isCalendarDate, isPeriod } from '../calendar.js';

/** A decimal-string amount as DESIGN §5 allows it: "12.50", at most two decimals, positive unless told. */
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

/** OpenAPI description of an amount field plus its validation. */
export function AmountProperty(
  options: { description?: string; required?: boolean; signed?: boolean; example?: string } = {},
) {
  const documentation = {
    type: String,
    example: options.example ?? '12.50',
    pattern: options.signed
      ? '^-?(0|[1-9][0-9]{0,11})(\\.[0-9]{1,2})?$'
      : '^(0|[1-9][0-9]{0,11})(\\.[0-9]{1,2})?$',
    description: `${options.description ?? 'Amount in STK'}: a decimal string with at most two decimals, at most ${AMOUNT_MAX_TEXT}.`,
  };
  return applyDecorators(
    options.required === false ? ApiPropertyOptional(documentation) : ApiProperty(documentation),
    IsAmount({ allowNegative: options.signed }),
  );
}
