import type { Transaction } from '../database/database.service.js';
import type { Party } from './entities/party.entity.js';

/**
 * Opens a new party's ledger accounts inside the transaction that creates the party. The ledger
 * module provides the implementation, so that parties never touch the ledger's tables.
 */
export abstract class PartyAccountsOpener {
  abstract openAccountsFor(party: Party, transaction: Transaction): Promise<void>;
}
