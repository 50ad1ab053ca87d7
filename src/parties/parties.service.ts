import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import { localDate } from '../common/calendar.js';
import {
  assertInvariant,
  NotFoundError,
  ValidationFailedError,
} from '../common/errors/domain-error.js';
import type { AuthenticatedUser } from '../common/http/request-context.js';
import { type Page, pageFrom, paginateQuery } from '../common/pagination.js';
import { Database } from '../database/database.service.js';
import { lockById } from '../database/row-lock.js';
import { isOverseer } from '../common/roles.js';
import type {
  CreatePartyDto,
  ListPartiesQueryDto,
  ListPublicOrganisationsQueryDto,
  PartyDto,
  PublicOrganisationDto,
  UpdatePartyDto,
} from './dto/party.dto.js';
import { type District, Party, type PartyKind } from './entities/party.entity.js';
import { PartyAccountsOpener } from './party-accounts-opener.service.js';

/** Parties: who holds Steerkes. Admins create them; everyone else sees only their own. */
@Injectable()
export class PartiesService {
  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    private readonly accountsOpener: PartyAccountsOpener,
    private readonly audit: AuditService,
  ) {}

  /**
   * Creates the party and its ledger accounts in one transaction; audited when a user made it (the
   * demo loader and tests give no actor). A fixed id is for demo data only.
   */
  create(
    input: CreatePartyDto,
    options: { id?: string; actor?: AuthenticatedUser } = {},
  ): Promise<PartyDto> {
    if (input.birthDate !== undefined && input.kind !== 'volunteer') {
      throw new ValidationFailedError([{ field: 'birthDate', code: 'BIRTH_DATE_VOLUNTEERS_ONLY' }]);
    }
    if (input.birthDate !== undefined && input.birthDate > localDate(this.clock.now())) {
      throw new ValidationFailedError([{ field: 'birthDate', code: 'BIRTH_DATE_IN_FUTURE' }]);
    }
    return this.database.transaction(async (tx) => {
      const party = tx.manager.create(Party, {
        id: options.id ?? randomUUID(),
        kind: input.kind,
        name: input.name,
        district: input.district,
        contactEmail: input.contactEmail?.toLowerCase() ?? null,
        description: input.description ?? null,
        birthDate: input.birthDate ?? null,
        createdAt: this.clock.now().toISOString(),
      });
      await tx.manager.insert(Party, party);
      await this.accountsOpener.openAccountsFor(party);
      if (options.actor)
        await this.audit.record(options.actor, {
          action: 'party.created',
          subjectType: 'party',
          subjectId: party.id,
          details: { kind: party.kind, district: party.district },
        });
      return toPartyDto(party);
    });
  }

  /**
   * An admin corrects a party's name, district, contact address, description or (a volunteer's)
   * date of birth; audited with the names of the fields that changed, not their values (a name
   * or an address is personal data, and the audit log is kept longer than the party may be).
   */
  update(actor: AuthenticatedUser, id: string, input: UpdatePartyDto): Promise<PartyDto> {
    return this.database.transaction(async (tx) => {
      const party = await lockById(tx, Party, id);
      if (!party) throw new NotFoundError('party', id);
      this.assertBirthDateFits(party.kind, input.birthDate);
      const changes = changedFields(party, {
        name: input.name,
        district: input.district,
        contactEmail:
          typeof input.contactEmail === 'string'
            ? input.contactEmail.toLowerCase()
            : input.contactEmail,
        description: input.description,
        birthDate: input.birthDate,
      });
      const changed = Object.keys(changes);
      if (changed.length > 0) {
        await tx.manager.update(Party, { id }, changes);
        Object.assign(party, changes);
        await this.audit.record(actor, {
          action: 'party.updated',
          subjectType: 'party',
          subjectId: id,
          details: { changed },
        });
      }
      return toPartyDto(party);
    });
  }

  private assertBirthDateFits(kind: PartyKind, birthDate: string | null | undefined): void {
    if (birthDate === undefined || birthDate === null) return;
    if (kind !== 'volunteer')
      throw new ValidationFailedError([{ field: 'birthDate', code: 'BIRTH_DATE_VOLUNTEERS_ONLY' }]);
    if (birthDate > localDate(this.clock.now()))
      throw new ValidationFailedError([{ field: 'birthDate', code: 'BIRTH_DATE_IN_FUTURE' }]);
  }

  list(actor: AuthenticatedUser, query: ListPartiesQueryDto): Promise<Page<PartyDto>> {
    return this.database.read(async ({ manager }) => {
      const builder = manager.createQueryBuilder(Party, 'party');
      if (!isOverseer(actor.role))
        builder.andWhere('party.id = :ownPartyId', { ownPartyId: actor.partyId ?? '' });
      if (query.kind) builder.andWhere('party.kind = :kind', { kind: query.kind });
      if (query.district)
        builder.andWhere('party.district = :district', { district: query.district });
      const { limit } = paginateQuery(builder, {
        sortColumn: 'party.created_at',
        idColumn: 'party.id',
        page: query,
      });
      const rows = await builder.getMany();
      return pageFrom(
        rows,
        limit,
        (party) => ({ sortValue: party.createdAt, id: party.id }),
        toPartyDto,
      );
    });
  }

  /**
   * The organisations volunteers give hours to, for anyone (no login): by name, optionally those
   * whose name contains `search` (any letter case) and those of one district. Only organisations:
   * volunteers, businesses and institutions never appear, and no contact details.
   */
  listPublicOrganisations(
    query: ListPublicOrganisationsQueryDto,
  ): Promise<Page<PublicOrganisationDto>> {
    return this.database.read(async ({ manager }) => {
      const builder = manager
        .createQueryBuilder(Party, 'party')
        .where('party.kind = :kind', { kind: 'organisation' });
      if (query.search)
        builder.andWhere("LOWER(party.name) LIKE :pattern ESCAPE '\\'", {
          pattern: `%${escapeLikePattern(query.search.toLowerCase())}%`,
        });
      if (query.district)
        builder.andWhere('party.district = :district', { district: query.district });
      const { limit } = paginateQuery(builder, {
        sortColumn: 'party.name',
        idColumn: 'party.id',
        page: query,
      });
      const rows = await builder.getMany();
      return pageFrom(
        rows,
        limit,
        (party) => ({ sortValue: party.name, id: party.id }),
        toPublicOrganisationDto,
      );
    });
  }

  /** A party the actor may see; another party's id answers 404, as if it did not exist. */
  async findVisible(actor: AuthenticatedUser, id: string): Promise<PartyDto> {
    if (!isOverseer(actor.role) && actor.partyId !== id) throw new NotFoundError('party', id);
    const party = await this.findById(id);
    if (!party) throw new NotFoundError('party', id);
    return toPartyDto(party);
  }

  /** Every party, for the treasury's reports and exports (not for members: see list()). */
  listAll(): Promise<PartyDto[]> {
    return this.database.read(async ({ manager }) =>
      (await manager.find(Party, { order: { createdAt: 'ASC', id: 'ASC' } })).map(toPartyDto),
    );
  }

  /** The ids of the parties of one kind in one district (e.g. to list the offers of a district's businesses). */
  idsOf(filter: { kind: PartyKind; district: District }): Promise<string[]> {
    return this.database.read(async ({ manager }) =>
      (
        await manager.find(Party, {
          select: { id: true },
          where: { kind: filter.kind, district: filter.district },
        })
      ).map((party) => party.id),
    );
  }

  findById(id: string): Promise<Party | null> {
    return this.database.read(({ manager }) => manager.findOneBy(Party, { id }));
  }
}

type EditableField = 'name' | 'district' | 'contactEmail' | 'description' | 'birthDate';

/** The fields whose new value differs from the party's (undefined: left out, unchanged). */
function changedFields(
  party: Party,
  proposed: { [Field in EditableField]?: Party[Field] | undefined },
): Partial<Pick<Party, EditableField>> {
  const changes: Partial<Record<EditableField, unknown>> = {};
  for (const field of Object.keys(proposed) as EditableField[]) {
    const value = proposed[field];
    if (value !== undefined && value !== party[field]) changes[field] = value;
  }
  return changes as Partial<Pick<Party, EditableField>>;
}

/** The one view of a party: its DTO, and what a volunteer's data export holds of it. */
export function toPartyDto(party: Party): PartyDto {
  return {
    id: party.id,
    kind: party.kind,
    name: party.name,
    district: party.district,
    contactEmail: party.contactEmail,
    description: party.description,
    birthDate: party.birthDate,
    createdAt: party.createdAt,
  };
}

function toPublicOrganisationDto(party: Party): PublicOrganisationDto {
  assertInvariant(party.kind === 'organisation', 'only organisations are listed publicly');
  return {
    id: party.id,
    name: party.name,
    kind: party.kind,
    district: party.district,
    description: party.description,
  };
}

/** `%`, `_` and the escape character (a backslash) match only themselves in the LIKE pattern. */
function escapeLikePattern(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}
