import { Module } from '@nestjs/common';
import { CatalogueModule } from '../catalogue/catalogue.module.js';
import { PartiesModule } from '../parties/parties.module.js';
import { PassesModule } from '../passes/passes.module.js';
import { VolunteeringModule } from '../volunteering/volunteering.module.js';
import { ReportsController } from './reports.controller.js';
import { ReportsService } from './reports.service.js';
import { TreasuryController } from './treasury.controller.js';
import { TreasuryService } from './treasury.service.js';

/** The treasurer's tools and the reports: they read the ledger and the modules' figures; they never write. */
@Module({
  imports: [PartiesModule, VolunteeringModule, PassesModule, CatalogueModule],
  controllers: [TreasuryController, ReportsController],
  providers: [TreasuryService, ReportsService],
  exports: [TreasuryService],
})
export class TreasuryModule {}
