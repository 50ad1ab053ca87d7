import { HourRateRange, OrganisationHourRate } from './entities/hour-rate.entity.js';
import { TimeClaimBatch } from './entities/time-claim-batch.entity.js';
import { TimeClaim } from './entities/time-claim.entity.js';

/** TypeORM entities of the volunteering module, gathered into src/entities.ts. */
export const VOLUNTEERING_ENTITIES: Array<new () => object> = [
  TimeClaim,
  TimeClaimBatch,
  HourRateRange,
  OrganisationHourRate,
];
