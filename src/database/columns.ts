import { Column, PrimaryColumn } from 'typeorm';
import { BIGINT_TRANSFORMER } from './bigint-column.js';

/**
 * The column shapes every entity uses, so that an id, an amount, a moment and a calendar date are
 * stored one way on SQLite and PostgreSQL alike. Imported as a namespace and written inline
 * (`@column.Id('party_id') partyId: string;`)
 * so that an entity reads as the table it maps. The migrations create the same types.
 */

/** A time-ordered UUID as text (src/common/time-ordered-id.ts). */
export const ID_LENGTH = 36;
/** An ISO-8601 instant as the clock writes it, e.g. 2026-12-03T10:15:30.123Z (24 used, room kept). */
export const MOMENT_LENGTH = 32;
/** A Maastricht calendar date, yyyy-mm-dd. */
export const DATE_LENGTH = 10;

interface ColumnChoices {
  nullable?: true;
  unique?: true;
}

/** The column's name if given: an explicit `name: undefined` is not the same to TypeORM. */
function named(name: string | undefined) {
  return name === undefined ? {} : { name };
}

function options(name: string | undefined, choices: ColumnChoices) {
  return { ...named(name), ...choices };
}

export const PrimaryId = (name?: string) =>
  PrimaryColumn({ type: 'varchar', length: ID_LENGTH, ...named(name) });

export const Id = (name?: string, choices: ColumnChoices = {}) =>
  Column({ type: 'varchar', length: ID_LENGTH, ...options(name, choices) });

export const Moment = (name?: string, choices: ColumnChoices = {}) =>
  Column({ type: 'varchar', length: MOMENT_LENGTH, ...options(name, choices) });

export const CalendarDate = (name?: string, choices: ColumnChoices = {}) =>
  Column({ type: 'varchar', length: DATE_LENGTH, ...options(name, choices) });

/** Bounded text: a code, a status, a name. Longer free text is `LongText`. */
export const Text = (length: number, name?: string, choices: ColumnChoices = {}) =>
  Column({ type: 'varchar', length, ...options(name, choices) });

/** Unbounded text, e.g. JSON that a module keeps whole. */
export const LongText = (name?: string, choices: ColumnChoices = {}) =>
  Column({ type: 'text', ...options(name, choices) });

/** Money in minor units (cents of a Steerke or of a euro) as a bigint: never a JS number. */
export const MinorUnits = (name?: string, choices: ColumnChoices = {}) =>
  Column({ type: 'bigint', transformer: BIGINT_TRANSFORMER, ...options(name, choices) });

export const Integer = (name?: string, choices: ColumnChoices & { default?: number } = {}) =>
  Column({ type: 'integer', ...options(name, choices) });

export const PrimaryInteger = () => PrimaryColumn({ type: 'integer' });

/** A natural key as the primary key, e.g. a setting's name. */
export const PrimaryText = (length: number, name?: string) =>
  PrimaryColumn({ type: 'varchar', length, ...named(name) });

/** A yes or no, stored as 0 or 1 so that SQLite and PostgreSQL read it alike. */
const FLAG_TRANSFORMER = {
  to: (flag?: boolean) => (flag ? 1 : 0),
  from: (value: unknown) => Number(value) === 1,
};

export const Flag = (name?: string) =>
  Column({ type: 'integer', default: 0, transformer: FLAG_TRANSFORMER, ...named(name) });
