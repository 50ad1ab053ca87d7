import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock.js';
import { Database, type Transaction } from '../database/database.service.js';
import { canonicalJson, sha256Hex } from '../ledger/canonical-json.js';
import { IdempotencyKeyReusedError } from '../ledger/ledger.errors.js';
import { VolunteeringRequest, type VolunteeringRequestResult } from './entities/volunteering-request.entity.js';

/** PostgreSQL's and SQLite's answers to a second row with the same key. */
const UNIQUE_VIOLATION_CODES = new Set(['23505', 'SQLITE_CONSTRAINT_PRIMARYKEY', 'SQLITE_CONSTRAINT_UNIQUE']);

/** What makes two requests "the same": their content, written canonically (sorted keys). */
export function requestFingerprint(content: unknown): string {
  return sha256Hex(canonicalJson(content));
}

/**
 * The idempotency records of volunteering's money-moving requests (approve, bulk). A request
 * registers its key first thing in its transaction, so that the record, the claims and the ledger
 * entries commit together or not at all.
 */
@Injectable()
export class VolunteeringRequests {
  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
  ) {}

  /**
   * The id of the first answer when this key was used before for the same request (a replay);
   * refuses the key when it was used for another request; otherwise registers it and answers
   * undefined: go ahead.
   */
  async register(
    tx: Transaction,
    request: { scopeKey: string; fingerprint: string; resultKind: VolunteeringRequestResult; resultId: string },
  ): Promise<string | undefined> {
    const earlier = await tx.manager.findOneBy(VolunteeringRequest, { scopeKey: request.scopeKey });
    if (earlier) {
      if (earlier.fingerprint !== request.fingerprint || earlier.resultKind !== request.resultKind) throw new IdempotencyKeyReusedError();
      return earlier.resultId;
    }
    await tx.manager.insert(VolunteeringRequest, { ...request, createdAt: this.clock.now().toISOString() });
    return undefined;
  }

  /** The id of what a key's request made, if the key was used: lets a loader skip what it made before. */
  async resultOf(scopeKey: string): Promise<string | undefined> {
    const request = await this.database.read((tx) => tx.manager.findOneBy(VolunteeringRequest, { scopeKey }));
    return request?.resultId;
  }

  /**
   * Runs an idempotent request's transaction. On PostgreSQL two requests with the same new key can
   * race: the second waits on the first's key row and then fails on it. Run once more, it finds
   * the committed record and answers the replay (or the reuse refusal) like any later retry.
   */
  async run<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    try {
      return await this.database.transaction(work);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      return this.database.transaction(work);
    }
  }
}

export function isUniqueViolation(error: unknown): boolean {
  const candidate = error as { code?: unknown; driverError?: { code?: unknown } };
  const code = candidate?.driverError?.code ?? candidate?.code;
  return typeof code === 'string' && UNIQUE_VIOLATION_CODES.has(code);
}
