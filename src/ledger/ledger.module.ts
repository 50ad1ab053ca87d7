import './ledger.error-codes.js';
import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { PartyAccountsOpener } from '../parties/party-accounts-opener.service.js';
import { HoldExpirySweeper } from './hold-expiry-sweeper.js';
import { LedgerAccessService } from './ledger-access.service.js';
import { LedgerController } from './ledger.controller.js';
import { LedgerPartyAccounts } from './ledger-party-accounts.js';
import { LedgerIntegrityService } from './ledger-integrity.service.js';
import { LedgerQueries } from './ledger-queries.service.js';
import { LedgerService } from './ledger.service.js';

/**
 * The ledger: the one write path for money (LedgerService), its treasury reads and integrity check.
 * Imported by every module that moves or reads Steerkes, so that a module's imports show it.
 */
@Module({
  imports: [AuditModule],
  controllers: [LedgerController],
  providers: [
    LedgerService,
    LedgerQueries,
    LedgerAccessService,
    LedgerIntegrityService,
    HoldExpirySweeper,
    { provide: PartyAccountsOpener, useClass: LedgerPartyAccounts },
  ],
  exports: [
    LedgerService,
    LedgerQueries,
    LedgerAccessService,
    LedgerIntegrityService,
    PartyAccountsOpener,
  ],
})
export class LedgerModule {}
