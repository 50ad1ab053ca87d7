/** An answer to an idempotent request, and whether it repeats an earlier one. */
export interface Replayable<T> {
  result: T;
  replayed: boolean;
}
