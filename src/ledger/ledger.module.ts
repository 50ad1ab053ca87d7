import { Global, Module } from '@nestjs/common';
import { PartyAccountsOpener } from '../parties/party-accounts-opener.js';
import { HoldExpirySweeper } from './hold-expiry-sweeper.js';
import { LedgerAccessService } from './ledger-access.service.js';
import { LedgerController, TreasuryLedgerController } from './ledger.controller.js';
import { LedgerPartyAccounts } from './ledger-party-accounts.js';
import { LedgerIntegrityService } from './ledger-integrity.service.js';
import { LedgerQueries } from './ledger-queries.service.js';
import { LedgerService } from './ledger.service.js';

/** Global so that every domain module reaches the one write path without import ceremony. */
@Global()
@Module({
  controllers: [LedgerController, TreasuryLedgerController],
  providers: [LedgerService, LedgerQueries, LedgerAccessService, LedgerIntegrityService, HoldExpirySweeper, { provide: PartyAccountsOpener, useClass: LedgerPartyAccounts }],
  exports: [LedgerService, LedgerQueries, LedgerIntegrityService, PartyAccountsOpener],
})
export class LedgerModule {}
