import type { Role } from '../../auth/roles';

/**
 * Who may change the catalog (deployment, goals, budgets) — always within their territorial
 * scope, which `ScopeService` enforces. Establishment heads read only. To be confirmed with the
 * access-control issue.
 */
export const CATALOG_EDITORS: Role[] = ['admin', 'project_manager', 'councillor', 'rectorate'];

/** Who may import catalog files through the API (lines outside their scope are refused). */
export const CATALOG_IMPORTERS: Role[] = ['admin', 'project_manager'];
