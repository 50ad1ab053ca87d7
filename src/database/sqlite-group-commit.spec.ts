import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3, { type Database as SqliteConnection } from 'better-sqlite3';
import {
  CHECKPOINT_COMMITS_INTERVAL,
  GROUP_COMMIT_UNITS_MAX,
  SqliteGroupCommit,
  walFileSync,
} from './sqlite-group-commit.js';

/** A real SQLite file in WAL mode, a writer connection for the committer and an observer beside it. */
describe(SqliteGroupCommit.name, () => {
  let folder: string;
  let writer: SqliteConnection;
  let observer: SqliteConnection;
  let committer: SqliteGroupCommit;
  let path: string;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'steerkes-group-commit-'));
    path = join(folder, 'group.sqlite');
    writer = new BetterSqlite3(path);
    writer.pragma('journal_mode = WAL');
    writer.pragma('synchronous = FULL');
    writer.pragma('foreign_keys = ON');
    writer.exec(`CREATE TABLE parent (id INTEGER PRIMARY KEY);
      CREATE TABLE item (id INTEGER PRIMARY KEY, label TEXT NOT NULL UNIQUE,
        parent_id INTEGER REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED)`);
    observer = new BetterSqlite3(path, { readonly: true });
    committer = new SqliteGroupCommit(writer);
  });

  afterEach(() => {
    observer.close();
    writer.close();
    rmSync(folder, { recursive: true, force: true });
  });

  const insert =
    (label: string, parentId: number | null = null) =>
    async () => {
      writer.prepare('INSERT INTO item (label, parent_id) VALUES (?, ?)').run(label, parentId);
      return label;
    };
  const labelsSeenByObserver = () =>
    (observer.prepare('SELECT label FROM item ORDER BY id').all() as Array<{ label: string }>).map(
      (row) => row.label,
    );
  const outcome = (promise: Promise<unknown>) =>
    promise.then(
      (value) => ({ ok: value }),
      (error: Error) => ({ error: error.message }),
    );

  it('lets transactions that arrive together share one durable commit, and answers each only once it is committed', async () => {
    const labels = Array.from({ length: 20 }, (_, index) => `transfer ${index}`);
    const seenWhenAnswered: string[][] = [];
    await Promise.all(
      labels.map((label) =>
        committer.submit('transaction', insert(label)).then(() => {
          expect(writer.inTransaction).toBe(false);
          seenWhenAnswered.push(labelsSeenByObserver());
        }),
      ),
    );
    expect(committer.statistics).toEqual({
      commits: 1,
      committedTransactions: 20,
      largestGroup: 20,
    });
    // Another connection sees every row of the group at the moment the first caller is answered.
    expect(seenWhenAnswered).toEqual(labels.map(() => labels));
  });

  it('commits transactions that come one after another one by one', async () => {
    for (const label of ['first', 'second', 'third']) {
      await committer.submit('transaction', insert(label));
      expect(labelsSeenByObserver().at(-1)).toBe(label);
    }
    expect(committer.statistics).toEqual({ commits: 3, committedTransactions: 3, largestGroup: 1 });
  });

  it('rolls a failing transaction back alone, to its savepoint, and keeps the rest of the group', async () => {
    const failing = async () => {
      await insert('refused')();
      throw new Error('insufficient funds');
    };
    const outcomes = await Promise.all([
      outcome(committer.submit('transaction', insert('before'))),
      outcome(committer.submit('transaction', failing)),
      outcome(committer.submit('transaction', insert('after'))),
      // A constraint error inside a unit is that unit's alone too.
      outcome(committer.submit('transaction', insert('before'))),
    ]);
    expect(outcomes).toEqual([
      { ok: 'before' },
      { error: 'insufficient funds' },
      { ok: 'after' },
      { error: expect.stringContaining('UNIQUE constraint failed') },
    ]);
    expect(labelsSeenByObserver()).toEqual(['before', 'after']);
    expect(committer.statistics.commits).toBe(1);
  });

  it('answers a failing first transaction at once, rolled back whole, and lets the others form the next group', async () => {
    const failing = async () => {
      await insert('refused first')();
      throw new Error('account frozen');
    };
    const outcomes = await Promise.all([
      outcome(committer.submit('transaction', failing)),
      outcome(committer.submit('transaction', insert('second'))),
      outcome(committer.submit('transaction', insert('third'))),
    ]);
    expect(outcomes).toEqual([{ error: 'account frozen' }, { ok: 'second' }, { ok: 'third' }]);
    expect(labelsSeenByObserver()).toEqual(['second', 'third']);
    expect(committer.statistics).toEqual({ commits: 1, committedTransactions: 2, largestGroup: 2 });
  });

  it('tells every unit of the group when the COMMIT fails, and keeps nothing of the group', async () => {
    // A deferred foreign key is checked at COMMIT only: the group's COMMIT fails, as on a full disk.
    const outcomes = await Promise.all([
      outcome(committer.submit('transaction', insert('fine'))),
      outcome(committer.submit('transaction', insert('dangling', 404))),
      outcome(
        committer.submit('read', async () =>
          writer.prepare('SELECT count(*) AS n FROM item').get(),
        ),
      ),
    ]);
    expect(outcomes).toEqual([0, 1, 2].map(() => ({ error: 'FOREIGN KEY constraint failed' })));
    expect(writer.inTransaction).toBe(false);
    expect(labelsSeenByObserver()).toEqual([]);
    expect(committer.statistics.commits).toBe(0);
    // The committer goes on with the next group.
    await committer.submit('transaction', insert('next'));
    expect(labelsSeenByObserver()).toEqual(['next']);
  });

  it('fails the whole group when SQLite ends the transaction during a unit (as it does on an I/O error)', async () => {
    const endsTheTransaction = async () => {
      writer.prepare('ROLLBACK').run();
      throw new Error('disk I/O error');
    };
    const outcomes = await Promise.all([
      outcome(committer.submit('transaction', insert('earlier'))),
      outcome(committer.submit('transaction', endsTheTransaction)),
    ]);
    const later = await outcome(committer.submit('transaction', insert('later')));
    expect(outcomes).toEqual([{ error: 'disk I/O error' }, { error: 'disk I/O error' }]);
    expect(later).toEqual({ ok: 'later' });
    expect(labelsSeenByObserver()).toEqual(['later']);
  });

  it('runs a read at once while no group is open, and holds a read made during a group until the group commits', async () => {
    await committer.submit('transaction', insert('committed'));
    const count = async () =>
      (writer.prepare('SELECT count(*) AS n FROM item').get() as { n: number }).n;
    expect(await committer.submit('read', count)).toBe(1);
    expect(committer.statistics.commits).toBe(1);

    let releaseTransaction!: () => void;
    const transactionMayFinish = new Promise<void>((resolve) => (releaseTransaction = resolve));
    const slowTransaction = committer.submit('transaction', async () => {
      await insert('in the group')();
      await transactionMayFinish;
    });
    const readDuringGroup = committer.submit('read', count).then((seen) => ({
      seen,
      committedWhenAnswered: labelsSeenByObserver().includes('in the group'),
    }));
    releaseTransaction();
    await slowTransaction;
    // The read ran after the transaction, inside the same group; it was answered once that was durable.
    expect(await readDuringGroup).toEqual({ seen: 2, committedWhenAnswered: true });
    expect(committer.statistics.commits).toBe(2);
  });

  it('gives work on its way one turn of the event loop to join the group', async () => {
    let late!: Promise<unknown>;
    await committer.submit('transaction', async () => {
      // Submitted a turn later, as a request read from the network after this one would be.
      late = new Promise((resolve) =>
        setImmediate(() => resolve(committer.submit('transaction', insert('late, joins')))),
      );
      return insert('first')();
    });
    await late;
    expect(committer.statistics).toEqual({ commits: 1, committedTransactions: 2, largestGroup: 2 });
    expect(labelsSeenByObserver()).toEqual(['first', 'late, joins']);
  });

  it(`commits at most ${GROUP_COMMIT_UNITS_MAX} transactions together`, async () => {
    const count = GROUP_COMMIT_UNITS_MAX + 44;
    await Promise.all(
      Array.from({ length: count }, (_, index) =>
        committer.submit('transaction', insert(`t${index}`)),
      ),
    );
    expect(committer.statistics).toEqual({
      commits: 2,
      committedTransactions: count,
      largestGroup: GROUP_COMMIT_UNITS_MAX,
    });
    expect(labelsSeenByObserver()).toHaveLength(count);
  });

  describe('with the WAL made durable off the event loop (walSync)', () => {
    /** A walSync whose fsyncs the test finishes (or fails) one by one, in the order they were asked. */
    function controlledSync() {
      const pending: Array<{ resolve: () => void; reject: (error: Error) => void }> = [];
      const sync = () =>
        new Promise<void>((resolve, reject) => {
          pending.push({ resolve, reject });
        });
      const asked = async (count: number) => {
        for (let turn = 0; turn < 1000 && pending.length < count; turn += 1)
          await new Promise((resolve) => setImmediate(resolve));
        expect(pending).toHaveLength(count);
      };
      return { sync, pending, asked };
    }
    const settledYet = (promise: Promise<unknown>) => {
      const state = { settled: false };
      void promise.then(
        () => (state.settled = true),
        () => (state.settled = true),
      );
      return state;
    };
    const turns = async (count: number) => {
      for (let turn = 0; turn < count; turn += 1)
        await new Promise((resolve) => setImmediate(resolve));
    };

    it('answers a group only once its fsync has returned, and runs the next group meanwhile', async () => {
      const wal = controlledSync();
      committer = new SqliteGroupCommit(writer, wal.sync);
      const first = committer.submit('transaction', insert('first'));
      const firstAnswered = settledYet(first);
      await wal.asked(1);
      // Committed (another connection sees it) but not yet durable: nobody has heard of it.
      expect(labelsSeenByObserver()).toEqual(['first']);
      expect(firstAnswered.settled).toBe(false);

      const second = committer.submit('transaction', insert('second'));
      const secondAnswered = settledYet(second);
      for (let turn = 0; turn < 100 && labelsSeenByObserver().length < 2; turn += 1) await turns(1);
      expect(labelsSeenByObserver()).toEqual(['first', 'second']);
      expect(firstAnswered.settled || secondAnswered.settled).toBe(false);

      wal.pending[0].resolve();
      expect(await first).toBe('first');
      await wal.asked(2); // the second group's fsync starts when the first returns
      await turns(3);
      expect(secondAnswered.settled).toBe(false);
      wal.pending[1].resolve();
      expect(await second).toBe('second');
      expect(committer.statistics.commits).toBe(2);
    });

    it('runs one fsync at a time: commits made while one runs share the next', async () => {
      const wal = controlledSync();
      committer = new SqliteGroupCommit(writer, wal.sync);
      const first = committer.submit('transaction', insert('first'));
      await wal.asked(1);
      // Three groups commit one after another while the first fsync runs.
      const later = ['second', 'third', 'fourth'].map((label) => {
        const answer = committer.submit('transaction', insert(label));
        return answer;
      });
      for (let turn = 0; turn < 100 && labelsSeenByObserver().length < 4; turn += 1) await turns(1);
      expect(labelsSeenByObserver()).toEqual(['first', 'second', 'third', 'fourth']);
      expect(wal.pending).toHaveLength(1);
      wal.pending[0].resolve();
      expect(await first).toBe('first');
      await wal.asked(2); // one fsync for the three
      wal.pending[1].resolve();
      expect(await Promise.all(later)).toEqual(['second', 'third', 'fourth']);
    });

    it('holds a read made between a commit and its fsync until the fsync has returned', async () => {
      const wal = controlledSync();
      committer = new SqliteGroupCommit(writer, wal.sync);
      const written = committer.submit('transaction', insert('not yet durable'));
      await wal.asked(1);
      const read = committer.submit('read', async () => labelsSeenByObserver());
      const readAnswered = settledYet(read);
      await turns(5);
      expect(readAnswered.settled).toBe(false);
      wal.pending[0].resolve();
      expect(await read).toEqual(['not yet durable']);
      await written;
    });

    it('tells the group when its fsync fails, and refuses everything after it', async () => {
      const wal = controlledSync();
      committer = new SqliteGroupCommit(writer, wal.sync);
      const written = outcome(committer.submit('transaction', insert('fate unknown')));
      await wal.asked(1);
      const readAfter = outcome(committer.submit('read', async () => 'read'));
      wal.pending[0].reject(new Error('EIO: i/o error, fdatasync'));
      expect(await written).toEqual({ error: 'EIO: i/o error, fdatasync' });
      expect(await readAfter).toEqual({ error: 'EIO: i/o error, fdatasync' });
      const later = await outcome(committer.submit('transaction', insert('later')));
      expect(later).toEqual({ error: 'EIO: i/o error, fdatasync' });
      expect(labelsSeenByObserver()).not.toContain('later');
    });

    it('commits without SQLite fsync, keeps other writes durable by themselves, and checkpoints itself', async () => {
      committer = new SqliteGroupCommit(writer, walFileSync(path));
      expect(writer.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
      const payload = 'x'.repeat(2000);
      const databaseFileBytes = () => statSync(path).size;
      const before = databaseFileBytes();
      for (let index = 1; index < CHECKPOINT_COMMITS_INTERVAL; index += 1)
        await committer.submit('transaction', insert(`${index} ${payload}`));
      // Everything is still in the WAL: the database file has not grown.
      expect(databaseFileBytes()).toBe(before);
      expect(writer.pragma('synchronous', { simple: true })).toBe(2); // FULL between groups
      await committer.submit('transaction', insert(`last ${payload}`));
      // The interval's commit copied the WAL into the file (with its fsyncs).
      expect(databaseFileBytes()).toBeGreaterThan(before + CHECKPOINT_COMMITS_INTERVAL * 2000);
      expect(labelsSeenByObserver()).toHaveLength(CHECKPOINT_COMMITS_INTERVAL);
    });
  });
});
