import { Injectable } from '@nestjs/common';
import { canonicalJson, sha256Hex } from '../common/canonical-json.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/errors/domain-error.js';
import type { Replayable } from '../common/replayable.js';
import { Database, type Transaction } from './database.service.js';

/**
 * The one idempotency mechanism of Steerkes (docs/ARCHITECTURE.md). Every request that may be
 * retried — a transfer, a redemption, a booking, an approval — runs through `Idempotency.run`:
 * look the key up; a known key with the same fingerprint replays the stored answer, with another
 * fingerprint it is refused (409); an unknown key does the work and stores what it made, in the
 * same transaction. Modelled on formance's ledger, which funnels every write through one function.
 */

/** Longest stored key: scope, separator and the caller's scoped key (user id and its key, 200). */
export const IDEMPOTENCY_STORED_KEY_LENGTH_MAX = 320;

/** A request made safe to retry. */
export interface IdempotentRequest {
  /**
   * The operation's namespace ('ledger', 'redemption', ...). A key is unique within its scope, so
   * one client key used on two different endpoints is two requests, as it always was.
   */
  scope: string;
  /** The key, already scoped to its caller (`user:<id>:<key>`) or derived from a record. */
  key: string;
  /** What makes two requests "the same": see requestFingerprint. */
  fingerprint: string;
}

/** What a request made, as stored with its key: enough to read the answer back. */
export interface StoredResult {
  kind: string;
  id: string;
}

export type { Replayable };

export interface IdempotentOperation<T> {
  /**
   * Takes the row locks that make this request and its retries take turns, before the key is
   * looked up: a retry that raced its original then waits for it, finds its key and replays it,
   * instead of meeting the state the original left (a claim already approved, say).
   */
  lock?(transaction: Transaction): Promise<void>;
  /**
   * Does the work in the transaction; answers the result and what to store with the key. `stored`
   * null stores nothing: the answer is not one to replay (a wrong PIN, counted and committed, is
   * refused again on a retry rather than replayed).
   */
  perform(transaction: Transaction): Promise<{ result: T; stored: StoredResult | null }>;
  /** Reads a stored answer back, as the first request answered it. */
  replay(stored: StoredResult, transaction: Transaction): Promise<T>;
}

export class IdempotencyKeyRequiredError extends DomainError {
  constructor() {
    super('IDEMPOTENCY_KEY_REQUIRED');
  }
}

export class IdempotencyKeyReusedError extends DomainError {
  constructor() {
    super('IDEMPOTENCY_KEY_REUSED');
  }
}

/** What makes two requests "the same": their content, written canonically (sorted keys), hashed. */
export function requestFingerprint(content: unknown): string {
  return sha256Hex(canonicalJson(content));
}

/**
 * requestFingerprint of a list whose items are strings, null or lists of strings, which
 * JSON.stringify already writes canonically: for the ledger's hot path, where sorting nothing
 * still cost a walk per field (the unit test holds the two equal).
 */
export function listFingerprint(values: readonly unknown[]): string {
  return sha256Hex(JSON.stringify(values));
}

/** PostgreSQL's and SQLite's answers to a second row with the same unique key. */
const UNIQUE_VIOLATION_CODES: ReadonlySet<string> = new Set([
  '23505',
  'SQLITE_CONSTRAINT_UNIQUE',
  'SQLITE_CONSTRAINT_PRIMARYKEY',
]);

/** A unique index refused a row: another transaction committed the same key first. */
export function isUniqueViolation(error: unknown): boolean {
  const candidate = error as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = candidate?.driverError?.code ?? candidate?.code;
  return typeof code === 'string' && UNIQUE_VIOLATION_CODES.has(code);
}

/**
 * Runs a transaction once more when a unique index refused its row: on PostgreSQL another instance
 * committed the same key first, and the second run sees it (and replays, or refuses in words).
 * The one "retry after a duplicate key" of the application; only for a transaction it opens.
 */
export async function retryOnUniqueViolation<T>(attempt: () => Promise<T>): Promise<T> {
  try {
    return await attempt();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return attempt();
  }
}

const SELECT_RECORD =
  'SELECT fingerprint, result_kind, result_id FROM idempotency_records WHERE scope_key = ?';
const INSERT_RECORD =
  'INSERT INTO idempotency_records (scope_key, fingerprint, result_kind, result_id, created_at) VALUES (?, ?, ?, ?, ?)';

interface RecordRow {
  fingerprint: string;
  result_kind: string;
  result_id: string;
}

@Injectable()
export class Idempotency {
  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
  ) {}

  /**
   * Runs an operation at most once per key, in a transaction (joining the caller's, if any).
   * Without a request it just runs. Two requests with the same new key can race on PostgreSQL:
   * the second fails on the key's row when the first commits. When this call opened the
   * transaction it runs once more, finds the committed record and replays it; inside a caller's
   * transaction the violation goes up to whoever opened it.
   */
  async run<T>(
    request: IdempotentRequest | undefined,
    operation: IdempotentOperation<T>,
  ): Promise<Replayable<T>> {
    if (request !== undefined) assertStorableKey(request);
    const attempt = () =>
      this.database.transaction((transaction) => this.once(transaction, request, operation));
    if (request === undefined || this.database.inTransaction()) return attempt();
    return retryOnUniqueViolation(attempt);
  }

  /** The stored result of a key, if it was used: lets a loader skip what it made before. */
  stored(request: Pick<IdempotentRequest, 'scope' | 'key'>): Promise<StoredResult | undefined> {
    return this.database.read(async (transaction) => {
      const row = await transaction.sql.get<RecordRow>(SELECT_RECORD, [storedKey(request)]);
      return row && { kind: row.result_kind, id: row.result_id };
    });
  }

  /**
   * The two halves of `run` for a caller that holds the transaction and whose opener handles a
   * unique violation: the ledger's hot path, which runs a thousand commands in one transaction
   * and must not pay for a closure and two more awaits per command. `lookup` answers the stored
   * result of a known key (refusing another body with 409), `record` stores a new one.
   */
  async lookup(
    transaction: Transaction,
    request: IdempotentRequest,
  ): Promise<StoredResult | undefined> {
    assertStorableKey(request);
    const earlier = await transaction.sql.get<RecordRow>(SELECT_RECORD, [storedKey(request)]);
    if (earlier === undefined) return undefined;
    if (earlier.fingerprint !== request.fingerprint) throw new IdempotencyKeyReusedError();
    return { kind: earlier.result_kind, id: earlier.result_id };
  }

  record(
    transaction: Transaction,
    request: IdempotentRequest,
    stored: StoredResult,
    recordedAt: string = this.clock.now().toISOString(),
  ): Promise<number> {
    return transaction.sql.run(INSERT_RECORD, [
      storedKey(request),
      request.fingerprint,
      stored.kind,
      stored.id,
      recordedAt,
    ]);
  }

  private async once<T>(
    transaction: Transaction,
    request: IdempotentRequest | undefined,
    operation: IdempotentOperation<T>,
  ): Promise<Replayable<T>> {
    if (operation.lock) await operation.lock(transaction);
    if (request === undefined)
      return { result: (await operation.perform(transaction)).result, replayed: false };
    const earlier = await this.lookup(transaction, request);
    if (earlier) return { result: await operation.replay(earlier, transaction), replayed: true };
    const { result, stored } = await operation.perform(transaction);
    if (stored !== null) await this.record(transaction, request, stored);
    return { result, replayed: false };
  }
}

function storedKey(request: Pick<IdempotentRequest, 'scope' | 'key'>): string {
  return `${request.scope}|${request.key}`;
}

function assertStorableKey(request: IdempotentRequest): void {
  const length = request.scope.length + 1 + request.key.length;
  if (request.key.length === 0 || length > IDEMPOTENCY_STORED_KEY_LENGTH_MAX)
    throw new IdempotencyKeyRequiredError();
}
