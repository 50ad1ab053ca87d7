import type { Database } from '../database/database.service.js';

/**
 * A configuration value (the pass policy, the guardrail switch, the fiscal limits) kept in the
 * process, so that a redemption does not read it from its table each time. Only on SQLite, where
 * this one process owns the database file and every change goes through it; on PostgreSQL several
 * instances share the tables and a change made through one would not reach the others' caches, so
 * there every read goes to the database (docs/ARCHITECTURE.md, "Configuration caches").
 *
 * A change runs through `change`: the value is forgotten when the change starts and again when
 * its transaction has settled (committed or rolled back; the SQLite group committer answers only
 * after the durable COMMIT), and nothing read while a change is under way is kept. The settings
 * are changed in a transaction of their own (the admin's request), never joined into a larger one.
 */
export class ConfigurationCache<Value> {
  private kept: { value: Value } | null = null;
  /** Counts changes, so that a read that began before one does not keep what it read. */
  private generation = 0;
  private changesUnderWay = 0;
  private readonly enabled: boolean;

  constructor(database: Database) {
    this.enabled = database.dialect === 'sqlite';
  }

  async read(load: () => Promise<Value>): Promise<Value> {
    if (this.kept) return this.kept.value;
    const generation = this.generation;
    const value = await load();
    if (this.enabled && this.changesUnderWay === 0 && generation === this.generation)
      this.kept = { value };
    return value;
  }

  async change<Result>(work: () => Promise<Result>): Promise<Result> {
    this.forget();
    this.changesUnderWay += 1;
    try {
      return await work();
    } finally {
      this.changesUnderWay -= 1;
      this.forget();
    }
  }

  private forget(): void {
    this.generation += 1;
    this.kept = null;
  }
}
