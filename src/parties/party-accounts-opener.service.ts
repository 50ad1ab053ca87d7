import type { Party } from './entities/party.entity.js';

/**
 * Opens a new party's ledger accounts inside the transaction that creates the party (it joins it).
 * The ledger module provides the implementation, so that parties never touch the ledger's tables.
 */
export abstract class PartyAccountsOpener {
  abstract openAccountsFor(party: Party): Promise<void>;
}
