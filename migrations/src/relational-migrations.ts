import { CreateAppSetting1763900000001 } from '../relational/1763900000001-create-app-setting';

/**
 * TypeORM migrations of the relational store, in order. Written with the portable schema API
 * (`createTable`, `addColumn` …) so the same classes run on SQLite and PostgreSQL.
 */
export const RELATIONAL_MIGRATIONS = [CreateAppSetting1763900000001];

/** Name of TypeORM's migration log table in the relational store. */
export const RELATIONAL_MIGRATIONS_TABLE = 'schema_migrations';
