import './privacy.error-codes.js';
import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { LedgerModule } from '../ledger/ledger.module.js';
import { PartiesModule } from '../parties/parties.module.js';
import { PassesModule } from '../passes/passes.module.js';
import { VolunteeringModule } from '../volunteering/volunteering.module.js';
import { PrivacyController } from './privacy.controller.js';
import { PrivacyService } from './privacy.service.js';

/** A volunteer's rights over their own data: export, correction, erasure (pseudonymisation). */
@Module({
  imports: [AuditModule, AuthModule, LedgerModule, PartiesModule, PassesModule, VolunteeringModule],
  controllers: [PrivacyController],
  providers: [PrivacyService],
})
export class PrivacyModule {}
