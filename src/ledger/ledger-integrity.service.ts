import { createHash, randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { formatAmount } from '../common/amount.js';
import { Clock } from '../common/clock.js';
import { Database, type Transaction } from '../database/database.service.js';
import { GENESIS_HASH } from '../database/migrations/1763900100000-ledger.js';
import { entryHash } from './entry-hash.js';

export interface Discrepancy {
  /** What kind of check failed: stable, for machines. */
  check:
    | 'ACCOUNT_BALANCE'
    | 'ACCOUNT_PENDING'
    | 'ENTRY_UNBALANCED'
    | 'ENTRY_TOO_FEW_POSTINGS'
    | 'RUNNING_BALANCE'
    | 'CHAIN_SEQUENCE'
    | 'CHAIN_LINK'
    | 'CHAIN_HASH'
    | 'CHAIN_HEAD'
    | 'POSTING_SEQUENCE'
    | 'CURRENCY_TOTAL'
    | 'HOLD_POSTING'
    | 'CLOSING_BALANCE'
    | 'CHECKPOINT';
  /** The row it concerns: an account, entry or hold id, or a currency. */
  subject: string;
  message: string;
}

/**
 * full: walks the chain from the first entry. incremental: starts from the latest verified
 * checkpoint and walks only the entries after it (a full walk when there is none yet).
 */
export type IntegrityCheckMode = 'full' | 'incremental';

export interface IntegrityReport {
  ok: boolean;
  /** What was done: an incremental check without a checkpoint yet is a full one. */
  mode: IntegrityCheckMode;
  /** The walk started after this entry sequence: 0 for a full check, the checkpoint's otherwise. */
  fromSequence: number;
  /** Accounts, holds: every one. Entries, postings: all up to the end point, the checkpoint's included. */
  checked: { accounts: number; entries: number; postings: number; holds: number };
  discrepancies: Discrepancy[];
}

export interface VerifyOptions {
  /** Default full: the check that re-verifies every entry (see README, "Integrity check"). */
  mode?: IntegrityCheckMode;
  onProgress?: (done: number, total: number) => void;
}

/**
 * How many entries one page of the walk reads. Each page is one short read: on SQLite the single
 * connection is free for writers between pages, so this bounds how long one waits (1–2 ms of
 * reading on an idle machine).
 */
const CHAIN_PAGE_ENTRIES = 250;
/** Entries booked during the walk that the last, consistent read may walk itself; more, and the walk pages on. */
const TAIL_ENTRIES_MAX = 1000;
/** Stop listing after this many: a broken ledger should not answer with a million lines. */
const DISCREPANCIES_MAX = 1000;
/** Checkpoint sums written per transaction, so that no write holds the SQLite connection long. */
const CHECKPOINT_SUMS_PER_TRANSACTION = 250;
/** The checkpoint sums' bucket of the postings dated in or before the checkpoint's last closed period. */
const FOLDED_BUCKET = '*';

type Raw = Record<string, unknown>;
const big = (value: unknown) => BigInt(value as bigint | string | number);
type Report = (discrepancy: Discrepancy) => void;

/**
 * Recomputes the ledger from its postings and compares: cached balances and pending totals,
 * entries that sum to zero, running balances, the hash chain end to end, holds against their
 * postings, closing balances of closed periods, and Σ balances = 0 per currency. A row changed or
 * deleted behind the ledger's back is found and named.
 *
 * The end point is the chain head read first: entries up to it never change, so they are read in
 * short pages that writers interleave with. One last consistent read walks the entries booked
 * meanwhile and compares the sums with every account's stored balance at that same moment.
 * After a clean check a checkpoint keeps the chain hash and the per-account sums at the end point;
 * an incremental check starts there (README, "Integrity check", says what it cannot see).
 */
@Injectable()
export class LedgerIntegrityService {
  private readonly logger = new Logger(LedgerIntegrityService.name);

  constructor(
    private readonly database: Database,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async verify(options: VerifyOptions = {}): Promise<IntegrityReport> {
    const discrepancies: Discrepancy[] = [];
    const report: Report = (discrepancy) => {
      if (discrepancies.length < DISCREPANCIES_MAX) discrepancies.push(discrepancy);
    };
    const start = await this.database.read(async (tx) => ({
      through: (await readChainHead(tx)).sequence,
      checkpoint: await this.loadCheckpoint(tx, report),
    }));
    const incremental = options.mode === 'incremental' && start.checkpoint !== undefined;
    const walk = incremental ? walkFrom(start.checkpoint!) : walkFromGenesis();
    const fromSequence = walk.lastSequence;
    // A full walk passing the checkpoint compares it with what it found there.
    const comparedCheckpoint = incremental ? undefined : start.checkpoint;
    let through = start.through;
    for (;;) {
      while (walk.lastSequence < through) {
        const pageEnd = minimum(walk.lastSequence + BigInt(CHAIN_PAGE_ENTRIES), through);
        const page = await this.database.read((tx) => readPage(tx, walk.lastSequence, pageEnd));
        checkPage(page, walk, pageEnd, report, comparedCheckpoint);
        options.onProgress?.(
          Number(walk.lastSequence - fromSequence),
          Number(through - fromSequence),
        );
      }
      const finished = await this.consistentRead((tx) =>
        this.finish(tx, walk, report, comparedCheckpoint),
      );
      if (finished.again !== undefined) {
        through = finished.again;
        continue;
      }
      const ok = discrepancies.length === 0;
      if (ok && start.checkpoint?.sequence !== walk.lastSequence)
        await this.writeCheckpoint(
          walk,
          finished.closedThrough,
          incremental ? 'incremental' : 'full',
        ).catch((error: unknown) =>
          // The check's answer stands without it (a full disk, say): the next check walks further.
          this.logger.warn({ message: 'integrity checkpoint not written', error: String(error) }),
        );
      return {
        ok,
        mode: incremental ? 'incremental' : 'full',
        fromSequence: Number(fromSequence),
        checked: {
          accounts: finished.accounts,
          entries: walk.entries,
          postings: walk.postings,
          holds: finished.holds,
        },
        discrepancies,
      };
    }
  }

  /** The latest verified checkpoint: where it stands and its digest (for a log outside the database). */
  latestCheckpoint(): Promise<{ sequence: number; digest: string; createdAt: string } | undefined> {
    return this.database.read(async (tx) => {
      const row = await tx.sql.get<Raw>(
        `SELECT sequence, sums_digest, created_at FROM ledger_integrity_checkpoints
          ORDER BY sequence DESC, created_at DESC LIMIT 1`,
      );
      return row
        ? {
            sequence: Number(row.sequence),
            digest: row.sums_digest as string,
            createdAt: row.created_at as string,
          }
        : undefined;
    });
  }

  /**
   * The end of the check, at one consistent moment: on SQLite one read (the connection is not
   * shared meanwhile), on PostgreSQL one REPEATABLE READ snapshot.
   */
  private consistentRead<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    if (this.database.dialect === 'sqlite') return this.database.read(work);
    return this.database.transaction(async (tx) => {
      await tx.sql.run('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
      return work(tx);
    });
  }

  /**
   * Walks what was booked since the pages (when it is short), then compares the sums with the
   * stored balances, pending totals, holds and closing balances. Answers `again` with the new end
   * point when too much was booked meanwhile to walk here.
   */
  private async finish(
    tx: Transaction,
    walk: ChainWalk,
    report: Report,
    comparedCheckpoint: Checkpoint | undefined,
  ): Promise<
    | { again: bigint; accounts?: never; holds?: never; closedThrough?: never }
    | { again?: never; accounts: number; holds: number; closedThrough: string | null }
  > {
    const head = await readChainHead(tx);
    if (head.sequence - walk.lastSequence > BigInt(TAIL_ENTRIES_MAX))
      return { again: head.sequence };
    if (head.sequence > walk.lastSequence)
      checkPage(
        await readPage(tx, walk.lastSequence, head.sequence),
        walk,
        head.sequence,
        report,
        comparedCheckpoint,
      );
    await checkBeyondHead(tx, head.sequence, report);
    if (head.sequence !== walk.expectedSequence - 1n || head.hash !== walk.previousHash) {
      report({
        check: 'CHAIN_HEAD',
        subject: 'ledger_chain',
        message:
          'the chain head does not point at the last entry: the last entries were removed or replaced',
      });
    }
    const accounts = await checkAccounts(tx, walk, report);
    const holds = await checkHolds(tx, report);
    const closedThrough = await checkClosingBalances(tx, walk, report);
    return { accounts, holds, closedThrough };
  }

  /** The latest checkpoint with its sums, or undefined; a checkpoint whose sums were changed is reported. */
  private async loadCheckpoint(tx: Transaction, report: Report): Promise<Checkpoint | undefined> {
    const header = await tx.sql.get<Raw>(
      `SELECT id, sequence, hash, postings, closed_through, sums_digest
         FROM ledger_integrity_checkpoints ORDER BY sequence DESC, created_at DESC LIMIT 1`,
    );
    if (!header) return undefined;
    const sums = await tx.sql.allArrays<[accountId: string, bucket: string, sum: bigint | string]>(
      `SELECT account_id, bucket, sum_minor FROM ledger_integrity_checkpoint_sums
        WHERE checkpoint_id = ?`,
      [header.id],
    );
    const checkpoint: Checkpoint = {
      id: header.id as string,
      sequence: big(header.sequence),
      hash: header.hash as string,
      postings: Number(header.postings),
      closedThrough: (header.closed_through as string | null) ?? null,
      // Sorted here, not by the database: PostgreSQL's collation may order text differently.
      sums: sortSums(sums.map(([accountId, bucket, sum]) => [accountId, bucket, big(sum)])),
    };
    if (checkpointDigest(checkpoint) !== header.sums_digest) {
      report({
        check: 'CHECKPOINT',
        subject: checkpoint.id,
        message:
          'the verified checkpoint was changed after it was written (its digest no longer matches)',
      });
    }
    return checkpoint;
  }

  /**
   * Stores where a clean check ended: the sums first, a few hundred rows per transaction, then the
   * header that makes them the latest checkpoint, with an audit record of its digest, and the sums
   * of older checkpoints removed. An interrupted write leaves sums without a header, never used.
   */
  private async writeCheckpoint(
    walk: ChainWalk,
    closedThrough: string | null,
    kind: IntegrityCheckMode,
  ): Promise<void> {
    const checkpoint: Checkpoint = {
      id: randomUUID(),
      sequence: walk.lastSequence,
      hash: walk.previousHash,
      postings: walk.postings,
      closedThrough,
      sums: checkpointSums(walk, closedThrough),
    };
    for (let index = 0; index < checkpoint.sums.length; index += CHECKPOINT_SUMS_PER_TRANSACTION) {
      const rows = checkpoint.sums.slice(index, index + CHECKPOINT_SUMS_PER_TRANSACTION);
      await this.database.transaction((tx) =>
        tx.sql.run(
          `INSERT INTO ledger_integrity_checkpoint_sums (checkpoint_id, account_id, bucket, sum_minor) VALUES ${rows.map(() => '(?, ?, ?, ?)').join(', ')}`,
          rows.flatMap(([accountId, bucket, sum]) => [checkpoint.id, accountId, bucket, sum]),
        ),
      );
    }
    const digest = checkpointDigest(checkpoint);
    await this.database.transaction(async (tx) => {
      await tx.sql.run(
        `DELETE FROM ledger_integrity_checkpoint_sums WHERE checkpoint_id IN
           (SELECT id FROM ledger_integrity_checkpoints WHERE sequence <= ?)`,
        [checkpoint.sequence],
      );
      await tx.sql.run(
        `INSERT INTO ledger_integrity_checkpoints (id, sequence, hash, postings, closed_through, sums_digest, kind, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          checkpoint.id,
          checkpoint.sequence,
          checkpoint.hash,
          checkpoint.postings,
          closedThrough,
          digest,
          kind,
          this.clock.now().toISOString(),
        ],
      );
      await this.audit.record(null, {
        action: 'ledger.integrity_checkpoint',
        subjectType: 'ledger_integrity_checkpoint',
        subjectId: checkpoint.id,
        details: { sequence: checkpoint.sequence.toString(), hash: checkpoint.hash, digest, kind },
      });
    });
  }
}

/** A verified checkpoint: the walk's state after entry `sequence`. */
interface Checkpoint {
  id: string;
  sequence: bigint;
  hash: string;
  postings: number;
  /** The last closed period when it was written: sums of postings dated up to it are folded. */
  closedThrough: string | null;
  /** [account, bucket (a month YYYY-MM, or FOLDED_BUCKET), Σ postings], ordered by account, bucket. */
  sums: Array<[accountId: string, bucket: string, sum: bigint]>;
}

/** Where the chain walk stands between entries. */
interface ChainWalk {
  runningBalances: Map<string, bigint>;
  /** Σ postings per month of their effective date, then per account, for months after `foldedThrough`. */
  monthSums: Map<string, Map<string, bigint>>;
  /** Σ postings per account dated in or before `foldedThrough`. */
  folded: Map<string, bigint>;
  foldedThrough: string | null;
  expectedSequence: bigint;
  previousHash: string;
  /** Every entry up to this sequence has been read. */
  lastSequence: bigint;
  entries: number;
  postings: number;
}

function walkFromGenesis(): ChainWalk {
  return {
    runningBalances: new Map(),
    monthSums: new Map(),
    folded: new Map(),
    foldedThrough: null,
    expectedSequence: 1n,
    previousHash: GENESIS_HASH,
    lastSequence: 0n,
    entries: 0,
    postings: 0,
  };
}

function walkFrom(checkpoint: Checkpoint): ChainWalk {
  const walk: ChainWalk = {
    ...walkFromGenesis(),
    foldedThrough: checkpoint.closedThrough,
    expectedSequence: checkpoint.sequence + 1n,
    previousHash: checkpoint.hash,
    lastSequence: checkpoint.sequence,
    entries: Number(checkpoint.sequence),
    postings: checkpoint.postings,
  };
  for (const [accountId, bucket, sum] of checkpoint.sums) {
    addTo(walk.runningBalances, accountId, sum);
    if (bucket === FOLDED_BUCKET) addTo(walk.folded, accountId, sum);
    else addTo(monthOf(walk, bucket), accountId, sum);
  }
  return walk;
}

/** The checkpoint's sums: months up to the last closed period folded into one bucket per account. */
function checkpointSums(walk: ChainWalk, closedThrough: string | null): Checkpoint['sums'] {
  const folded = new Map(walk.folded);
  const months = new Map<string, Map<string, bigint>>();
  for (const [month, sums] of walk.monthSums) {
    if (closedThrough !== null && month <= closedThrough)
      for (const [accountId, sum] of sums) addTo(folded, accountId, sum);
    else months.set(month, sums);
  }
  const rows: Checkpoint['sums'] = [];
  for (const [accountId, sum] of folded) rows.push([accountId, FOLDED_BUCKET, sum]);
  for (const [month, sums] of months)
    for (const [accountId, sum] of sums) rows.push([accountId, month, sum]);
  return sortSums(rows);
}

/** By account, then bucket, in UTF-16 code unit order: the order the digest is taken in. */
function sortSums(rows: Checkpoint['sums']): Checkpoint['sums'] {
  return rows.sort(([a, bucketA], [b, bucketB]) =>
    a < b ? -1 : a > b ? 1 : bucketA < bucketB ? -1 : bucketA > bucketB ? 1 : 0,
  );
}

/**
 * Σ postings per account, from the sums by month: the running balances are not it, since the walk
 * resets one to the posting's word after reporting it, to name each wrong running balance once.
 */
function postedTotals(walk: ChainWalk): Map<string, bigint> {
  const totals = new Map(walk.folded);
  for (const sums of walk.monthSums.values())
    for (const [accountId, sum] of sums) addTo(totals, accountId, sum);
  return totals;
}

/** SHA-256 of everything a checkpoint says, so that an edit of its rows is noticed (and the audit log keeps it). */
function checkpointDigest(checkpoint: Checkpoint): string {
  const digest = createHash('sha256');
  digest.update(
    `${checkpoint.sequence}\n${checkpoint.hash}\n${checkpoint.postings}\n${checkpoint.closedThrough ?? ''}\n`,
  );
  for (const [accountId, bucket, sum] of checkpoint.sums)
    digest.update(`${accountId}\t${bucket}\t${sum}\n`);
  return digest.digest('hex');
}

function addTo(sums: Map<string, bigint>, accountId: string, amount: bigint): void {
  sums.set(accountId, (sums.get(accountId) ?? 0n) + amount);
}

function monthOf(walk: ChainWalk, month: string): Map<string, bigint> {
  let sums = walk.monthSums.get(month);
  if (!sums) {
    sums = new Map<string, bigint>();
    walk.monthSums.set(month, sums);
  }
  return sums;
}

function minimum(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}

async function readChainHead(tx: Transaction): Promise<{ sequence: bigint; hash: string }> {
  const chain = await tx.sql.get<Raw>(
    'SELECT last_sequence, last_hash FROM ledger_chain WHERE id = 1',
  );
  return chain
    ? { sequence: big(chain.last_sequence), hash: chain.last_hash as string }
    : { sequence: 0n, hash: GENESIS_HASH };
}

/** An entry as the chain walk reads it: the columns of its SELECT, in order. */
type EntryRow = [
  id: string,
  sequence: bigint | string,
  code: string,
  description: string,
  metadata: string,
  effectiveDate: string,
  createdAt: string,
  createdBy: string | null,
  reversesEntryId: string | null,
  previousHash: string,
  hash: string,
];
/** A posting as the chain walk reads it. Integers: bigint on SQLite, string on PostgreSQL. */
type PostingRow = [
  entryId: string,
  entrySequence: bigint | string,
  accountId: string,
  amountMinor: bigint | string,
  balanceAfterMinor: bigint | string,
  effectiveDate: string,
];
interface Page {
  entries: EntryRow[];
  postings: PostingRow[];
}

/** The entries with a sequence in (after, through] and the postings filed under them: two range scans. */
async function readPage(tx: Transaction, after: bigint, through: bigint): Promise<Page> {
  const entries = await tx.sql.allArrays<EntryRow>(
    `SELECT id, sequence, code, description, metadata, effective_date, created_at, created_by, reverses_entry_id, previous_hash, hash
       FROM ledger_entries WHERE sequence > ? AND sequence <= ? ORDER BY sequence`,
    [after, through],
  );
  const postings = await tx.sql.allArrays<PostingRow>(
    `SELECT entry_id, entry_sequence, account_id, amount_minor, balance_after_minor, effective_date
       FROM ledger_postings WHERE entry_sequence > ? AND entry_sequence <= ? ORDER BY entry_sequence, line`,
    [after, through],
  );
  return { entries, postings };
}

/**
 * Checks one page in sequence order: both lists are sorted by sequence, so each entry's postings
 * are the run of postings filed under its sequence (a merge, no grouping map).
 */
function checkPage(
  page: Page,
  walk: ChainWalk,
  through: bigint,
  report: Report,
  comparedCheckpoint: Checkpoint | undefined,
): void {
  const { entries, postings } = page;
  let next = 0;
  for (const entry of entries) {
    const sequence = big(entry[1]);
    while (next < postings.length && big(postings[next][1]) < sequence)
      reportOrphan(postings[next++], 'which has no entry', report);
    const first = next;
    while (next < postings.length && big(postings[next][1]) === sequence) next += 1;
    checkEntry(entry, sequence, postings.slice(first, next), walk, report);
    if (comparedCheckpoint?.sequence === sequence)
      compareWithCheckpoint(walk, comparedCheckpoint, report);
  }
  while (next < postings.length) reportOrphan(postings[next++], 'which has no entry', report);
  walk.lastSequence = through;
}

function reportOrphan(posting: PostingRow, where: string, report: Report): void {
  report({
    check: 'POSTING_SEQUENCE',
    subject: posting[0],
    message: `a posting of this entry is filed under sequence ${posting[1]}, ${where}`,
  });
}

/** One entry of the walk, with the postings filed under its sequence. */
function checkEntry(
  entry: EntryRow,
  sequence: bigint,
  filed: PostingRow[],
  walk: ChainWalk,
  report: Report,
): void {
  const [
    id,
    ,
    code,
    description,
    metadata,
    effectiveDate,
    createdAt,
    createdBy,
    reversesEntryId,
    previousHash,
    hash,
  ] = entry;
  if (sequence !== walk.expectedSequence) {
    report({
      check: 'CHAIN_SEQUENCE',
      subject: id,
      message: `sequence ${sequence} where ${walk.expectedSequence} was expected: an entry is missing`,
    });
  }
  if (previousHash !== walk.previousHash)
    report({
      check: 'CHAIN_LINK',
      subject: id,
      message: `entry ${sequence} does not name the hash of the entry before it`,
    });
  const lines: PostingRow[] = [];
  for (const posting of filed) {
    if (posting[0] === id) lines.push(posting);
    else reportOrphan(posting, `which is entry ${id}`, report);
  }
  let sum = 0n;
  const hashed: Array<{ accountId: string; amountMinor: bigint }> = [];
  for (const [, , accountId, amount] of lines) {
    const amountMinor = big(amount);
    sum += amountMinor;
    hashed.push({ accountId, amountMinor });
  }
  if (lines.length < 2)
    report({
      check: 'ENTRY_TOO_FEW_POSTINGS',
      subject: id,
      message: `entry has ${lines.length} posting(s)`,
    });
  if (sum !== 0n)
    report({
      check: 'ENTRY_UNBALANCED',
      subject: id,
      message: `postings sum to ${formatAmount(sum)}`,
    });
  const recomputed = entryHash(previousHash, {
    id,
    sequence,
    code,
    description,
    metadata,
    effectiveDate,
    createdAt,
    createdBy: createdBy ?? null,
    reversesEntryId: reversesEntryId ?? null,
    postings: hashed,
  });
  if (recomputed !== hash)
    report({
      check: 'CHAIN_HASH',
      subject: id,
      message: `entry ${sequence} was changed after it was booked (its hash no longer matches)`,
    });
  let month: string | undefined;
  let monthSums: Map<string, bigint> | undefined;
  for (let index = 0; index < lines.length; index += 1) {
    const [, , accountId, , balanceAfter, postingDate] = lines[index];
    const amountMinor = hashed[index].amountMinor;
    const running = (walk.runningBalances.get(accountId) ?? 0n) + amountMinor;
    walk.runningBalances.set(accountId, running);
    if (running !== big(balanceAfter)) {
      report({
        check: 'RUNNING_BALANCE',
        subject: accountId,
        message: `after entry ${sequence} the balance is ${formatAmount(running)}, the posting says ${formatAmount(big(balanceAfter))}`,
      });
      walk.runningBalances.set(accountId, big(balanceAfter));
    }
    const postingMonth = postingDate.slice(0, 7);
    if (walk.foldedThrough !== null && postingMonth <= walk.foldedThrough) {
      addTo(walk.folded, accountId, amountMinor);
    } else {
      if (postingMonth !== month) {
        month = postingMonth;
        monthSums = monthOf(walk, month);
      }
      monthSums!.set(accountId, (monthSums!.get(accountId) ?? 0n) + amountMinor);
    }
    walk.postings += 1;
  }
  walk.previousHash = hash;
  walk.expectedSequence = sequence + 1n;
  walk.entries += 1;
}

/** A full walk at the checkpoint's sequence: the checkpoint must say what the walk found there. */
function compareWithCheckpoint(walk: ChainWalk, checkpoint: Checkpoint, report: Report): void {
  const totals = new Map<string, bigint>();
  for (const [accountId, , sum] of checkpoint.sums) addTo(totals, accountId, sum);
  const posted = postedTotals(walk);
  const agrees =
    checkpoint.hash === walk.previousHash &&
    checkpoint.postings === walk.postings &&
    totals.size === posted.size &&
    [...posted].every(([accountId, sum]) => totals.get(accountId) === sum);
  if (!agrees)
    report({
      check: 'CHECKPOINT',
      subject: checkpoint.id,
      message: `the verified checkpoint at entry ${checkpoint.sequence} does not say what the entries up to it add up to`,
    });
}

/** Entries and postings filed after the chain head: booked behind the ledger's back, or a lowered head. */
async function checkBeyondHead(tx: Transaction, head: bigint, report: Report): Promise<void> {
  const entries = await tx.sql.allArrays<[id: string, sequence: bigint | string]>(
    'SELECT id, sequence FROM ledger_entries WHERE sequence > ? ORDER BY sequence LIMIT ?',
    [head, DISCREPANCIES_MAX],
  );
  for (const [id, sequence] of entries)
    report({
      check: 'CHAIN_HEAD',
      subject: id,
      message: `entry ${sequence} lies after the chain head (${head})`,
    });
  const postings = await tx.sql.allArrays<PostingRow>(
    'SELECT entry_id, entry_sequence FROM ledger_postings WHERE entry_sequence > ? ORDER BY entry_sequence LIMIT ?',
    [head, DISCREPANCIES_MAX],
  );
  for (const posting of postings) reportOrphan(posting, 'after the last entry', report);
}

/** Every account's stored balance and pending total against the walk's sums and its pending holds. */
async function checkAccounts(tx: Transaction, walk: ChainWalk, report: Report): Promise<number> {
  const rows = await tx.sql.allArrays<
    [id: string, currency: string, balance: bigint | string, pending: bigint | string]
  >('SELECT id, currency, balance_minor, pending_minor FROM ledger_accounts');
  const held = new Map(
    (
      await tx.sql.allArrays<[accountId: string, total: bigint | string]>(
        `SELECT account_id, SUM(amount_minor) FROM ledger_holds WHERE status = 'pending' GROUP BY account_id`,
      )
    ).map(([accountId, total]) => [accountId, big(total)]),
  );
  const totals = new Map<string, bigint>();
  const postedByAccount = postedTotals(walk);
  for (const [id, currency, balanceValue, pendingValue] of rows) {
    const balance = big(balanceValue);
    const posted = postedByAccount.get(id) ?? 0n;
    if (balance !== posted) {
      report({
        check: 'ACCOUNT_BALANCE',
        subject: id,
        message: `cached balance ${formatAmount(balance)} ≠ Σ postings ${formatAmount(posted)}`,
      });
    }
    const pending = big(pendingValue);
    const pendingHeld = held.get(id) ?? 0n;
    if (pending !== pendingHeld) {
      report({
        check: 'ACCOUNT_PENDING',
        subject: id,
        message: `cached pending ${formatAmount(pending)} ≠ Σ pending holds ${formatAmount(pendingHeld)}`,
      });
    }
    addTo(totals, currency, balance);
  }
  for (const [currency, total] of totals) {
    if (total !== 0n)
      report({
        check: 'CURRENCY_TOTAL',
        subject: currency,
        message: `Σ of all ${currency} balances is ${formatAmount(total)}, not 0`,
      });
  }
  return rows.length;
}

async function checkHolds(tx: Transaction, report: Report): Promise<number> {
  const rows = await tx.sql.all<Raw>(
    `SELECT h.id, h.status, h.account_id, h.counterparty_account_id, h.posted_minor, h.posted_entry_id,
            (SELECT p.amount_minor FROM ledger_postings p WHERE p.entry_id = h.posted_entry_id AND p.account_id = h.account_id) AS debited,
            (SELECT p.amount_minor FROM ledger_postings p WHERE p.entry_id = h.posted_entry_id AND p.account_id = h.counterparty_account_id) AS credited
       FROM ledger_holds h`,
  );
  for (const row of rows) {
    if (row.status !== 'posted') continue;
    const posted = row.posted_minor === null ? null : big(row.posted_minor);
    const matches =
      posted !== null &&
      row.debited !== null &&
      row.credited !== null &&
      big(row.debited) === -posted &&
      big(row.credited) === posted;
    if (!matches)
      report({
        check: 'HOLD_POSTING',
        subject: row.id as string,
        message: 'posted hold does not match the postings of its entry',
      });
  }
  return rows.length;
}

/**
 * A closed period's stored closing balances must still be what its postings add up to, from the
 * walk's sums per month. Periods the walk's folded sums already cover, except the last, were
 * checked when the checkpoint was written. Answers the last closed period.
 */
async function checkClosingBalances(
  tx: Transaction,
  walk: ChainWalk,
  report: Report,
): Promise<string | null> {
  const periods = await tx.sql.allArrays<[period: string]>(
    'SELECT period FROM ledger_periods WHERE period >= ? ORDER BY period',
    [walk.foldedThrough ?? ''],
  );
  const cumulative = new Map(walk.folded);
  const months = [...walk.monthSums.keys()].sort();
  let added = 0;
  for (const [period] of periods) {
    for (; added < months.length && months[added] <= period; added += 1)
      for (const [accountId, sum] of walk.monthSums.get(months[added])!)
        addTo(cumulative, accountId, sum);
    const stored = new Map(
      (
        await tx.sql.allArrays<[accountId: string, balance: bigint | string]>(
          'SELECT account_id, balance_minor FROM ledger_closing_balances WHERE period = ?',
          [period],
        )
      ).map(([accountId, balance]) => [accountId, big(balance)]),
    );
    for (const accountId of new Set([...stored.keys(), ...cumulative.keys()])) {
      const was = stored.get(accountId) ?? 0n;
      const now = cumulative.get(accountId) ?? 0n;
      if (was !== now)
        report({
          check: 'CLOSING_BALANCE',
          subject: accountId,
          message: `closing balance of ${period} was ${formatAmount(was)}, the postings now say ${formatAmount(now)}`,
        });
    }
  }
  return periods.at(-1)?.[0] ?? walk.foldedThrough;
}
