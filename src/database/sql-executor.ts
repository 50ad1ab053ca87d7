import type { Database as SqliteConnection, Statement } from 'better-sqlite3';
import type { QueryRunner } from 'typeorm';

export type Dialect = 'sqlite' | 'postgres';

/**
 * Plain SQL inside the current transaction, for the ledger's hot path. SQL is written once with
 * `?` placeholders; the PostgreSQL executor numbers them. Integer columns come back as bigint
 * on SQLite and as string on PostgreSQL: read them with BigInt(value).
 */
export interface SqlExecutor {
  readonly dialect: Dialect;
  all<Row>(sql: string, parameters?: readonly unknown[]): Promise<Row[]>;
  get<Row>(sql: string, parameters?: readonly unknown[]): Promise<Row | undefined>;
  /**
   * Rows as arrays of their values in the SELECT's column order: for reads of very many rows (the
   * integrity check), where an object with named properties per row cost 40 % of the read.
   */
  allArrays<Row extends unknown[]>(sql: string, parameters?: readonly unknown[]): Promise<Row[]>;
  /** Runs a statement and answers how many rows it changed. */
  run(sql: string, parameters?: readonly unknown[]): Promise<number>;
}

/** Prepared statements on the single better-sqlite3 connection, cached by their SQL text. */
export class SqliteExecutor implements SqlExecutor {
  readonly dialect = 'sqlite';
  private readonly statements = new Map<string, Statement>();
  private readonly arrayStatements = new Map<string, Statement>();

  constructor(private readonly connection: SqliteConnection) {}

  async all<Row>(sql: string, parameters: readonly unknown[] = []): Promise<Row[]> {
    return this.statement(sql).all(...toSqlite(parameters)) as Row[];
  }

  async get<Row>(sql: string, parameters: readonly unknown[] = []): Promise<Row | undefined> {
    return this.statement(sql).get(...toSqlite(parameters)) as Row | undefined;
  }

  async allArrays<Row extends unknown[]>(
    sql: string,
    parameters: readonly unknown[] = [],
  ): Promise<Row[]> {
    let statement = this.arrayStatements.get(sql);
    if (!statement) {
      statement = this.connection.prepare(sql).safeIntegers(true).raw(true);
      this.arrayStatements.set(sql, statement);
    }
    return statement.all(...toSqlite(parameters)) as Row[];
  }

  async run(sql: string, parameters: readonly unknown[] = []): Promise<number> {
    return this.statement(sql).run(...toSqlite(parameters)).changes;
  }

  private statement(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.connection.prepare(sql);
      if (statement.reader) statement.safeIntegers(true);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}

/** better-sqlite3 binds neither booleans nor undefined; most calls have neither and pass as they are. */
function toSqlite(parameters: readonly unknown[]): readonly unknown[] {
  for (const value of parameters) {
    if (value === undefined || typeof value === 'boolean') {
      return parameters.map((item) =>
        item === undefined ? null : typeof item === 'boolean' ? (item ? 1 : 0) : item,
      );
    }
  }
  return parameters;
}

/** Statements through the transaction's pooled PostgreSQL client. */
export class PostgresExecutor implements SqlExecutor {
  readonly dialect = 'postgres';
  private static readonly numbered = new Map<string, string>();

  constructor(private readonly queryRunner: QueryRunner) {}

  async all<Row>(sql: string, parameters: readonly unknown[] = []): Promise<Row[]> {
    const result = await this.queryRunner.query(
      PostgresExecutor.number(sql),
      toPostgres(parameters),
      true,
    );
    return result.records as Row[];
  }

  async get<Row>(sql: string, parameters: readonly unknown[] = []): Promise<Row | undefined> {
    return (await this.all<Row>(sql, parameters))[0];
  }

  /** pg builds each row's object in the SELECT's column order; our SELECTs never repeat a column name. */
  async allArrays<Row extends unknown[]>(
    sql: string,
    parameters: readonly unknown[] = [],
  ): Promise<Row[]> {
    return (await this.all<Record<string, unknown>>(sql, parameters)).map(
      (row) => Object.values(row) as Row,
    );
  }

  async run(sql: string, parameters: readonly unknown[] = []): Promise<number> {
    const result = await this.queryRunner.query(
      PostgresExecutor.number(sql),
      toPostgres(parameters),
      true,
    );
    return result.affected ?? 0;
  }

  /** `?` → `$1, $2, …`; our SQL never holds a literal question mark. */
  private static number(sql: string): string {
    let numbered = PostgresExecutor.numbered.get(sql);
    if (!numbered) {
      let index = 0;
      numbered = sql.replace(/\?/g, () => `$${++index}`);
      PostgresExecutor.numbered.set(sql, numbered);
    }
    return numbered;
  }
}

function toPostgres(parameters: readonly unknown[]): unknown[] {
  return parameters.map((value) =>
    typeof value === 'bigint' ? value.toString() : value === undefined ? null : value,
  );
}
