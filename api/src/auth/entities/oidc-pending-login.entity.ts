import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An OpenID Connect sign-in started and not yet completed (migration 1763900000702). */
@Entity('oidc_pending_login')
export class OidcPendingLoginEntity {
  /** SHA-256 (hex) of the `state` sent to the provider: a copy of the table cannot complete a login. */
  @PrimaryColumn({ name: 'state_hash', type: 'varchar', length: 64 })
  stateHash!: string;

  @Column({ name: 'code_verifier', type: 'varchar', length: 128 })
  codeVerifier!: string;

  @Column({ type: 'varchar', length: 128 })
  nonce!: string;

  @Column({ name: 'expires_at', type: Date })
  expiresAt!: Date;
}
