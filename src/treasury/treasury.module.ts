import './treasury.error-codes.js';
import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { LedgerModule } from '../ledger/ledger.module.js';
import { AuditLogController } from './audit-log.controller.js';
import { CreditLimitsController } from './credit-limits.controller.js';
import { CreditLimitsService } from './credit-limits.service.js';
import { IntegrityChecksService } from './integrity-checks.service.js';
import { TreasuryLedgerController } from './treasury-ledger.controller.js';
import { CatalogueModule } from '../catalogue/catalogue.module.js';
import { PartiesModule } from '../parties/parties.module.js';
import { PassesModule } from '../passes/passes.module.js';
import { VolunteeringModule } from '../volunteering/volunteering.module.js';
import { ReportsController } from './reports.controller.js';
import { ReportsService } from './reports.service.js';
import { TreasuryController } from './treasury.controller.js';
import { TreasuryService } from './treasury.service.js';
import { TransparencyRateLimitGuard } from './transparency-rate-limit.guard.js';

/**
 * The treasurer's tools, every route under /treasury: issue and retire, the integrity check, closing
 * months, statements and exports, the audit log; and the reports. Money moves only through the ledger.
 */
@Module({
  imports: [
    LedgerModule,
    AuditModule,
    PartiesModule,
    VolunteeringModule,
    PassesModule,
    CatalogueModule,
  ],
  controllers: [
    TreasuryController,
    TreasuryLedgerController,
    AuditLogController,
    ReportsController,
    CreditLimitsController,
  ],
  providers: [
    TreasuryService,
    ReportsService,
    CreditLimitsService,
    IntegrityChecksService,
    TransparencyRateLimitGuard,
  ],
  exports: [TreasuryService],
})
export class TreasuryModule {}
