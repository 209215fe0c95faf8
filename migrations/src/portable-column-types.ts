import type { QueryRunner } from 'typeorm';

/**
 * Column types that differ between SQLite and PostgreSQL, chosen from the running driver so that
 * one migration class serves both stores.
 */
export function timestampType(queryRunner: QueryRunner): string {
  return queryRunner.connection.driver.options.type === 'postgres' ? 'timestamptz' : 'datetime';
}
