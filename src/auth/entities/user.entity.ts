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

  /** When an admin disabled the user; null while enabled. A disabled user cannot log in or refresh. */
  @Column({ type: 'varchar', length: 32, nullable: true, name: 'disabled_at' })
  disabledAt: string | null;

  /** A demo login, with the demo's public password: production refuses to start while one exists. */
  @Column({
    type: 'integer',
    default: 0,
    transformer: {
      to: (demo?: boolean) => (demo ? 1 : 0),
      from: (value: unknown) => Number(value) === 1,
    },
  })
  demo: boolean;

  /** SHA-256 (hex) of the one-time password-reset code an admin made; null when none is open. */
  @Column({ type: 'varchar', length: 64, nullable: true, name: 'password_reset_hash' })
  passwordResetHash: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true, name: 'password_reset_expires_at' })
  passwordResetExpiresAt: string | null;
}
