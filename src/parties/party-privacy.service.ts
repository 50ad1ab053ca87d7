import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../common/errors/domain-error.js';
import { Database } from '../database/database.service.js';
import type { PartyDto } from './dto/party.dto.js';
import { Party } from './entities/party.entity.js';
import { toPartyDto } from './parties.service.js';

export type PartyRecordView = PartyDto;

/**
 * What the parties module holds of a person (a volunteer's party), for their privacy rights
 * (src/privacy): to export, to correct the name, and to erase. Writes join the caller's transaction.
 */
@Injectable()
export class PartyPrivacy {
  constructor(private readonly database: Database) {}

  exportOf(partyId: string): Promise<PartyRecordView> {
    return this.database.read(async ({ manager }) => {
      const party = await manager.findOneBy(Party, { id: partyId });
      if (!party) throw new NotFoundError('party', partyId);
      return toPartyDto(party);
    });
  }

  /** Corrects the party's name; answers whether it changed. */
  correctName(partyId: string, name: string): Promise<boolean> {
    return this.database.transaction(async ({ manager }) => {
      const party = await manager.findOneBy(Party, { id: partyId });
      if (!party) throw new NotFoundError('party', partyId);
      if (party.name === name) return false;
      await manager.update(Party, { id: partyId }, { name });
      return true;
    });
  }

  /**
   * Pseudonymises the party: the name becomes the pseudonym; birth date, contact e-mail and
   * description are removed. Kind and district stay: coarse, and the reports count by them.
   */
  erase(partyId: string, pseudonym: string): Promise<void> {
    return this.database.transaction(async ({ manager }) => {
      if (!(await manager.existsBy(Party, { id: partyId })))
        throw new NotFoundError('party', partyId);
      await manager.update(
        Party,
        { id: partyId },
        { name: pseudonym, birthDate: null, contactEmail: null, description: null },
      );
    });
  }
}
