import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The tables the analytics answers are computed from (catalog facts, scopes, notes). */
export const CATALOG_REVISION_TABLES = ['territory', 'establishment', 'establishment_ips', 'enrolment', 'deployment', 'goal', 'budget', 'annotation'] as const;

/**
 * `catalog_revision`: one row whose number grows with every change to the catalog or the
 * annotations, whoever makes it (the API, the import CLI in another process, SQL by hand). The
 * analytics keep a published answer while this number and the events of its days do not change
 * (api/src/analytics/result-cache/README.md). Counted by triggers, so no write path can forget it:
 * per statement on PostgreSQL, per row on SQLite (which has no statement triggers).
 */
export class TrackCatalogRevision1763900000501 implements MigrationInterface {
  name = 'TrackCatalogRevision1763900000501';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE TABLE catalog_revision (id integer PRIMARY KEY, revision bigint NOT NULL)');
    await queryRunner.query('INSERT INTO catalog_revision (id, revision) VALUES (1, 0)');
    if (queryRunner.connection.options.type === 'postgres') {
      await queryRunner.query(
        `CREATE FUNCTION bump_catalog_revision() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE catalog_revision SET revision = revision + 1 WHERE id = 1; RETURN NULL; END $$`,
      );
      for (const table of CATALOG_REVISION_TABLES) {
        await queryRunner.query(
          `CREATE TRIGGER trg_${table}_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION bump_catalog_revision()`,
        );
      }
      return;
    }
    for (const table of CATALOG_REVISION_TABLES) {
      for (const op of ['insert', 'update', 'delete']) {
        await queryRunner.query(
          `CREATE TRIGGER trg_${table}_${op}_revision AFTER ${op.toUpperCase()} ON ${table} BEGIN UPDATE catalog_revision SET revision = revision + 1 WHERE id = 1; END`,
        );
      }
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'postgres') {
      for (const table of CATALOG_REVISION_TABLES) await queryRunner.query(`DROP TRIGGER IF EXISTS trg_${table}_revision ON ${table}`);
      await queryRunner.query('DROP FUNCTION IF EXISTS bump_catalog_revision()');
    } else {
      for (const table of CATALOG_REVISION_TABLES) for (const op of ['insert', 'update', 'delete']) await queryRunner.query(`DROP TRIGGER IF EXISTS trg_${table}_${op}_revision`);
    }
    await queryRunner.query('DROP TABLE catalog_revision');
  }
}
