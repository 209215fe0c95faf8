import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * `school_holiday`: the rows of the official school holiday calendar (`fr-en-calendrier-scolaire`)
 * as imported (catalog import kind `calendar`): every zone, académie and population the file has;
 * the analytics keep zones A, B, C for pupils. Days are ISO `YYYY-MM-DD` Europe/Paris days,
 * [start_on, end_on) as in the file. Like the catalog tables, every change bumps `catalog_revision`
 * (migration 1763900000501), so answers comparing with "the same school period" are recomputed.
 */
export class CreateSchoolHoliday1763900000701 implements MigrationInterface {
  name = 'CreateSchoolHoliday1763900000701';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'school_holiday',
        columns: [
          { name: 'zone', type: 'varchar', length: '60', isPrimary: true },
          { name: 'location', type: 'varchar', length: '60', isPrimary: true },
          { name: 'population', type: 'varchar', length: '60', isPrimary: true },
          { name: 'school_year', type: 'varchar', length: '9', isPrimary: true },
          { name: 'description', type: 'varchar', length: '120', isPrimary: true },
          { name: 'start_on', type: 'varchar', length: '10' },
          { name: 'end_on', type: 'varchar', length: '10' },
        ],
        checks: [{ name: 'chk_school_holiday_period', expression: 'end_on >= start_on' }],
      }),
      true,
    );
    if (queryRunner.connection.options.type === 'postgres') {
      await queryRunner.query(
        'CREATE TRIGGER trg_school_holiday_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON school_holiday FOR EACH STATEMENT EXECUTE FUNCTION bump_catalog_revision()',
      );
      return;
    }
    for (const op of ['insert', 'update', 'delete']) {
      await queryRunner.query(
        `CREATE TRIGGER trg_school_holiday_${op}_revision AFTER ${op.toUpperCase()} ON school_holiday BEGIN UPDATE catalog_revision SET revision = revision + 1 WHERE id = 1; END`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('school_holiday', true);
  }
}
