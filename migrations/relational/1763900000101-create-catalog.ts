import { Table, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The territorial catalog: territories, establishments (keyed by UAI: the ingestion reads
 * `SELECT uai FROM establishment`), IPS per school year, enrolments, deployment, goals, budgets.
 * Dates are ISO `YYYY-MM-DD` text so both stores read them back alike.
 */
export class CreateCatalog1763900000101 implements MigrationInterface {
  name = 'CreateCatalog1763900000101';

  async up(queryRunner: QueryRunner): Promise<void> {
    const uaiColumn = { name: 'uai', type: 'varchar', length: '8', isPrimary: true };
    const schoolYearKey = { name: 'school_year', type: 'varchar', length: '9', isPrimary: true };
    const count = (name: string, isNullable = true) => ({ name, type: 'integer', isNullable });
    const ofEstablishment = (table: string) =>
      new TableForeignKey({
        name: `fk_${table}_establishment`,
        columnNames: ['uai'],
        referencedTableName: 'establishment',
        referencedColumnNames: ['uai'],
        onDelete: 'CASCADE',
      });

    await queryRunner.createTable(
      new Table({
        name: 'territory',
        columns: [
          { name: 'level', type: 'varchar', length: '12', isPrimary: true },
          { name: 'code', type: 'varchar', length: '5', isPrimary: true },
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'parent_level', type: 'varchar', length: '12', isNullable: true },
          { name: 'parent_code', type: 'varchar', length: '5', isNullable: true },
          { name: 'holiday_zone', type: 'varchar', length: '1', isNullable: true },
        ],
        indices: [new TableIndex({ name: 'idx_territory_parent', columnNames: ['parent_level', 'parent_code'] })],
      }),
      true,
    );

    await queryRunner.createTable(
      new Table({
        name: 'establishment',
        columns: [
          uaiColumn,
          { name: 'name', type: 'varchar', length: '300' },
          { name: 'type', type: 'varchar', length: '30' },
          { name: 'sector', type: 'varchar', length: '10', isNullable: true },
          { name: 'commune_code', type: 'varchar', length: '5' },
          { name: 'commune_name', type: 'varchar', length: '200' },
          { name: 'departement_code', type: 'varchar', length: '3' },
          { name: 'academie_code', type: 'varchar', length: '2' },
          { name: 'region_code', type: 'varchar', length: '3' },
          { name: 'latitude', type: 'double precision', isNullable: true },
          { name: 'longitude', type: 'double precision', isNullable: true },
          { name: 'education_prioritaire', type: 'varchar', length: '4', isNullable: true },
          { name: 'rural', type: 'boolean', isNullable: true },
        ],
        indices: [
          new TableIndex({ name: 'idx_establishment_region', columnNames: ['region_code'] }),
          new TableIndex({ name: 'idx_establishment_academie', columnNames: ['academie_code'] }),
          new TableIndex({ name: 'idx_establishment_departement', columnNames: ['departement_code'] }),
          new TableIndex({ name: 'idx_establishment_commune', columnNames: ['commune_code'] }),
        ],
      }),
      true,
    );

    await queryRunner.createTable(
      new Table({
        name: 'establishment_ips',
        columns: [
          uaiColumn,
          schoolYearKey,
          { name: 'ips', type: 'double precision' },
          { name: 'standard_deviation', type: 'double precision', isNullable: true },
        ],
        foreignKeys: [ofEstablishment('establishment_ips')],
      }),
      true,
    );

    await queryRunner.createTable(
      new Table({
        name: 'enrolment',
        columns: [
          uaiColumn,
          schoolYearKey,
          count('pupils', false),
          count('families'),
          count('teachers'),
          count('staff'),
          ...['eleve', 'parent', 'enseignant', 'admin_vie_scol_tech', 'autre'].flatMap((p) => [
            count(`accounts_opened_${p}`),
            count(`accounts_activated_${p}`),
          ]),
        ],
        foreignKeys: [ofEstablishment('enrolment')],
      }),
      true,
    );

    await queryRunner.createTable(
      new Table({
        name: 'deployment',
        columns: [
          uaiColumn,
          { name: 'status', type: 'varchar', length: '10' },
          { name: 'opened_on', type: 'varchar', length: '10', isNullable: true },
          { name: 'wave', type: 'varchar', length: '100', isNullable: true },
        ],
        foreignKeys: [ofEstablishment('deployment')],
      }),
      true,
    );

    await queryRunner.createTable(
      new Table({
        name: 'goal',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'name', type: 'varchar', length: '200', isUnique: true },
          { name: 'indicator', type: 'varchar', length: '40' },
          { name: 'profile', type: 'varchar', length: '30', isNullable: true },
          { name: 'scope_level', type: 'varchar', length: '15' },
          { name: 'scope_codes', type: 'text' },
          { name: 'aggregation', type: 'varchar', length: '20' },
          { name: 'target', type: 'double precision' },
          { name: 'start_on', type: 'varchar', length: '10' },
          { name: 'deadline', type: 'varchar', length: '10' },
        ],
      }),
      true,
    );

    await queryRunner.createTable(
      new Table({
        name: 'budget',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'territory_level', type: 'varchar', length: '12' },
          { name: 'territory_code', type: 'varchar', length: '5' },
          { name: 'school_year', type: 'varchar', length: '9' },
          { name: 'label', type: 'varchar', length: '20' },
          { name: 'amount', type: 'numeric', precision: 14, scale: 2 },
          { name: 'description', type: 'varchar', length: '300', isNullable: true },
        ],
        indices: [
          new TableIndex({
            name: 'uq_budget_territory_year_label',
            columnNames: ['territory_level', 'territory_code', 'school_year', 'label'],
            isUnique: true,
          }),
        ],
      }),
      true,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['budget', 'goal', 'deployment', 'enrolment', 'establishment_ips', 'establishment', 'territory']) {
      await queryRunner.dropTable(table, true);
    }
  }
}
