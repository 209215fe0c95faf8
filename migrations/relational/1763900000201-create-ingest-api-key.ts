import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { timestampType } from '../src/portable-column-types';

/**
 * API keys of the ingestion sources (ENT platforms). Only a SHA-256 of each key is stored; the
 * key itself is shown once, at creation. A revoked key keeps its row (who sent what, and when).
 */
export class CreateIngestApiKey1763900000201 implements MigrationInterface {
  name = 'CreateIngestApiKey1763900000201';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'ingest_api_key',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'source', type: 'varchar', length: '64', isNullable: false },
          { name: 'prefix', type: 'varchar', length: '16', isNullable: false },
          { name: 'key_hash', type: 'varchar', length: '64', isNullable: false },
          { name: 'created_at', type: timestampType(queryRunner), isNullable: false },
          { name: 'revoked_at', type: timestampType(queryRunner), isNullable: true },
        ],
      }),
      true,
    );
    await queryRunner.createIndex('ingest_api_key', new TableIndex({ name: 'ux_ingest_api_key_hash', columnNames: ['key_hash'], isUnique: true }));
    await queryRunner.createIndex('ingest_api_key', new TableIndex({ name: 'ix_ingest_api_key_source', columnNames: ['source'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('ingest_api_key', true);
  }
}
