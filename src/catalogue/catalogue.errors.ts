import {
  DomainError,
  type FieldError,
  ForbiddenError,
  NotFoundError,
} from '../common/errors/domain-error.js';
import type { MessagePhrase } from '../common/errors/error-catalogue.js';
import type { BookingAction, BookingViewStatus, ListingCategory } from './catalogue.types.js';
import { localLabel, utcIso } from './local-time.js';

/** The catalogue's phrase keys are gathered into MESSAGE_PHRASES; the cast names one. */
export function phrase(key: string): MessagePhrase {
  return key as MessagePhrase;
}

export class ListingNotFoundError extends NotFoundError {
  constructor(listingId: string) {
    super(phrase('catalogue.listing'), listingId);
  }
}

export class BookingNotFoundError extends NotFoundError {
  constructor(bookingId: string) {
    super(phrase('catalogue.booking'), bookingId);
  }
}

export class BlockedPeriodNotFoundError extends NotFoundError {
  constructor(blockedPeriodId: string) {
    super(phrase('catalogue.blocked-period'), blockedPeriodId);
  }
}

export type CatalogueForbiddenReason =
  'not-provider' | 'not-booker' | 'booker-kind' | 'provider-kind';

export class CatalogueForbiddenError extends ForbiddenError {
  constructor(reason: CatalogueForbiddenReason) {
    super(phrase(`catalogue.${reason}`));
  }
}

/**
 * The window is taken. The nearest free window (same length, same units) is in the message and,
 * for programs, under `errors` as the parameters of a `BOOKING_CONFLICT` entry on `startsAt`.
 */
export class BookingConflictError extends DomainError {
  constructor(input: {
    quantity: number;
    startMs: number;
    endMs: number;
    suggestion?: { start: number; end: number };
  }) {
    const { suggestion } = input;
    const fieldError: FieldError = {
      field: 'startsAt',
      code: 'BOOKING_CONFLICT',
      parameters: suggestion
        ? { suggestedStartsAt: utcIso(suggestion.start), suggestedEndsAt: utcIso(suggestion.end) }
        : { suggestedStartsAt: null, suggestedEndsAt: null },
    };
    super(
      'BOOKING_CONFLICT',
      {
        quantity: input.quantity,
        startsAt: localLabel(input.startMs),
        endsAt: localLabel(input.endMs),
        suggestion: suggestion
          ? `${localLabel(suggestion.start)} – ${localLabel(suggestion.end)}`
          : 'catalogue.no-free-slot',
      },
      [fieldError],
    );
  }
}

export class ListingPausedError extends DomainError {
  constructor(listingId: string) {
    super('LISTING_PAUSED', { listingId });
  }
}

export class OwnListingError extends DomainError {
  constructor() {
    super('BOOKING_OWN_LISTING');
  }
}

export class BookingWrongStatusError extends DomainError {
  constructor(bookingId: string, status: BookingViewStatus, action: BookingAction) {
    super('BOOKING_WRONG_STATUS', {
      bookingId,
      status: `catalogue.status.${status}`,
      action: `catalogue.action.${action}`,
    });
  }
}

export class ActionNotForCategoryError extends DomainError {
  constructor(category: ListingCategory, action: BookingAction) {
    super('BOOKING_ACTION_NOT_FOR_CATEGORY', {
      category: `catalogue.category.${category}`,
      action: `catalogue.action.${action}`,
    });
  }
}

export class BookingNotStartedError extends DomainError {
  constructor(bookingId: string, startMs: number, action: BookingAction) {
    super('BOOKING_NOT_STARTED', {
      bookingId,
      startsAt: localLabel(startMs),
      action: `catalogue.action.${action}`,
    });
  }
}

export class BookingEndedError extends DomainError {
  constructor(bookingId: string, endMs: number, action: BookingAction) {
    super('BOOKING_ENDED', {
      bookingId,
      endsAt: localLabel(endMs),
      action: `catalogue.action.${action}`,
    });
  }
}

export class BlockedPeriodConflictError extends DomainError {
  constructor(count: number) {
    super('BLOCKED_PERIOD_CONFLICT', { count });
  }
}

export class ListingQuantityConflictError extends DomainError {
  constructor(peak: number) {
    super('LISTING_QUANTITY_CONFLICT', { peak });
  }
}
