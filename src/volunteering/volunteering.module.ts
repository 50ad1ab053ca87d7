import './volunteering.error-codes.js';
import { VolunteeringFigures } from './volunteering-figures.service.js';
import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { LedgerModule } from '../ledger/ledger.module.js';
import { PartiesModule } from '../parties/parties.module.js';
import { ApprovedVolunteerHours } from './approved-volunteer-hours.js';
import { BulkTimeClaimsService } from './bulk-time-claims.service.js';
import { HourRatesController } from './hour-rates.controller.js';
import { HourRatesService } from './hour-rates.service.js';
import { TimeClaimViews } from './time-claim-views.js';
import { TimeClaimsController } from './time-claims.controller.js';
import { TimeClaimsService } from './time-claims.service.js';
import { TimeClaimsStore } from './time-claims.store.js';
import { VolunteerHours } from './volunteer-hours.service.js';
import { VolunteeringParties } from './volunteering-parties.js';

/** Hours: time claims, their approval and payment, bulk activities, hour rates. */
@Module({
  imports: [LedgerModule, AuditModule, PartiesModule],
  controllers: [TimeClaimsController, HourRatesController],
  providers: [
    VolunteeringFigures,
    TimeClaimsService,
    BulkTimeClaimsService,
    HourRatesService,
    TimeClaimsStore,
    TimeClaimViews,
    VolunteeringParties,
    { provide: VolunteerHours, useClass: ApprovedVolunteerHours },
  ],
  exports: [VolunteeringFigures, VolunteerHours, TimeClaimsService, HourRatesService],
})
export class VolunteeringModule {}
