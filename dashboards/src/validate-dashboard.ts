import { DEVICES, DIMENSIONS, INDICATOR_DEFINITIONS, INDICATORS, PROFILES, SERVICES, type Dimension, type Indicator } from '@ent/contracts';
import type { Interval } from './adoption-query';
import { CHART_KINDS, DATA_SOURCES, PAGE_IDS, type AdoptionPanel, type ChartKind, type DashboardDefinition, type DeploymentCohortsPanel, type PanelDefinition } from './panel';
import { addDays, periodOf, PERIOD_RULES } from './periods';

/**
 * The API's rule for the roles that read calendar periods only (`calendarPeriodProblem` of
 * api/src/analytics/periods/calendar-periods.util.ts): why a period is not one, or undefined.
 * Passed in, since dashboards/ must not depend on the API.
 */
export type CalendarPeriodCheck = (from: string, to: string, interval: Interval, today: string) => string | undefined;

export interface ValidationOptions {
  /** When given, every adoption panel of a `calendarPeriodsOnly` dashboard must pass it on every day of `days`. */
  calendarPeriodProblem?: CalendarPeriodCheck;
  /** The days the period rules are resolved on (default: every day of a leap school year and its edges, 2027-08-25 → 2028-09-05). */
  days?: readonly string[];
}

const INTERVALS: readonly Interval[] = ['none', 'day', 'week', 'month', 'school_year'];
const COMPARISONS = ['previous_period', 'same_school_period_last_year'];
const PANEL_ID = /^[a-z][a-z0-9_]*$/;
/** Breakdowns a map can place: establishments (by their coordinates) or départements. */
const MAP_DIMENSIONS: readonly Dimension[] = ['establishment', 'departement'];
const CHARTS_OF_SOURCE: Record<PanelDefinition['source'], readonly ChartKind[]> = {
  adoption: ['key_figures', 'line', 'bar', 'stacked_bar', 'table', 'map'],
  goalProgress: ['table', 'key_figures', 'line'],
  deploymentCohorts: ['cohort_lines', 'table'],
};
/** The pages whose figures come from one source (issue 21): that source only there, and at least one panel of it there. */
const PAGE_OF_SOURCE: Partial<Record<PanelDefinition['source'], PanelDefinition['page']>> = { goalProgress: 'goals', deploymentCohorts: 'deployment' };

function defaultDays(): string[] {
  const days: string[] = [];
  for (let d = '2027-08-25'; d <= '2028-09-05'; d = addDays(d, 1)) days.push(d);
  return days;
}

const isIn = <T extends string>(list: readonly T[], value: unknown): value is T => typeof value === 'string' && (list as readonly string[]).includes(value);

/** Why a chart kind cannot draw what an adoption panel asks, or undefined. */
function chartProblem(p: AdoptionPanel): string | undefined {
  const series = p.interval !== 'none';
  // The axes a chart has to draw: one for a series over time, one per breakdown dimension.
  const axes = (series ? 1 : 0) + p.groupBy.length;
  switch (p.chart) {
    case 'key_figures':
      return !series && p.groupBy.length <= 1 ? undefined : 'key_figures shows one value per indicator (interval none, at most 1 dimension)';
    case 'line':
      return series && p.groupBy.length <= 1 ? undefined : 'a line needs an interval (a series over time) and at most 1 dimension';
    case 'bar':
      return axes === 1 ? undefined : 'a bar chart draws one axis: a dimension or a series over time, not both';
    case 'stacked_bar':
      return axes === 2 && p.groupBy.length >= 1 ? undefined : 'a stacked bar chart needs a dimension to stack and a second axis (an interval or a second dimension)';
    case 'map':
      return !series && p.groupBy.length === 1 && MAP_DIMENSIONS.includes(p.groupBy[0])
        ? undefined
        : 'a map needs interval none and one breakdown by establishment or departement';
    default:
      // A table draws anything; other kinds are refused for adoption by CHARTS_OF_SOURCE.
      return undefined;
  }
}

function adoptionProblems(p: AdoptionPanel): string[] {
  const out: string[] = [];
  // Definitions may come from elsewhere than this package's typed files (a report template): check shapes too.
  const indicators: readonly Indicator[] = Array.isArray(p.indicators) ? p.indicators : [];
  const groupBy: readonly Dimension[] = Array.isArray(p.groupBy) ? p.groupBy : [];
  if (!indicators.length) out.push('indicators: name at least one indicator');
  for (const i of indicators) if (!isIn(INDICATORS, i)) out.push(`indicators: unknown indicator "${i}"`);
  if (new Set(indicators).size !== indicators.length) out.push('indicators: an indicator is named twice');
  if (!Array.isArray(p.groupBy)) out.push('groupBy: a list of dimensions (empty for none)');
  for (const d of groupBy) if (!isIn(DIMENSIONS, d)) out.push(`groupBy: unknown dimension "${d}"`);
  if (groupBy.length > 2) out.push('groupBy: at most 2 dimensions');
  if (new Set(groupBy).size !== groupBy.length) out.push('groupBy: a dimension is named twice');
  if (groupBy.includes('months_since_opening')) out.push('groupBy: months_since_opening is answered by deploymentCohorts (source deploymentCohorts)');
  if (!isIn(INTERVALS, p.interval)) out.push(`interval: unknown interval "${p.interval}"`);
  if (!isIn(PERIOD_RULES, p.period)) out.push(`period: unknown period rule "${p.period}"`);
  if (p.compareTo !== undefined && !isIn(COMPARISONS, p.compareTo)) out.push(`compareTo: unknown comparison "${p.compareTo}"`);
  const filters = p.filters ?? {};
  for (const v of filters.profiles ?? []) if (!isIn(PROFILES, v)) out.push(`filters.profiles: unknown profile "${v}"`);
  for (const v of filters.services ?? []) if (!isIn(SERVICES, v)) out.push(`filters.services: unknown service "${v}"`);
  for (const v of filters.devices ?? []) if (!isIn(DEVICES, v)) out.push(`filters.devices: unknown device "${v}"`);
  const profileKnown = groupBy.includes('profile') || filters.profiles?.length === 1;
  for (const i of indicators) {
    if (isIn(INDICATORS, i) && INDICATOR_DEFINITIONS[i].profile === 'required' && !profileKnown) {
      out.push(`indicators: ${i} is per profile: add "profile" to groupBy or filter exactly one profile`);
    }
  }
  if ((indicators.includes('family_uptake') || indicators.includes('families_reached')) && filters.profiles?.length && !filters.profiles.includes('parent')) {
    out.push('filters.profiles: family indicators count parents, and the filter leaves them out');
  }
  if (indicators.includes('service_mix') && !groupBy.includes('service')) out.push('indicators: service_mix needs "service" in groupBy');
  if (indicators.includes('device_mix') && !groupBy.includes('device')) out.push('indicators: device_mix needs "device" in groupBy');
  // The API reads services and devices from two different rollups (api/src/analytics/adoption.service.ts, familyOf).
  const service = groupBy.includes('service') || !!filters.services?.length || indicators.includes('service_mix');
  const device = groupBy.includes('device') || !!filters.devices?.length || indicators.includes('device_mix');
  if (service && device) out.push('groupBy: services and devices cannot be combined in one panel');
  if (p.orderBy && !indicators.includes(p.orderBy.indicator)) out.push(`orderBy: ${p.orderBy.indicator} is not one of the panel's indicators`);
  if (p.orderBy && !groupBy.length) out.push('orderBy: ranks the cells of a breakdown, and the panel has none');
  if (p.first !== undefined && (!Number.isInteger(p.first) || p.first < 0 || p.first > 100)) out.push('first: a whole number of cells between 0 and 100');
  const chart = Array.isArray(p.groupBy) ? chartProblem(p) : undefined;
  if (chart) out.push(`chart: ${chart}`);
  return out;
}

function cohortProblems(p: DeploymentCohortsPanel): string[] {
  if (!isIn(INDICATORS, p.indicator)) return [`indicator: unknown indicator "${p.indicator}"`];
  const out: string[] = [];
  if (p.profile !== undefined && !isIn(PROFILES, p.profile)) out.push(`profile: unknown profile "${p.profile}"`);
  if (INDICATOR_DEFINITIONS[p.indicator].profile === 'required' && !p.profile) out.push(`profile: ${p.indicator} is per profile: name one profile`);
  if (p.indicator === 'service_mix' || p.indicator === 'device_mix') out.push(`indicator: ${p.indicator} needs a service or device breakdown, which cohorts do not have`);
  return out;
}

/**
 * Every problem of a dashboard definition, each naming the dashboard, the panel (id and index)
 * and the field; an empty list when it is valid. Checks the vocabulary of @ent/contracts, the
 * combinations the API accepts, that each chart kind can draw its data, pages and unique ids,
 * and (with `calendarPeriodProblem`) that a `calendarPeriodsOnly` dashboard asks calendar periods only.
 */
export function dashboardProblems(dashboard: DashboardDefinition, options: ValidationOptions = {}): string[] {
  const problems: string[] = [];
  const where = `dashboard ${dashboard.id}`;
  const pageIds = dashboard.pages.map((p) => p.id);
  for (const [index, page] of dashboard.pages.entries()) {
    if (!isIn(PAGE_IDS, page.id)) problems.push(`${where}, page ${index}: unknown page "${page.id}"`);
    if (pageIds.indexOf(page.id) !== index) problems.push(`${where}, page ${index}: page "${page.id}" is listed twice`);
    if (!dashboard.panels.some((p) => p.page === page.id)) problems.push(`${where}, page ${page.id}: has no panel`);
  }
  const seen = new Set<string>();
  for (const [index, panel] of dashboard.panels.entries()) {
    const at = `${where}, panel ${index} (${panel.id})`;
    const add = (problem: string) => problems.push(`${at}: ${problem}`);
    if (typeof panel.id !== 'string' || !PANEL_ID.test(panel.id)) add('id: snake_case letters, digits and _ (it names a GraphQL alias)');
    if (seen.has(panel.id)) add('id: another panel has the same id');
    seen.add(panel.id);
    if (!panel.title?.trim()) add('title: empty');
    if (!pageIds.includes(panel.page)) add(`page: "${panel.page}" is not one of the dashboard's pages`);
    if (!isIn(DATA_SOURCES, panel.source)) {
      add(`source: unknown data source "${(panel as { source: unknown }).source}"`);
      continue;
    }
    if (!isIn(CHART_KINDS, panel.chart)) add(`chart: unknown chart kind "${panel.chart}"`);
    else if (!CHARTS_OF_SOURCE[panel.source].includes(panel.chart)) add(`chart: ${panel.chart} cannot draw ${panel.source} (${CHARTS_OF_SOURCE[panel.source].join(', ')})`);
    const ownPage = PAGE_OF_SOURCE[panel.source];
    if (ownPage && panel.page !== ownPage) add(`page: ${panel.source} panels belong on the ${ownPage} page`);
    if (panel.source === 'adoption') {
      for (const p of adoptionProblems(panel)) add(p);
      if (dashboard.calendarPeriodsOnly && panel.compareTo) {
        add(`compareTo: the comparison period (${panel.compareTo}) is not a calendar period, and this role reads calendar periods only: compare with a series of calendar units (e.g. by school_year over last_2_school_years)`);
      }
      if (dashboard.calendarPeriodsOnly && options.calendarPeriodProblem && isIn(PERIOD_RULES, panel.period) && isIn(INTERVALS, panel.interval)) {
        for (const today of options.days ?? defaultDays()) {
          const { from, to } = periodOf(panel.period, today);
          const problem = options.calendarPeriodProblem(from, to, panel.interval, today);
          if (problem) {
            add(`period: ${panel.period} by ${panel.interval} on ${today} (${from} → ${to}) is not a calendar period: ${problem}`);
            break;
          }
        }
      }
    }
    if (panel.source === 'deploymentCohorts') for (const p of cohortProblems(panel)) add(p);
  }
  for (const [source, page] of Object.entries(PAGE_OF_SOURCE)) {
    if (pageIds.includes(page) && !dashboard.panels.some((p) => p.page === page && p.source === source)) problems.push(`${where}, page ${page}: needs a ${source} panel`);
  }
  return problems;
}

/** Throws one error listing every problem of the definition (see `dashboardProblems`). */
export function assertValidDashboard(dashboard: DashboardDefinition, options: ValidationOptions = {}): void {
  const problems = dashboardProblems(dashboard, options);
  if (problems.length) throw new Error(`Invalid dashboard definition:\n- ${problems.join('\n- ')}`);
}
