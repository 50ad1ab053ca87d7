import type { Decimal } from 'decimal.js';

/**
 * What other modules may ask of volunteering: how many hours a volunteer gave (approved claims)
 * between two dates, inclusive. The fiscal guardrail of the passes module needs it. The
 * volunteering module provides the implementation and exports it.
 */
export abstract class VolunteerHours {
  abstract approvedHours(
    volunteerPartyId: string,
    fromDate: string,
    toDate: string,
  ): Promise<Decimal>;
}
