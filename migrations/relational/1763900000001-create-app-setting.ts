import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { timestampType } from '../src/portable-column-types';

/** Key/value facts about this instance (e.g. when the demo territory was loaded). */
export class CreateAppSetting1763900000001 implements MigrationInterface {
  name = 'CreateAppSetting1763900000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'app_setting',
        columns: [
          { name: 'key', type: 'varchar', length: '100', isPrimary: true },
          { name: 'value', type: 'text', isNullable: false },
          { name: 'updated_at', type: timestampType(queryRunner), isNullable: false },
        ],
      }),
      true,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('app_setting', true);
  }
}
