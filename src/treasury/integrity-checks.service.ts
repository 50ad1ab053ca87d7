import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../common/clock.js';
import type { AuthenticatedUser } from '../common/http/request-context.js';
import { Database } from '../database/database.service.js';
import {
  type IntegrityCheckMode,
  type IntegrityReport,
  LedgerIntegrityService,
} from '../ledger/ledger-integrity.service.js';
import { IntegrityCheck } from './entities/integrity-check.entity.js';

/** A stored run of the integrity check, as the dashboard shows it. */
export interface IntegrityCheckView {
  startedAt: string;
  finishedAt: string;
  ok: boolean;
  checked: IntegrityReport['checked'];
  discrepancies: number;
  runBy: string;
}

/**
 * Runs the ledger's integrity check for a treasurer and keeps its outcome (not its discrepancies,
 * which name rows and are read from the answer of the run itself), so the last run's time and
 * result stay on the dashboard for every treasurer after them.
 */
@Injectable()
export class IntegrityChecksService {
  private readonly logger = new Logger(IntegrityChecksService.name);

  constructor(
    private readonly integrity: LedgerIntegrityService,
    private readonly database: Database,
    private readonly clock: Clock,
  ) {}

  async run(actor: AuthenticatedUser, mode: IntegrityCheckMode): Promise<IntegrityReport> {
    const startedAt = this.clock.now().toISOString();
    const report = await this.integrity.verify({ mode });
    try {
      await this.database.transaction((tx) =>
        tx.manager.insert(IntegrityCheck, {
          id: randomUUID(),
          startedAt,
          finishedAt: this.clock.now().toISOString(),
          ok: report.ok,
          ...report.checked,
          discrepancies: report.discrepancies.length,
          runBy: actor.id,
        }),
      );
    } catch (error) {
      // The check only reads, and its answer stands on a full disk too: the treasurer needs it
      // most then. The dashboard shows the run before; the operator hears why.
      this.logger.warn(
        `the integrity check's outcome could not be kept: ${(error as Error).message}`,
      );
    }
    return report;
  }

  /** The run that finished last, or null before the first. */
  last(): Promise<IntegrityCheckView | null> {
    return this.database.read(async (tx) => {
      const [latest] = await tx.manager.find(IntegrityCheck, {
        order: { finishedAt: 'DESC', id: 'DESC' },
        take: 1,
      });
      return latest ? toView(latest) : null;
    });
  }
}

function toView(check: IntegrityCheck): IntegrityCheckView {
  return {
    startedAt: check.startedAt,
    finishedAt: check.finishedAt,
    ok: check.ok,
    checked: {
      accounts: check.accounts,
      entries: check.entries,
      postings: check.postings,
      holds: check.holds,
    },
    discrepancies: check.discrepancies,
    runBy: check.runBy,
  };
}
