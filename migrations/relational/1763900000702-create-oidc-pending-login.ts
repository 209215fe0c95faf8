import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { timestampType } from '../src/portable-column-types';

/**
 * `oidc_pending_login`: an OpenID Connect sign-in between `/auth/oidc/login` and its callback,
 * shared by every API process of the store (behind a load balancer the callback may reach another
 * one). Keyed by the SHA-256 of the `state`; deleted when used (single use) or expired.
 */
export class CreateOidcPendingLogin1763900000702 implements MigrationInterface {
  name = 'CreateOidcPendingLogin1763900000702';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'oidc_pending_login',
        columns: [
          { name: 'state_hash', type: 'varchar', length: '64', isPrimary: true },
          { name: 'code_verifier', type: 'varchar', length: '128' },
          { name: 'nonce', type: 'varchar', length: '128' },
          { name: 'expires_at', type: timestampType(queryRunner) },
        ],
        indices: [new TableIndex({ name: 'idx_oidc_pending_login_expires', columnNames: ['expires_at'] })],
      }),
      true,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('oidc_pending_login', true);
  }
}
