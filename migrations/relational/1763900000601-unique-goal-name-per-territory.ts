import { TableIndex, TableUnique, type MigrationInterface, type QueryRunner } from 'typeorm';

const INDEX = 'uq_goal_territory_name';

/**
 * Goal names are unique per territory (`scope_level`, `scope_codes`) instead of across the whole
 * instance: a name taken in another territory answered CONFLICT and so revealed another
 * territory's goal names. Two départements may now both have their "Objectif familles 2027".
 *
 * On SQLite the unique constraint of the column can only go by rebuilding the table, which drops
 * the table's triggers: the catalog revision triggers of `goal` (1763900000501) are put back.
 */
export class UniqueGoalNamePerTerritory1763900000601 implements MigrationInterface {
  name = 'UniqueGoalNamePerTerritory1763900000601';

  async up(queryRunner: QueryRunner): Promise<void> {
    const table = await queryRunner.getTable('goal');
    const unique = table?.uniques.find((u) => u.columnNames.length === 1 && u.columnNames[0] === 'name');
    if (table && unique) await queryRunner.dropUniqueConstraint(table, unique);
    await queryRunner.createIndex('goal', new TableIndex({ name: INDEX, columnNames: ['scope_level', 'scope_codes', 'name'], isUnique: true }));
    await restoreSqliteRevisionTriggers(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('goal', INDEX);
    await queryRunner.createUniqueConstraint('goal', new TableUnique({ columnNames: ['name'] }));
    await restoreSqliteRevisionTriggers(queryRunner);
  }
}

async function restoreSqliteRevisionTriggers(queryRunner: QueryRunner): Promise<void> {
  if (queryRunner.connection.options.type === 'postgres') return;
  for (const op of ['insert', 'update', 'delete']) {
    await queryRunner.query(
      `CREATE TRIGGER IF NOT EXISTS trg_goal_${op}_revision AFTER ${op.toUpperCase()} ON goal BEGIN UPDATE catalog_revision SET revision = revision + 1 WHERE id = 1; END`,
    );
  }
}
