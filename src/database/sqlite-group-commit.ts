import { open, type FileHandle } from 'node:fs/promises';
import type { Database as SqliteConnection, Statement } from 'better-sqlite3';

/** Most units (transactions and reads) that share one durable commit. */
export const GROUP_COMMIT_UNITS_MAX = 256;
/** How long a group waits for late arrivals at most, so that its first unit's answer is not held long. */
export const GROUP_COMMIT_OPEN_MILLISECONDS_MAX = 10;

/**
 * Group commits between two checkpoints of the WAL into the database file. SQLite's own automatic
 * checkpoint is off on a committer's connection (it would run inside a COMMIT made without an
 * fsync, and copy frames into the database file before they are durable), so the committer runs a
 * checkpoint itself, with fsyncs, every this many commits.
 */
export const CHECKPOINT_COMMITS_INTERVAL = 200;

/**
 * Makes what the connection has committed so far durable: an fdatasync of the WAL file, off the
 * event loop (see WalFileSync). Resolves once everything committed before the call is on disk.
 */
export type WalSync = () => Promise<void>;

/** A transaction writes, and is rolled back alone when it fails; a read never writes. */
export type UnitKind = 'transaction' | 'read';

interface QueuedUnit {
  kind: UnitKind;
  work: () => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

interface FinishedUnit {
  unit: QueuedUnit;
  outcome: Outcome;
}

/** What the committer has done since it was made: how many transactions shared each commit (the tests assert it). */
export interface GroupCommitStatistics {
  /** Durable commits (one per group). */
  commits: number;
  /** Transactions committed, summed over the groups. */
  committedTransactions: number;
  largestGroup: number;
}

/**
 * Group commit on the single better-sqlite3 connection. The durable COMMIT (an fsync of the WAL)
 * costs more than the work of a transfer, so transactions that arrive together share one: the
 * first runs in the group transaction itself, each later one in a SAVEPOINT of it (a failing one is
 * rolled back to its savepoint alone; a failing first one takes the whole transaction with it,
 * which holds nothing else). The first needs no savepoint, and is spared one because under a
 * savepoint SQLite copies every page a statement first touches into a sub-journal: that cost a
 * lone transaction a fifth of its speed. The group COMMITs once no further work is waiting, or at GROUP_COMMIT_UNITS_MAX, or after
 * GROUP_COMMIT_OPEN_MILLISECONDS_MAX. No caller hears its outcome before the group's COMMIT has
 * returned: an answer, a refusal too, may rest on what earlier units in the group wrote, and none of
 * that is durable before then. If the COMMIT fails (a full disk), every unit of the group gets that
 * error and nothing of the group is kept.
 *
 * Reads that arrive while no group is open run at once, outside a transaction, and see committed
 * data; a read that arrives while a group is open runs inside it and is answered with the group.
 * Work runs one unit at a time, in arrival order: the connection is shared.
 */
export class SqliteGroupCommit {
  readonly statistics: GroupCommitStatistics = {
    commits: 0,
    committedTransactions: 0,
    largestGroup: 0,
  };
  private readonly queue: QueuedUnit[] = [];
  private draining = false;
  private readonly statements: Record<
    | 'begin'
    | 'commit'
    | 'rollback'
    | 'savepoint'
    | 'release'
    | 'rollbackToSavepoint'
    | 'synchronousOff'
    | 'synchronousFull'
    | 'checkpoint',
    Statement
  >;
  /** The fsync of the latest commit while it runs: what a read of committed data must wait for. */
  private durability: Promise<void> | null = null;
  /** Set when an fsync failed: what was committed may not be on disk, so nothing is answered any more. */
  private broken: Error | null = null;
  private commitsSinceCheckpoint = 0;
  /** The fsync running now, and the one that will start after it for the commits made meanwhile. */
  private syncRunning: Promise<void> | null = null;
  private syncNext: Promise<void> | null = null;
  /** A group (with walSync: under synchronous=OFF) is running: no checkpoint now. */
  private groupRunning = false;

  /**
   * Without `walSync` each COMMIT is durable by itself (synchronous=FULL: SQLite fsyncs the WAL in
   * the COMMIT, on the event loop). With it the COMMIT only writes the WAL, and `walSync` makes it
   * durable in the thread pool while the next group already runs; a group's units are answered
   * only when their fsync has returned. The fsync of a busy disk took 3 to 6 ms on the benchmark
   * machine, and the server could do nothing else while it ran.
   */
  constructor(
    private readonly connection: SqliteConnection,
    private readonly walSync?: WalSync,
  ) {
    // Prepared once: TypeORM's own transaction calls cost more than the inserts of a transfer.
    this.statements = {
      begin: connection.prepare('BEGIN'),
      commit: connection.prepare('COMMIT'),
      rollback: connection.prepare('ROLLBACK'),
      savepoint: connection.prepare('SAVEPOINT unit'),
      release: connection.prepare('RELEASE unit'),
      rollbackToSavepoint: connection.prepare('ROLLBACK TO unit'),
      synchronousOff: connection.prepare('PRAGMA synchronous = OFF'),
      synchronousFull: connection.prepare('PRAGMA synchronous = FULL'),
      checkpoint: connection.prepare('PRAGMA wal_checkpoint(PASSIVE)'),
    };
    if (walSync) connection.pragma('wal_autocheckpoint = 0');
  }

  submit<T>(kind: UnitKind, work: () => Promise<T>): Promise<T> {
    if (this.broken !== null) return Promise.reject(this.broken);
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ kind, work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.draining) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.queue.length > 0) {
        const next = this.queue[0];
        if (next.kind === 'read') {
          this.queue.shift();
          this.settleWhenDurable([{ unit: next, outcome: await outcomeOf(next.work) }]);
        } else {
          await this.runGroup();
        }
      }
    } finally {
      this.draining = false;
    }
  }

  /**
   * With walSync, the group's COMMIT only writes the WAL (synchronous=OFF, which SQLite lets change
   * only between transactions); every other write on the connection (migrations, start-up) stays
   * durable by itself under synchronous=FULL.
   */
  private async runGroup(): Promise<void> {
    if (!this.walSync) return this.runGroupTransaction();
    this.statements.synchronousOff.run();
    this.groupRunning = true;
    try {
      await this.runGroupTransaction();
    } finally {
      this.groupRunning = false;
      if (!this.connection.inTransaction) this.statements.synchronousFull.run();
    }
  }

  private async runGroupTransaction(): Promise<void> {
    const finished: FinishedUnit[] = [];
    let running: QueuedUnit | undefined;
    const openedAt = performance.now();
    try {
      this.statements.begin.run();
      while (finished.length < GROUP_COMMIT_UNITS_MAX && (await this.moreWorkArrives(openedAt))) {
        running = this.queue.shift()!;
        const first = finished.length === 0;
        const outcome =
          running.kind === 'read' || first
            ? await outcomeOf(running.work)
            : await this.runInSavepoint(running);
        if (first && !outcome.ok) {
          // Nothing else is in the transaction: roll it back whole, and answer once what it read
          // is durable (the refusal rests on committed data only); the units waiting form the
          // next group.
          if (this.connection.inTransaction) this.statements.rollback.run();
          this.settleWhenDurable([{ unit: running, outcome }]);
          return;
        }
        finished.push({ unit: running, outcome });
        running = undefined;
        // SQLite ends the whole transaction by itself on some errors (a full disk, an I/O error):
        // then the group's earlier work is gone too, and its units must not be told otherwise.
        if (!this.connection.inTransaction)
          throw outcome.ok ? new Error('the group transaction ended during a unit') : outcome.error;
      }
      this.statements.commit.run();
    } catch (error) {
      this.abandonGroup(error, finished, running);
      return;
    }
    this.recordCommit(finished);
    if (this.walSync) this.durability = this.makeDurable(finished);
    else for (const { unit, outcome } of finished) settle(unit, outcome);
  }

  /**
   * The group's fsync, in the thread pool; its units hear their outcomes when it has returned. A
   * failed fsync leaves the committed data's fate unknown (the kernel may have dropped the pages):
   * the group hears the error, and the committer refuses everything from then on, so that no
   * answer rests on data that may be gone. The process must be restarted, as PostgreSQL does.
   */
  private makeDurable(finished: FinishedUnit[]): Promise<void> {
    const durable = this.syncCommitted().then(
      () => {
        for (const { unit, outcome } of finished) settle(unit, outcome);
        this.checkpointNowAndThen();
      },
      (error: unknown) => {
        this.broken = error instanceof Error ? error : new Error(String(error));
        for (const { unit } of finished) unit.reject(this.broken);
        for (const waiting of this.queue.splice(0)) waiting.reject(this.broken);
      },
    );
    return durable.finally(() => {
      if (this.durability === durable) this.durability = null;
    });
  }

  /**
   * An fsync that covers every commit made so far. At most one runs at a time: a commit made while
   * one runs waits for the next, which starts when the running one returns and covers every commit
   * made meanwhile. Without that, small groups asked for one fsync each, and the disk, given
   * several at once, took longer over each.
   */
  private syncCommitted(): Promise<void> {
    if (this.syncRunning === null) return this.startSync();
    this.syncNext ??= this.syncRunning.then(
      () => this.startSync(),
      () => this.startSync(),
    );
    return this.syncNext;
  }

  private startSync(): Promise<void> {
    this.syncNext = null;
    const running = this.walSync!();
    this.syncRunning = running;
    const finished = () => {
      if (this.syncRunning === running) this.syncRunning = null;
    };
    running.then(finished, finished);
    return running;
  }

  /**
   * Copies the WAL into the database file now and then, with the connection's fsyncs (it runs
   * under synchronous=FULL): the WAL first, so that only durable frames are copied, then the file.
   * Between groups, after an fsync has returned: the frames it copies are durable.
   */
  private checkpointNowAndThen(): void {
    this.commitsSinceCheckpoint += 1;
    if (this.commitsSinceCheckpoint < CHECKPOINT_COMMITS_INTERVAL) return;
    // A group is running (under synchronous=OFF): the next fsync tries again.
    if (this.groupRunning || this.connection.inTransaction) return;
    this.commitsSinceCheckpoint = 0;
    this.statements.checkpoint.get();
  }

  /** Answers units that ran outside a group once what they may have read is durable. */
  private settleWhenDurable(finished: FinishedUnit[]): void {
    const settleAll = () => {
      for (const { unit, outcome } of finished)
        if (this.broken === null) settle(unit, outcome);
        else unit.reject(this.broken);
    };
    if (this.durability === null) settleAll();
    else void this.durability.then(settleAll);
  }

  /** Nothing of the group is kept: every unit in it hears why, and the queue moves on. */
  private abandonGroup(
    error: unknown,
    finished: FinishedUnit[],
    running: QueuedUnit | undefined,
  ): void {
    try {
      if (this.connection.inTransaction) this.statements.rollback.run();
    } catch {
      // The connection reports its state again on the next statement; the units hear the first error.
    }
    for (const { unit } of finished) unit.reject(error);
    if (running) running.reject(error);
    // BEGIN itself failed: the first waiting transaction hears it, so that the queue cannot stall.
    else if (finished.length === 0) this.queue.shift()?.reject(error);
  }

  /**
   * Whether another unit is waiting, giving work already on its way one turn of the event loop to
   * arrive: requests read from the network in the same turn join this group instead of the next.
   * Always, not only once transactions have been seen coming together: a group runs without
   * yielding, so nothing can be seen arriving during it, and groups of one would stay groups of one
   * (tried: 64 connections fell from about 1,000 to 490 transfers/s). The turn costs a sequential
   * caller a few microseconds.
   */
  private async moreWorkArrives(openedAt: number): Promise<boolean> {
    if (this.queue.length > 0) return true;
    if (performance.now() - openedAt >= GROUP_COMMIT_OPEN_MILLISECONDS_MAX) return false;
    await new Promise<void>((resolve) => setImmediate(resolve));
    return this.queue.length > 0;
  }

  private async runInSavepoint(unit: QueuedUnit): Promise<Outcome> {
    this.statements.savepoint.run();
    const outcome = await outcomeOf(unit.work);
    if (!this.connection.inTransaction) return outcome;
    if (!outcome.ok) this.statements.rollbackToSavepoint.run();
    this.statements.release.run();
    return outcome;
  }

  private recordCommit(finished: FinishedUnit[]): void {
    const transactions = finished.filter(({ unit }) => unit.kind === 'transaction').length;
    this.statistics.commits += 1;
    this.statistics.committedTransactions += transactions;
    this.statistics.largestGroup = Math.max(this.statistics.largestGroup, transactions);
  }
}

async function outcomeOf(work: () => Promise<unknown>): Promise<Outcome> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    return { ok: false, error };
  }
}

function settle(unit: QueuedUnit, outcome: Outcome): void {
  if (outcome.ok) unit.resolve(outcome.value);
  else unit.reject(outcome.error);
}

/**
 * fdatasync of a database's WAL file (`<file>-wal`) through a handle of its own, in libuv's thread
 * pool. Linux flushes a file's pages whichever descriptor asks, so SQLite's writes through its own
 * descriptor are covered. The WAL file exists once the connection has committed in WAL mode, and
 * stays while the connection is open: opened on the first call.
 */
export function walFileSync(databaseFile: string): WalSync & { close(): Promise<void> } {
  let handle: Promise<FileHandle> | null = null;
  const sync = async () => {
    handle ??= open(`${databaseFile}-wal`, 'r');
    await (await handle).datasync();
  };
  /** Closes the handle (at shutdown); a later sync opens it again. */
  const close = async () => {
    const opened = handle;
    handle = null;
    if (opened) await (await opened).close();
  };
  return Object.assign(sync, { close });
}
