import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { timestampType } from '../src/portable-column-types';

/** Accounts, their sessions, and the audit log of API accesses. */
export class CreateAccountsAndAuditLog1763900000301 implements MigrationInterface {
  name = 'CreateAccountsAndAuditLog1763900000301';

  async up(queryRunner: QueryRunner): Promise<void> {
    const ts = timestampType(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'app_user',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'email', type: 'varchar', length: '254', isUnique: true },
          { name: 'display_name', type: 'varchar', length: '200' },
          { name: 'role', type: 'varchar', length: '32' },
          { name: 'territories', type: 'text' },
          { name: 'password_hash', type: 'text', isNullable: true },
          { name: 'must_change_password', type: 'boolean', default: false },
          { name: 'failed_logins', type: 'integer', default: 0 },
          { name: 'locked_until', type: ts, isNullable: true },
          { name: 'created_at', type: ts },
          { name: 'disabled_at', type: ts, isNullable: true },
        ],
      }),
      true,
    );
    await queryRunner.createTable(
      new Table({
        name: 'user_session',
        columns: [
          { name: 'token_hash', type: 'varchar', length: '64', isPrimary: true },
          { name: 'user_id', type: 'varchar', length: '36' },
          { name: 'csrf_hash', type: 'varchar', length: '64' },
          { name: 'created_at', type: ts },
          { name: 'last_seen_at', type: ts },
          { name: 'expires_at', type: ts },
          { name: 'revoked_at', type: ts, isNullable: true },
        ],
        foreignKeys: [{ columnNames: ['user_id'], referencedTableName: 'app_user', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
      }),
      true,
    );
    await queryRunner.createIndex('user_session', new TableIndex({ name: 'idx_user_session_user', columnNames: ['user_id'] }));
    await queryRunner.createTable(
      new Table({
        name: 'audit_log',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'at', type: ts },
          { name: 'user_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'user_email', type: 'varchar', length: '254', isNullable: true },
          { name: 'role', type: 'varchar', length: '32', isNullable: true },
          { name: 'action', type: 'varchar', length: '200' },
          { name: 'request', type: 'text' },
          { name: 'outcome', type: 'varchar', length: '16' },
        ],
      }),
      true,
    );
    await queryRunner.createIndex('audit_log', new TableIndex({ name: 'idx_audit_log_at', columnNames: ['at'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('audit_log', true);
    await queryRunner.dropTable('user_session', true);
    await queryRunner.dropTable('app_user', true);
  }
}
