import { CreateAppSetting1763900000001 } from '../relational/1763900000001-create-app-setting';
import { CreateCatalog1763900000101 } from '../relational/1763900000101-create-catalog';
import { CreateIngestApiKey1763900000201 } from '../relational/1763900000201-create-ingest-api-key';
import { CreateAccountsAndAuditLog1763900000301 } from '../relational/1763900000301-create-accounts-and-audit-log';
import { CreateAnnotation1763900000401 } from '../relational/1763900000401-create-annotation';
import { TrackCatalogRevision1763900000501 } from '../relational/1763900000501-track-catalog-revision';
import { UniqueGoalNamePerTerritory1763900000601 } from '../relational/1763900000601-unique-goal-name-per-territory';
import { CreateSchoolHoliday1763900000701 } from '../relational/1763900000701-create-school-holiday';
import { CreateOidcPendingLogin1763900000702 } from '../relational/1763900000702-create-oidc-pending-login';
import { BindIngestKeysToTerritories1763900000801 } from '../relational/1763900000801-bind-ingest-keys-to-territories';
import { CreateXapiStatementDigest1763900000901 } from '../relational/1763900000901-create-xapi-statement-digest';

/**
 * TypeORM migrations of the relational store, in order. Written with the portable schema API
 * (`createTable`, `addColumn` …) so the same classes run on SQLite and PostgreSQL.
 */
export const RELATIONAL_MIGRATIONS = [
  CreateAppSetting1763900000001,
  CreateCatalog1763900000101,
  CreateIngestApiKey1763900000201,
  CreateAccountsAndAuditLog1763900000301,
  CreateAnnotation1763900000401,
  TrackCatalogRevision1763900000501,
  UniqueGoalNamePerTerritory1763900000601,
  CreateSchoolHoliday1763900000701,
  CreateOidcPendingLogin1763900000702,
  BindIngestKeysToTerritories1763900000801,
  CreateXapiStatementDigest1763900000901,
];

/** Name of TypeORM's migration log table in the relational store. */
export const RELATIONAL_MIGRATIONS_TABLE = 'schema_migrations';
