import { Column, Entity, PrimaryColumn } from 'typeorm';

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
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 20 })
  kind: PartyKind;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 20 })
  district: District;

  @Column({ type: 'varchar', length: 254, nullable: true, name: 'contact_email' })
  contactEmail: string | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  description: string | null;

  /** Volunteers only (YYYY-MM-DD): the fiscal limits depend on age. Personal data: never in reports. */
  @Column({ type: 'varchar', length: 10, nullable: true, name: 'birth_date' })
  birthDate: string | null;

  @Column({ type: 'varchar', length: 32, name: 'created_at' })
  createdAt: string;
}
