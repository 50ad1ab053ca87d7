import { Injectable } from '@nestjs/common';
import type { Party } from '../parties/entities/party.entity.js';
import { PartyAccountsOpener } from '../parties/party-accounts-opener.service.js';
import { LedgerService } from './ledger.service.js';

/**
 * Every party gets one STK account. Volunteers, businesses and institutions may not go below
 * zero; an organisation starts at zero too, until an admin grants it a credit limit.
 */
@Injectable()
export class LedgerPartyAccounts extends PartyAccountsOpener {
  constructor(private readonly ledger: LedgerService) {
    super();
  }

  async openAccountsFor(party: Party): Promise<void> {
    await this.ledger.openAccount({
      partyId: party.id,
      partyKind: party.kind,
      minBalanceMinor: 0n,
    });
  }
}
