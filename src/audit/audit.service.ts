import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock.js';
import { dayAfter, startOfLocalDay } from '../common/calendar.js';
import { type Page, type PageQueryDto, pageFrom, paginateQuery } from '../common/pagination.js';
import { assertInvariant } from '../common/errors/domain-error.js';
import { Database } from '../database/database.service.js';
import { AuditEvent } from './audit-event.entity.js';

/** What the audit log remembers of one action. */
export interface AuditRecord {
  action: string;
  subjectType: string;
  subjectId: string;
  /** What changed: plain values only; never a password, token or PIN. */
  details?: Record<string, unknown>;
}

export interface AuditEventView {
  id: string;
  occurredAt: string;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  details: Record<string, unknown>;
}

/**
 * The audit log of every admin and treasurer action. Written inside the action's own transaction,
 * so an action and its record commit together; read by admins and treasurers.
 */
@Injectable()
export class AuditService {
  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
  ) {}

  /**
   * Records an action in the transaction of the action itself (joined): an audit record never
   * commits without its action, nor an action without its record.
   */
  async record(
    actor: { id: string | null; role?: string | null } | null,
    record: AuditRecord,
  ): Promise<void> {
    assertInvariant(
      this.database.inTransaction(),
      `audit record ${record.action} outside the transaction of its action`,
    );
    await this.database.transaction((transaction) =>
      transaction.manager.insert(AuditEvent, {
        id: randomUUID(),
        occurredAt: this.clock.now().toISOString(),
        actorId: actor?.id ?? null,
        actorRole: actor?.role ?? null,
        action: record.action,
        subjectType: record.subjectType,
        subjectId: record.subjectId,
        details: JSON.stringify(record.details ?? {}),
      }),
    );
  }

  list(
    query: PageQueryDto & {
      action?: string;
      subjectId?: string;
      actorId?: string;
      actorRole?: string;
      /** Calendar dates in Maastricht, both included. */
      from?: string;
      to?: string;
    },
  ): Promise<Page<AuditEventView>> {
    return this.database.read(async ({ manager }) => {
      const builder = manager.createQueryBuilder(AuditEvent, 'event');
      if (query.action) builder.andWhere('event.action = :action', { action: query.action });
      if (query.subjectId)
        builder.andWhere('event.subject_id = :subjectId', { subjectId: query.subjectId });
      if (query.actorId) builder.andWhere('event.actor_id = :actorId', { actorId: query.actorId });
      if (query.actorRole)
        builder.andWhere('event.actor_role = :actorRole', { actorRole: query.actorRole });
      // Moments are ISO strings in UTC: compared as text, they compare as time.
      if (query.from)
        builder.andWhere('event.occurred_at >= :fromMoment', {
          fromMoment: startOfLocalDay(query.from),
        });
      if (query.to)
        builder.andWhere('event.occurred_at < :toMoment', {
          toMoment: startOfLocalDay(dayAfter(query.to)),
        });
      const { limit } = paginateQuery(builder, {
        sortColumn: 'event.occurred_at',
        idColumn: 'event.id',
        page: query,
      });
      const rows = await builder.getMany();
      return pageFrom(
        rows,
        limit,
        (event) => ({ sortValue: event.occurredAt, id: event.id }),
        toView,
      );
    });
  }
}

function toView(event: AuditEvent): AuditEventView {
  return { ...event, details: JSON.parse(event.details) as Record<string, unknown> };
}
