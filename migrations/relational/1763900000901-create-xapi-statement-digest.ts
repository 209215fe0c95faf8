import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { timestampType } from '../src/portable-column-types';

/**
 * One row per xAPI statement stored: its id and the SHA-256 of its content, so that an id sent
 * again with other content is refused with 409 Conflict while the same statement sent again is
 * accepted once (xAPI 1.0.3). Rows older than the raw-event retention are purged (a statement that
 * old would be refused as too old anyway).
 */
export class CreateXapiStatementDigest1763900000901 implements MigrationInterface {
  name = 'CreateXapiStatementDigest1763900000901';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'xapi_statement_digest',
        columns: [
          { name: 'statement_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'digest', type: 'varchar', length: '64', isNullable: false },
          { name: 'source', type: 'varchar', length: '64', isNullable: false },
          { name: 'received_at', type: timestampType(queryRunner), isNullable: false },
        ],
      }),
      true,
    );
    await queryRunner.createIndex('xapi_statement_digest', new TableIndex({ name: 'ix_xapi_statement_digest_received_at', columnNames: ['received_at'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('xapi_statement_digest', true);
  }
}
