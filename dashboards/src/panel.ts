import type { Dimension, Indicator, Profile } from '@ent/contracts';
import type { AdoptionQueryVariables, AnalyticsTerritory, Comparison, Interval, PanelFilters } from './adoption-query';
import { periodOf, type PeriodRule } from './periods';

/**
 * How a panel is drawn, the same on screen and on paper:
 * - `key_figures`: one value per indicator (and per line of at most one breakdown), no series;
 * - `line`: a series over time (an interval), one line per cell of at most one breakdown;
 * - `bar`: one bar per cell of a breakdown, or per point of a series;
 * - `stacked_bar`: the cells of a breakdown stacked, per point of a series or per cell of a second breakdown;
 * - `table`: every cell and indicator as rows and columns;
 * - `map`: one value per establishment or département, placed on the map;
 * - `cohort_lines`: one line per deployment wave over months since opening (`deploymentCohorts`).
 */
export const CHART_KINDS = ['key_figures', 'line', 'bar', 'stacked_bar', 'table', 'map', 'cohort_lines'] as const;
export type ChartKind = (typeof CHART_KINDS)[number];

/** The GraphQL query a panel reads. */
export const DATA_SOURCES = ['adoption', 'goalProgress', 'deploymentCohorts'] as const;
export type DataSource = (typeof DATA_SOURCES)[number];

/** The pages of the dashboards (issue 21); each role's definition lists those it shows. */
export const PAGE_IDS = ['overview', 'map', 'establishments', 'establishment', 'teachers', 'families', 'deployment', 'goals'] as const;
export type PageId = (typeof PAGE_IDS)[number];

export interface PageDefinition {
  id: PageId;
  /** French title of the page (navigation and report chapter). */
  title: string;
  /**
   * What the page is asked about: the territory the user picked (`territory`), or one
   * establishment of it (`establishment`: the territory passed is an establishment, level `etablissement`).
   */
  subject: 'territory' | 'establishment';
}

interface PanelBase {
  /** Unique in the dashboard; snake_case, since it names the panel's alias in the page's GraphQL operation. */
  id: string;
  /** French title shown above the panel. */
  title: string;
  page: PageId;
  chart: ChartKind;
}

/**
 * A panel reading `adoption`: what it asks, never SQL. The period is a rule relative to today,
 * resolved by `panelQuery` when the dashboard is shown.
 */
export interface AdoptionPanel extends PanelBase {
  source: 'adoption';
  indicators: readonly Indicator[];
  groupBy: readonly Dimension[];
  interval: Interval;
  filters: PanelFilters;
  orderBy?: { indicator: Indicator; direction: 'asc' | 'desc' };
  /** Cells shown (at most 100, the API's page). */
  first?: number;
  period: PeriodRule;
  compareTo?: Comparison;
}

/** A panel reading `goalProgress`: every goal of the territory, its status and projection to the deadline. */
export interface GoalProgressPanel extends PanelBase {
  source: 'goalProgress';
}

/** A panel reading `deploymentCohorts`: an indicator by deployment wave and months since opening (36 complete months). */
export interface DeploymentCohortsPanel extends PanelBase {
  source: 'deploymentCohorts';
  indicator: Indicator;
  /** Required for a per-profile indicator (usage rate, regular use rate). */
  profile?: Profile;
}

export type PanelDefinition = AdoptionPanel | GoalProgressPanel | DeploymentCohortsPanel;

export interface DashboardDefinition {
  /** The role the dashboard is made for (`api/src/auth/roles.ts`). */
  id: 'councillor' | 'rectorate' | 'project_manager' | 'establishment_head';
  title: string;
  /**
   * The role reads aggregates only (councillors, establishment heads): every adoption panel must
   * ask a calendar period, as the API requires of them (api/src/analytics/README.md, "Statistical secrecy").
   */
  calendarPeriodsOnly: boolean;
  pages: readonly PageDefinition[];
  panels: readonly PanelDefinition[];
}

export function isAdoptionPanel(panel: PanelDefinition): panel is AdoptionPanel {
  return panel.source === 'adoption';
}

/** The panels of a dashboard that read `adoption`, in their order. */
export function adoptionPanels(dashboard: Pick<DashboardDefinition, 'panels'>): AdoptionPanel[] {
  return dashboard.panels.filter(isAdoptionPanel);
}

/** The panels of one page, in the dashboard's order. */
export function panelsOfPage(dashboard: Pick<DashboardDefinition, 'panels'>, page: PageId): PanelDefinition[] {
  return dashboard.panels.filter((p) => p.page === page);
}

/** The variables of the `adoption` query that a panel sends for a territory on a given day (Europe/Paris). */
export function panelQuery(panel: AdoptionPanel, territory: AnalyticsTerritory, today: string): AdoptionQueryVariables {
  const { from, to } = periodOf(panel.period, today);
  const variables: AdoptionQueryVariables = {
    territory: { level: territory.level, code: territory.code },
    from,
    to,
    interval: panel.interval,
    indicators: [...panel.indicators],
    groupBy: [...panel.groupBy],
  };
  if (panel.filters.profiles?.length) variables.profiles = [...panel.filters.profiles];
  if (panel.filters.services?.length) variables.services = [...panel.filters.services];
  if (panel.filters.devices?.length) variables.devices = [...panel.filters.devices];
  if (panel.compareTo) variables.compareTo = panel.compareTo;
  if (panel.orderBy) variables.orderBy = { ...panel.orderBy };
  if (panel.first !== undefined) variables.first = panel.first;
  return variables;
}
