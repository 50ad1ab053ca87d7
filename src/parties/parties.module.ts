import './parties.error-codes.js';
import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { LedgerModule } from '../ledger/ledger.module.js';
import { PartiesController } from './parties.controller.js';
import { PartiesService } from './parties.service.js';
import { PartyPrivacy } from './party-privacy.service.js';
import { PublicOrganisationsController } from './public-organisations.controller.js';

/** Parties: who holds Steerkes. Each new party's account is opened by the ledger (PartyAccountsOpener). */
@Module({
  imports: [LedgerModule, AuditModule],
  controllers: [PartiesController, PublicOrganisationsController],
  providers: [PartiesService, PartyPrivacy],
  exports: [PartiesService, PartyPrivacy],
})
export class PartiesModule {}
