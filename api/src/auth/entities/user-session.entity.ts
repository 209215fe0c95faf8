import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A signed-in browser. Only hashes of the session token and of its CSRF token are stored, so a
 * copy of the database does not let anyone act as a user.
 */
@Entity('user_session')
export class UserSessionEntity {
  /** SHA-256 (hex) of the session cookie's value. */
  @PrimaryColumn({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash!: string;

  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId!: string;

  @Column({ name: 'csrf_hash', type: 'varchar', length: 64 })
  csrfHash!: string;

  @Column({ name: 'created_at', type: Date })
  createdAt!: Date;

  @Column({ name: 'last_seen_at', type: Date })
  lastSeenAt!: Date;

  @Column({ name: 'expires_at', type: Date })
  expiresAt!: Date;

  @Column({ name: 'revoked_at', type: Date, nullable: true })
  revokedAt!: Date | null;
}
