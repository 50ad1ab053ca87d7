/** The time source of every rule that depends on time: tests inject a fixed one and move it. */
export abstract class Clock {
  abstract now(): Date;
}

/**
 * A clock that can be held at another moment for a while and then let go: the demo loader writes
 * the demo's year of history through the real services this way (seeds/demo-history.ts), at
 * start-up before the server takes requests, and never in production.
 */
export interface PinnableClock {
  pin(moment: Date): void;
  unpin(): void;
}

export function isPinnable(clock: Clock): clock is Clock & PinnableClock {
  return (
    typeof (clock as Partial<PinnableClock>).pin === 'function' &&
    typeof (clock as Partial<PinnableClock>).unpin === 'function'
  );
}

export class SystemClock extends Clock implements PinnableClock {
  private pinned: Date | null = null;

  now(): Date {
    return this.pinned ? new Date(this.pinned.getTime()) : new Date();
  }

  pin(moment: Date): void {
    this.pinned = new Date(moment.getTime());
  }

  unpin(): void {
    this.pinned = null;
  }
}

/** A clock that stands still until told to move: for tests and the benchmark. */
export class ManualClock extends Clock implements PinnableClock {
  private beforePin: Date | null = null;

  constructor(private current: Date = new Date('2026-03-15T10:00:00.000Z')) {
    super();
  }

  now(): Date {
    return new Date(this.current.getTime());
  }

  set(moment: Date | string): void {
    this.current = new Date(moment);
  }

  advance(milliseconds: number): void {
    this.current = new Date(this.current.getTime() + milliseconds);
  }

  /** Holds the clock at `moment` until unpin() brings back the time it showed before. */
  pin(moment: Date): void {
    this.beforePin ??= this.now();
    this.current = new Date(moment.getTime());
  }

  unpin(): void {
    if (this.beforePin) this.current = this.beforePin;
    this.beforePin = null;
  }
}
