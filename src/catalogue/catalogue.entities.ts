import { BlockedPeriod } from './entities/blocked-period.entity.js';
import { BookingEvent } from './entities/booking-event.entity.js';
import { Booking } from './entities/booking.entity.js';
import { Listing } from './entities/listing.entity.js';

/** TypeORM entities of the catalogue module, gathered into src/entities.ts. */
export const CATALOGUE_ENTITIES: Array<new () => object> = [
  Listing,
  BlockedPeriod,
  Booking,
  BookingEvent,
];
