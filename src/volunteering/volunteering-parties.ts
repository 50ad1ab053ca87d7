import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../common/errors/domain-error.js';
import type { Party } from '../parties/entities/party.entity.js';
import { PartiesService } from '../parties/parties.service.js';

/** The parties volunteering deals with, asked of the parties module: organisations and volunteers. */
@Injectable()
export class VolunteeringParties {
  constructor(private readonly parties: PartiesService) {}

  /** Hours are given to organisations; any other id answers 404, as if it did not exist. */
  async requireOrganisation(organisationId: string): Promise<Party> {
    const party = await this.parties.findById(organisationId);
    if (!party || party.kind !== 'organisation')
      throw new NotFoundError('organisation', organisationId);
    return party;
  }

  findParty(partyId: string): Promise<Party | null> {
    return this.parties.findById(partyId);
  }

  /** The volunteers among these ids, by id; ids of other parties or of nobody are simply absent. */
  async findVolunteers(ids: readonly string[]): Promise<Map<string, Party>> {
    const volunteers = new Map<string, Party>();
    for (const id of new Set(ids)) {
      const party = await this.parties.findById(id);
      if (party?.kind === 'volunteer') volunteers.set(id, party);
    }
    return volunteers;
  }

  /** Names of parties for display, each asked once. */
  async namesOf(ids: readonly string[]): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    for (const id of new Set(ids)) {
      const party = await this.parties.findById(id);
      if (party) names.set(id, party.name);
    }
    return names;
  }
}
