import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Role } from '../../common/roles.js';

@Entity('users')
export class User {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  /** Stored lower-case, so that logging in is case-insensitive. */
  @Column({ type: 'varchar', length: 254, unique: true })
  email: string;

  @Column({ type: 'varchar', length: 200, name: 'password_hash' })
  passwordHash: string;

  @Column({ type: 'varchar', length: 20 })
  role: Role;

  /** The party this user acts for; null for admins and fund treasurers. */
  @Column({ type: 'varchar', length: 36, nullable: true, name: 'party_id' })
  partyId: string | null;

  @Column({ type: 'varchar', length: 200, name: 'display_name' })
  displayName: string;

  @Column({ type: 'varchar', length: 32, name: 'created_at' })
  createdAt: string;

  /** Carried in every token as `sv`; raising it revokes all the user's sessions at once. */
  @Column({ type: 'integer', name: 'session_version', default: 1 })
  sessionVersion: number;
}
