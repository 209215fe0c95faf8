import { COUNCILLOR_DASHBOARD } from './councillor-dashboard';
import { ESTABLISHMENT_HEAD_DASHBOARD } from './establishment-head-dashboard';
import type { DashboardDefinition } from './panel';
import { PROJECT_MANAGER_DASHBOARD } from './project-manager-dashboard';
import { RECTORATE_DASHBOARD } from './rectorate-dashboard';

/** Every role's dashboard, by role. */
export const DASHBOARDS: Readonly<Record<DashboardDefinition['id'], DashboardDefinition>> = {
  councillor: COUNCILLOR_DASHBOARD,
  rectorate: RECTORATE_DASHBOARD,
  project_manager: PROJECT_MANAGER_DASHBOARD,
  establishment_head: ESTABLISHMENT_HEAD_DASHBOARD,
};
