/** What kind of movement an entry is. The ledger checks only which accounts a code may touch. */
export const ENTRY_CODES = [
  'ISSUE',
  'TRANSFER',
  'HOURS',
  'REDEEM',
  'BOOKING',
  'SERVICE',
  'RETIRE',
  'REVERSAL',
  'ADJUST',
] as const;
export type EntryCode = (typeof ENTRY_CODES)[number];

/** Codes that may move the issuance account: money is created, destroyed or corrected only so. */
export const MONEY_SUPPLY_CODES: readonly EntryCode[] = ['ISSUE', 'RETIRE', 'REVERSAL', 'ADJUST'];

export const CURRENCY = 'STK';
export const ISSUANCE_ACCOUNT = 'issuance';

export const ACCOUNT_STATUSES = ['open', 'frozen', 'closed'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];
export const HOLD_STATUSES = ['pending', 'posted', 'voided', 'expired'] as const;
export type HoldStatus = (typeof HOLD_STATUSES)[number];

export const POSTINGS_PER_ENTRY_MAX = 100;
export const BATCH_COMMANDS_MAX = 1000;
export const DESCRIPTION_LENGTH_MAX = 500;
export const METADATA_BYTES_MAX = 4096;
/** How far ahead a hold may expire: a year covers a booking made long in advance. */
export const HOLD_LIFETIME_MAX_MS = 366 * 24 * 60 * 60 * 1000;

export type MetadataValue = string | number | boolean | null;
export type Metadata = Record<string, MetadataValue>;

interface CommandBase {
  /**
   * Makes the command safe to retry: the same key with the same command returns the first result
   * and writes nothing; with another command it is refused. Scoped by the caller, e.g.
   * `user:<id>:<header>` or `booking:<id>:capture`.
   */
  idempotencyKey?: string;
  /** The user on whose behalf the ledger moves, for the record; null for the system itself. */
  actorId?: string | null;
}

/**
 * The module record a movement belongs to, `<module>:<record kind>:<id>`: the generic hold and
 * reversal routes refuse it, and only the module's own correction moves it.
 */
export type MovementOrigin =
  `catalogue:booking:${string}` | `volunteering:claim:${string}` | `passes:redemption:${string}`;

/** The modules that own movements, as an origin names them first. */
export const OWNING_MODULES = ['catalogue', 'volunteering', 'passes'] as const;
export type OwningModule = (typeof OWNING_MODULES)[number];

interface OwnedCommand {
  /** Set by a module's typed call; a movement with an origin is corrected only through its module. */
  origin?: MovementOrigin;
}

export interface PostingInput {
  accountId: string;
  /** Signed: positive raises the account's balance. */
  amountMinor: bigint;
}

export interface TransferCommand extends CommandBase, OwnedCommand {
  kind: 'transfer';
  fromAccountId: string;
  toAccountId: string;
  amountMinor: bigint;
  code: EntryCode;
  description: string;
  metadata?: Metadata;
  /** YYYY-MM-DD; today in Maastricht when omitted. */
  effectiveDate?: string;
}

export interface EntryCommand extends CommandBase, OwnedCommand {
  kind: 'entry';
  code: EntryCode;
  description: string;
  postings: PostingInput[];
  metadata?: Metadata;
  effectiveDate?: string;
}

export interface HoldCommand extends CommandBase, OwnedCommand {
  kind: 'hold';
  fromAccountId: string;
  toAccountId: string;
  amountMinor: bigint;
  /** The code of the entry the hold becomes when it is posted. */
  code: EntryCode;
  description: string;
  metadata?: Metadata;
  /** ISO-8601 moment after which the hold releases by itself; never, when omitted. */
  expiresAt?: string;
}

export interface PostHoldCommand extends CommandBase {
  kind: 'postHold';
  holdId: string;
  /** Part of the hold to post; the whole hold when omitted. The rest is released. */
  amountMinor?: bigint;
  description?: string;
  effectiveDate?: string;
}

export interface VoidHoldCommand extends CommandBase {
  kind: 'voidHold';
  holdId: string;
}

export interface ReverseCommand extends CommandBase, OwnedCommand {
  kind: 'reverse';
  entryId: string;
  description?: string;
  effectiveDate?: string;
}

export type LedgerCommand =
  TransferCommand | EntryCommand | HoldCommand | PostHoldCommand | VoidHoldCommand | ReverseCommand;

/** A command as its typed entry point of LedgerService takes it: the kind is the entry point's. */
export type LedgerCommandInput<Kind extends LedgerCommand['kind']> = Omit<
  Extract<LedgerCommand, { kind: Kind }>,
  'kind'
>;

/** A transfer as LedgerService.transfer takes it. */
export type TransferInput = LedgerCommandInput<'transfer'>;

export interface AccountView {
  id: string;
  partyId: string | null;
  systemName: string | null;
  currency: string;
  balance: string;
  pending: string;
  available: string;
  minBalance: string | null;
  maxBalance: string | null;
  status: AccountStatus;
  createdAt: string;
}

export interface PostingView {
  accountId: string;
  amount: string;
  /** Null where the reader may not see that account's balance (another party's). */
  balanceAfter: string | null;
}

export interface EntryView {
  id: string;
  sequence: number;
  code: EntryCode;
  description: string;
  metadata: Metadata;
  effectiveDate: string;
  createdAt: string;
  createdBy: string | null;
  reversesEntryId: string | null;
  hash: string;
  previousHash: string;
  /** The module record that made the entry, e.g. `volunteering:claim:<id>`; null for none. */
  origin: string | null;
  postings: PostingView[];
}

export interface HoldView {
  id: string;
  fromAccountId: string;
  toAccountId: string;
  amount: string;
  postedAmount: string | null;
  status: HoldStatus;
  code: EntryCode;
  description: string;
  metadata: Metadata;
  expiresAt: string | null;
  createdAt: string;
  createdBy: string | null;
  resolvedAt: string | null;
  postedEntryId: string | null;
  /** The module record that made the hold, e.g. `catalogue:booking:<id>`; null for none. */
  origin: string | null;
}

export interface StatementLine {
  entryId: string;
  sequence: number;
  code: EntryCode;
  description: string;
  effectiveDate: string;
  createdAt: string;
  amount: string;
  balanceAfter: string;
}
