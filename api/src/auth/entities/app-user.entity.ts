import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Role, TerritoryRef } from '../roles';

/** A person who signs in to the observatory (staff of a council, rectorate, programme …). */
@Entity('app_user')
export class AppUserEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  /** Stored lower-case; the sign-in identifier and the OpenID Connect mapping key. */
  @Column({ type: 'varchar', length: 254, unique: true })
  email!: string;

  @Column({ name: 'display_name', type: 'varchar', length: 200 })
  displayName!: string;

  @Column({ type: 'varchar', length: 32 })
  role!: Role;

  @Column({ type: 'simple-json' })
  territories!: TerritoryRef[];

  /** Null for accounts that sign in only through single sign-on. */
  @Column({ name: 'password_hash', type: 'text', nullable: true })
  passwordHash!: string | null;

  @Column({ name: 'must_change_password', type: 'boolean', default: false })
  mustChangePassword!: boolean;

  @Column({ name: 'failed_logins', type: 'integer', default: 0 })
  failedLogins!: number;

  @Column({ name: 'locked_until', type: Date, nullable: true })
  lockedUntil!: Date | null;

  @Column({ name: 'created_at', type: Date })
  createdAt!: Date;

  @Column({ name: 'disabled_at', type: Date, nullable: true })
  disabledAt!: Date | null;
}
