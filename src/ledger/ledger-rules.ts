import { canonicalJson } from '../common/canonical-json.js';
import { InvalidAmountError, ValidationFailedError } from '../common/errors/domain-error.js';
import { listFingerprint } from '../database/idempotency.js';
import {
  BalanceLimitExceededError,
  EntryCodeNotAllowedError,
  EntryUnbalancedError,
  InsufficientFundsError,
} from './ledger.errors.js';
import type { AccountRow } from './ledger.store.js';
import {
  DESCRIPTION_LENGTH_MAX,
  ENTRY_CODES,
  type EntryCode,
  HOLD_LIFETIME_MAX_MS,
  type LedgerCommand,
  type Metadata,
  METADATA_BYTES_MAX,
  type PostingInput,
  POSTINGS_PER_ENTRY_MAX,
} from './ledger.types.js';

/**
 * The ledger's pure rules: what a movement must be on its own, whatever the database holds. The
 * write path (ledger.service.ts) applies them before it writes anything.
 */

/** An entry about to be booked, after its command has been translated. */
export interface EntrySpecification {
  code: EntryCode;
  description: string;
  metadata: Metadata;
  effectiveDate?: string;
  postings: PostingInput[];
  reversesEntryId: string | null;
  /** The module record that makes the entry, if any. */
  origin?: string | null;
  /** Holds being posted release their reservation in the same step: count it as available. */
  pendingReleaseMinor?: ReadonlyMap<string, bigint>;
}

export function assertPositive(amountMinor: bigint): void {
  if (amountMinor <= 0n) throw new InvalidAmountError('amount', 'not positive');
}

/** available = balance − pending must stay ≥ minBalance; the balance must stay ≤ maxBalance. */
export function checkBalancePolicy(
  account: AccountRow,
  amountMinor: bigint,
  pendingReleaseMinor: bigint,
): void {
  const balanceAfter = account.balanceMinor + amountMinor;
  if (amountMinor < 0n && account.minBalanceMinor !== null) {
    const availableAfter = balanceAfter - (account.pendingMinor - pendingReleaseMinor);
    if (availableAfter < account.minBalanceMinor) {
      const spendable =
        account.balanceMinor -
        (account.pendingMinor - pendingReleaseMinor) -
        account.minBalanceMinor;
      throw new InsufficientFundsError(account.id, spendable > 0n ? spendable : 0n, -amountMinor);
    }
  }
  if (
    amountMinor > 0n &&
    account.maxBalanceMinor !== null &&
    balanceAfter > account.maxBalanceMinor
  ) {
    throw new BalanceLimitExceededError(account.id, account.maxBalanceMinor);
  }
}

/** Checks everything an entry must be on its own; answers its metadata as stored text. */
export function validateEntryShape(specification: EntrySpecification): string {
  if (!ENTRY_CODES.includes(specification.code))
    throw new EntryCodeNotAllowedError(String(specification.code));
  validateDescription(specification.description);
  const metadataText = validateMetadata(specification.metadata);
  const { postings } = specification;
  if (postings.length < 2) throw new EntryUnbalancedError('FEWER_THAN_TWO_POSTINGS');
  if (postings.length > POSTINGS_PER_ENTRY_MAX) throw new EntryUnbalancedError('TOO_MANY_POSTINGS');
  if (new Set(postings.map((posting) => posting.accountId)).size !== postings.length)
    throw new EntryUnbalancedError('ACCOUNT_TWICE');
  if (postings.some((posting) => posting.amountMinor === 0n))
    throw new EntryUnbalancedError('ZERO_POSTING');
  const total = postings.reduce((sum, posting) => sum + posting.amountMinor, 0n);
  if (total !== 0n) throw new EntryUnbalancedError('SUM_NOT_ZERO', total);
  return metadataText;
}

export function validateDescription(description: string): void {
  if (
    typeof description !== 'string' ||
    description.trim().length === 0 ||
    description.length > DESCRIPTION_LENGTH_MAX
  ) {
    throw new ValidationFailedError([
      { field: 'description', code: 'isLength', parameters: { max: DESCRIPTION_LENGTH_MAX } },
    ]);
  }
}

const EMPTY_METADATA = '{}';

export function validateMetadata(metadata: Metadata): string {
  if (
    metadata !== null &&
    typeof metadata === 'object' &&
    !Array.isArray(metadata) &&
    Object.keys(metadata).length === 0
  )
    return EMPTY_METADATA;
  const isFlat =
    metadata !== null &&
    typeof metadata === 'object' &&
    !Array.isArray(metadata) &&
    Object.values(metadata).every(
      (value) => value === null || ['string', 'number', 'boolean'].includes(typeof value),
    );
  const text = isFlat ? canonicalJson(metadata) : '';
  if (!isFlat || Buffer.byteLength(text) > METADATA_BYTES_MAX) {
    throw new ValidationFailedError([
      { field: 'metadata', code: 'METADATA_INVALID', parameters: { bytesMax: METADATA_BYTES_MAX } },
    ]);
  }
  return text;
}

export function validateExpiry(expiresAt: string | undefined, now: Date): string | null {
  if (expiresAt === undefined) return null;
  const moment = new Date(expiresAt);
  const valid =
    !Number.isNaN(moment.getTime()) &&
    moment > now &&
    moment.getTime() - now.getTime() <= HOLD_LIFETIME_MAX_MS;
  if (!valid)
    throw new ValidationFailedError([{ field: 'expiresAt', code: 'HOLD_EXPIRY_INVALID' }]);
  return moment.toISOString();
}

export function earliest(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a < b ? a : b;
}

/**
 * What makes two commands "the same request" for idempotency: every field but key and actor, in
 * a fixed order per kind (cheaper than sorting keys on the hot path; metadata is sorted).
 */
export function commandFingerprint(command: LedgerCommand): string {
  const metadata =
    'metadata' in command && command.metadata ? canonicalJson(command.metadata) : null;
  let fields: unknown[];
  switch (command.kind) {
    case 'transfer':
      fields = [
        command.fromAccountId,
        command.toAccountId,
        command.amountMinor.toString(),
        command.code,
        command.description,
        metadata,
        command.effectiveDate ?? null,
      ];
      break;
    case 'entry':
      fields = [
        command.code,
        command.description,
        metadata,
        command.effectiveDate ?? null,
        command.postings.map((posting) => [posting.accountId, posting.amountMinor.toString()]),
      ];
      break;
    case 'hold':
      fields = [
        command.fromAccountId,
        command.toAccountId,
        command.amountMinor.toString(),
        command.code,
        command.description,
        metadata,
        command.expiresAt ?? null,
      ];
      break;
    case 'postHold':
      fields = [
        command.holdId,
        command.amountMinor?.toString() ?? null,
        command.description ?? null,
        command.effectiveDate ?? null,
      ];
      break;
    case 'voidHold':
      fields = [command.holdId];
      break;
    case 'reverse':
      fields = [command.entryId, command.description ?? null, command.effectiveDate ?? null];
      break;
  }
  return listFingerprint([command.kind, ...fields]);
}
