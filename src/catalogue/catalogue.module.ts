import './catalogue.error-codes.js';
import { ExchangeFigures } from './exchange-figures.service.js';
import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { LedgerModule } from '../ledger/ledger.module.js';
import { PartiesModule } from '../parties/parties.module.js';
import { BookingLifecycleService } from './booking-lifecycle.service.js';
import { BookingsController } from './bookings.controller.js';
import { BookingsService } from './bookings.service.js';
import { ListingsController } from './listings.controller.js';
import { ListingsService } from './listings.service.js';

/** The shared-services catalogue: listings, their availability, and bookings paid through ledger holds. */
@Module({
  imports: [LedgerModule, PartiesModule, AuditModule],
  controllers: [ListingsController, BookingsController],
  providers: [ExchangeFigures, ListingsService, BookingsService, BookingLifecycleService],
  exports: [ExchangeFigures, ListingsService, BookingsService, BookingLifecycleService],
})
export class CatalogueModule {}
