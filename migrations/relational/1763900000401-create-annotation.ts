import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { timestampType } from '../src/portable-column-types';

/**
 * Dated notes on a territory or an establishment (an ENT migration, a lockdown, a known data error)
 * shown with every series they touch. Dates are ISO `YYYY-MM-DD` text, both ends inclusive, so
 * both stores compare them alike (as text).
 */
export class CreateAnnotation1763900000401 implements MigrationInterface {
  name = 'CreateAnnotation1763900000401';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'annotation',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'territory_level', type: 'varchar', length: '13' },
          { name: 'territory_code', type: 'varchar', length: '8' },
          { name: 'starts_on', type: 'varchar', length: '10' },
          { name: 'ends_on', type: 'varchar', length: '10' },
          { name: 'kind', type: 'varchar', length: '20' },
          { name: 'text', type: 'varchar', length: '500' },
          { name: 'created_by', type: 'varchar', length: '36', isNullable: true },
          { name: 'created_at', type: timestampType(queryRunner) },
        ],
        checks: [{ name: 'chk_annotation_period', expression: 'ends_on >= starts_on' }],
        // An account is disabled rather than deleted; if one is deleted, its notes stay, unsigned.
        foreignKeys: [{ name: 'fk_annotation_created_by', columnNames: ['created_by'], referencedTableName: 'app_user', referencedColumnNames: ['id'], onDelete: 'SET NULL' }],
        indices: [
          new TableIndex({ name: 'idx_annotation_territory', columnNames: ['territory_level', 'territory_code'] }),
          new TableIndex({ name: 'idx_annotation_period', columnNames: ['starts_on', 'ends_on'] }),
        ],
      }),
      true,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('annotation', true);
  }
}
