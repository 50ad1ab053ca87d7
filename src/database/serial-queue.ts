/**
 * Runs tasks one at a time, in arrival order. better-sqlite3 gives TypeORM one shared connection,
 * so two transactions must never interleave on it: this queue is what keeps them apart.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    // The queue continues whatever the task's outcome; the caller still sees its rejection.
    this.tail = result.catch(() => undefined);
    return result;
  }
}
