import type { ErrorCode, MessagePhrase } from './error-catalogue.js';

/** Values a message template may refer to; never a secret, token or PIN. */
export type ErrorParameters = Record<string, string | number | boolean | null>;

/** One field-level problem, as listed under `errors` of a problem response. */
export interface FieldError {
  field: string;
  code: string;
  message?: string;
  parameters?: ErrorParameters;
}

/**
 * An expected refusal of the domain (insufficient funds, unknown account, ...).
 * Services throw these; one global filter maps them to HTTP, so no service knows HTTP.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly parameters: ErrorParameters = {},
    readonly fieldErrors: FieldError[] = [],
  ) {
    super(code);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  constructor(resource: MessagePhrase, id: string) {
    super('NOT_FOUND', { resource, id });
  }
}

export class ForbiddenError extends DomainError {
  constructor(reason: MessagePhrase) {
    super('FORBIDDEN', { reason });
  }
}

export class ValidationFailedError extends DomainError {
  constructor(fieldErrors: FieldError[]) {
    super('VALIDATION_FAILED', { count: fieldErrors.length }, fieldErrors);
  }
}

export class InvalidAmountError extends DomainError {
  constructor(field: string, reason: string) {
    super('INVALID_AMOUNT', { field, reason }, [
      { field, code: 'INVALID_AMOUNT', parameters: { reason } },
    ]);
  }
}

/** A broken invariant: a bug, not a refusal. Fails loudly and is never shown in detail. */
export class InvariantViolation extends Error {
  constructor(message: string) {
    super(`invariant violated: ${message}`);
    this.name = 'InvariantViolation';
  }
}

export function assertInvariant(condition: unknown, message: string): asserts condition {
  if (!condition) throw new InvariantViolation(message);
}
