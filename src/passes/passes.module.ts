import './passes.error-codes.js';
import { RedemptionRateLimitGuard } from './redemption-rate-limit.guard.js';
import { SponsorshipFigures } from './sponsorship-figures.service.js';
import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { LedgerModule } from '../ledger/ledger.module.js';
import { PartiesModule } from '../parties/parties.module.js';
import { VolunteeringModule } from '../volunteering/volunteering.module.js';
import {
  FiscalController,
  OfferPolicyController,
  PassPolicyController,
} from './fiscal.controller.js';
import { FiscalService } from './fiscal.service.js';
import { OffersController } from './offers.controller.js';
import { OffersService } from './offers.service.js';
import { PassesController } from './passes.controller.js';
import { PassesService } from './passes.service.js';
import { PassPrivacy } from './pass-privacy.service.js';
import { PassesSettingsService } from './passes-settings.service.js';
import { RedemptionsController } from './redemptions.controller.js';
import { RedemptionsService } from './redemptions.service.js';

/** Voordeelpassen, offers, redemptions and the fiscal guardrail. */
/** What the module offers the others: every service it has, and nothing else. */
const PASSES_SERVICES = [
  SponsorshipFigures,
  PassesService,
  OffersService,
  RedemptionsService,
  FiscalService,
  PassesSettingsService,
  PassPrivacy,
];

@Module({
  imports: [LedgerModule, AuditModule, PartiesModule, VolunteeringModule],
  controllers: [
    PassesController,
    OffersController,
    RedemptionsController,
    FiscalController,
    PassPolicyController,
    OfferPolicyController,
  ],
  providers: [RedemptionRateLimitGuard, ...PASSES_SERVICES],
  exports: PASSES_SERVICES,
})
export class PassesModule {}
