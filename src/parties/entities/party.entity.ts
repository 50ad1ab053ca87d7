import { Entity } from 'typeorm';
import * as column from '../../database/columns.js';

export const PARTY_KINDS = ['organisation', 'volunteer', 'business', 'institution'] as const;
export type PartyKind = (typeof PARTY_KINDS)[number];

/** The four stadsdelen of Maastricht, or the whole city. */
export const DISTRICTS = [
  'noord-west',
  'noord-oost',
  'zuid-west-centrum',
  'zuid-oost',
  'city-wide',
] as const;
export type District = (typeof DISTRICTS)[number];

@Entity('parties')
export class Party {
  @column.PrimaryId() id: string;

  @column.Text(20) kind: PartyKind;

  @column.Text(200) name: string;

  @column.Text(20) district: District;

  @column.Text(254, 'contact_email', { nullable: true }) contactEmail: string | null;

  @column.Text(2000, undefined, { nullable: true }) description: string | null;

  /** Volunteers only (YYYY-MM-DD): the fiscal limits depend on age. Personal data: never in reports. */
  @column.CalendarDate('birth_date', { nullable: true }) birthDate: string | null;

  @column.Moment('created_at') createdAt: string;
}
