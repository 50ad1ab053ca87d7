import { parseAmount } from '../common/amount.js';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { UserPrivacy } from '../auth/user-privacy.service.js';
import { Clock } from '../common/clock.js';
import { NotFoundError, ValidationFailedError } from '../common/errors/domain-error.js';
import type { AuthenticatedUser } from '../common/http/request-context.js';
import { type Page, PAGE_SIZE_MAX } from '../common/pagination.js';
import { Database } from '../database/database.service.js';
import { LedgerAccessService } from '../ledger/ledger-access.service.js';
import { PartyPrivacy } from '../parties/party-privacy.service.js';
import { PassPrivacy } from '../passes/pass-privacy.service.js';
import { PassesService } from '../passes/passes.service.js';
import { RedemptionsService } from '../passes/redemptions.service.js';
import { TimeClaimsService } from '../volunteering/time-claims.service.js';
import { ErasureBalanceRemainsError } from './privacy.errors.js';

/** The layout of the export; a new layout gets a new version. */
const EXPORT_FORMAT = 'steerkes-personal-data/1';
/** What an erased volunteer is called from then on: no name, only the first part of the id. */
const PSEUDONYM_PREFIX = 'Gewist';
const PSEUDONYM_ID_LENGTH = 8;

/** Every item of a paginated list, page by page. */
async function allPages<Item>(page: (cursor?: string) => Promise<Page<Item>>): Promise<Item[]> {
  const items: Item[] = [];
  let cursor: string | undefined;
  do {
    const next = await page(cursor);
    items.push(...next.items);
    cursor = next.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

/**
 * A volunteer's rights over their data (AVG/GDPR): to get everything held about them (export), to
 * correct their name and e-mail, and to be erased. Erasure pseudonymises the person (user, party,
 * passes) and keeps the bookkeeping: the ledger entries, claims and redemptions stay, as the
 * fiscal retention duty asks, and they hold no name, e-mail or birth date of their own. Each
 * module does its part through its privacy service; this one decides and audits.
 */
@Injectable()
export class PrivacyService {
  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    private readonly users: UserPrivacy,
    private readonly parties: PartyPrivacy,
    private readonly passPrivacy: PassPrivacy,
    private readonly passes: PassesService,
    private readonly redemptions: RedemptionsService,
    private readonly claims: TimeClaimsService,
    private readonly ledger: LedgerAccessService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Everything held about the caller, read as they may read it themselves (so nothing of another
   * person): ids of other people (who decided a claim, who acted in an audit event) are left out.
   */
  exportData(actor: AuthenticatedUser) {
    const partyId = ownParty(actor);
    return this.database.read(async () => {
      const { user, sessions } = await this.users.exportOf(actor.id);
      const passes = await allPages((cursor) =>
        this.passes.list(actor, { limit: PAGE_SIZE_MAX, cursor }),
      );
      const claims = await allPages((cursor) =>
        this.claims.list(actor, { limit: PAGE_SIZE_MAX, cursor }),
      );
      const accounts = [];
      for (const account of await this.ledger.accountsOfParty(actor, partyId)) {
        const entries = await allPages((cursor) =>
          this.ledger.statement(actor, account.id, { limit: PAGE_SIZE_MAX, cursor }),
        );
        accounts.push({ account, entries });
      }
      const subjects = [actor.id, partyId, ...passes.map((pass) => pass.id)];
      subjects.push(...claims.map((claim) => claim.id));
      return {
        format: EXPORT_FORMAT,
        exportedAt: this.clock.now().toISOString(),
        user,
        party: await this.parties.exportOf(partyId),
        sessions,
        passes,
        claims: claims.map((claim) => ({ ...claim, decidedBy: undefined })),
        redemptions: await allPages((cursor) =>
          this.redemptions.list(actor, { limit: PAGE_SIZE_MAX, cursor }),
        ),
        accounts,
        auditEvents: await this.auditEventsAbout(actor, subjects),
      };
    });
  }

  /** Corrects the caller's name (user and party alike) and e-mail; audited, by field name only. */
  async correct(actor: AuthenticatedUser, changes: { name?: string; email?: string }) {
    const partyId = ownParty(actor);
    if (changes.name === undefined && changes.email === undefined)
      throw new ValidationFailedError([{ field: 'name', code: 'NOTHING_TO_CHANGE' }]);
    return this.database.transaction(async () => {
      const changed = await this.users.correct(actor.id, {
        email: changes.email,
        displayName: changes.name,
      });
      if (changes.name !== undefined && (await this.parties.correctName(partyId, changes.name)))
        changed.push('partyName');
      // The values are not kept in the log: an erasure later must not leave them behind there.
      if (changed.length > 0)
        await this.audit.record(actor, {
          action: 'privacy.correction',
          subjectType: 'user',
          subjectId: actor.id,
          details: { fields: changed },
        });
      const { user } = await this.users.exportOf(actor.id);
      const party = await this.parties.exportOf(partyId);
      return { userId: user.id, partyId, name: party.name, email: user.email };
    });
  }

  /**
   * Erases the caller: refused while their account holds Steerkes (see README, "Privacy").
   * Otherwise the user, party and passes are pseudonymised in one transaction with its audit
   * record; the login ends and the passes are blocked.
   */
  erase(actor: AuthenticatedUser) {
    const partyId = ownParty(actor);
    return this.database.transaction(async () => {
      for (const account of await this.ledger.accountsOfParty(actor, partyId)) {
        const heldMinor = parseAmount(account.balance, { allowZero: true, allowNegative: true });
        const pendingMinor = parseAmount(account.pending, { allowZero: true, allowNegative: true });
        if (heldMinor !== 0n || pendingMinor !== 0n)
          throw new ErasureBalanceRemainsError(account.balance, account.pending);
      }
      const pseudonym = `${PSEUDONYM_PREFIX} ${partyId.slice(0, PSEUDONYM_ID_LENGTH)}`;
      await this.parties.erase(partyId, pseudonym);
      await this.users.erase(actor.id, pseudonym);
      await this.passPrivacy.erase(partyId);
      await this.audit.record(actor, {
        action: 'privacy.erasure',
        subjectType: 'user',
        subjectId: actor.id,
        details: { partyId },
      });
      return { userId: actor.id, partyId, erasedAt: this.clock.now().toISOString() };
    });
  }

  private async auditEventsAbout(actor: AuthenticatedUser, subjects: string[]) {
    const events = [];
    for (const subjectId of subjects) {
      const about = await allPages((cursor) =>
        this.audit.list({ subjectId, limit: PAGE_SIZE_MAX, cursor }),
      );
      // Who else acted is theirs, not the caller's: their role is kept, their id is not.
      events.push(
        ...about.map((event) => ({
          ...event,
          actorId: event.actorId === actor.id ? event.actorId : null,
        })),
      );
    }
    return events.sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
  }
}

/** The privacy routes are the volunteer's own; a volunteer always has a party. */
function ownParty(actor: AuthenticatedUser): string {
  if (!actor.partyId) throw new NotFoundError('party', actor.id);
  return actor.partyId;
}
