/** Every bound of the volunteering module, named once, unit last. */

/** Hours are claimed in quarter-hour steps. */
export const CLAIM_STEP_MINUTES = 15;
export const MINUTES_PER_HOUR = 60;
/** One claim covers at most a whole day. */
export const CLAIM_HOURS_MAX = 24;
/** All of a volunteer's claims (requested or approved) on one day, across organisations. */
export const CLAIM_HOURS_PER_DAY_MAX = 24;
/** Hours of the past year can be claimed; older ones are beyond anyone's memory to approve. */
export const CLAIM_AGE_MAX_DAYS = 365;
export const ACTIVITY_LENGTH_MAX_CHARACTERS = 200;
export const REASON_LENGTH_MAX_CHARACTERS = 500;
/** Participants of one bulk activity: a large buurtfeest, well below the ledger's batch limit. */
export const BULK_PARTICIPANTS_MAX = 200;

/** The lowest and highest hour rate an admin may ever allow, in hundredths of a Steerke per hour. */
export const HOUR_RATE_FLOOR_MINOR = 10n;
export const HOUR_RATE_CEILING_MINOR = 10_000n;

/** The scope of volunteering's keys (submit, approve, bulk) in the one idempotency table. */
export const VOLUNTEERING_IDEMPOTENCY_SCOPE = 'volunteering';
