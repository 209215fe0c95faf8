// The API's own rule, in the test only: dashboards/ does not depend on api/ at run time.
import { calendarPeriodProblem } from '../../api/src/analytics/periods/calendar-periods.util';
import { COUNCILLOR_DASHBOARD, DASHBOARDS, dashboardProblems, assertValidDashboard, type DashboardDefinition, type PanelDefinition } from './index';

const withPanels = (panels: PanelDefinition[], extra: Partial<DashboardDefinition> = {}): DashboardDefinition => ({
  id: 'councillor',
  title: 'Essai',
  calendarPeriodsOnly: true,
  pages: [{ id: 'overview', title: 'Vue', subject: 'territory' }],
  panels,
  ...extra,
});

const adoption = (extra: Record<string, unknown>): PanelDefinition =>
  ({ id: 'p', title: 'Panneau', page: 'overview', chart: 'table', source: 'adoption', indicators: ['visitors'], groupBy: [], interval: 'none', filters: {}, period: 'school_year_to_date', ...extra }) as PanelDefinition;

describe('dashboard definitions', () => {
  it.each(Object.entries(DASHBOARDS))('the %s dashboard is valid, its periods calendar ones where the role needs them', (_role, dashboard) => {
    expect(dashboardProblems(dashboard, { calendarPeriodProblem })).toEqual([]);
  });

  it('has one dashboard per role but the administrator, each with the pages of its users', () => {
    expect(Object.fromEntries(Object.entries(DASHBOARDS).map(([role, d]) => [role, [d.id, d.calendarPeriodsOnly, d.pages.map((p) => p.id)]]))).toEqual({
      councillor: ['councillor', true, ['overview', 'map', 'establishments', 'establishment', 'families', 'deployment', 'goals']],
      rectorate: ['rectorate', false, ['overview', 'map', 'establishments', 'establishment', 'teachers']],
      project_manager: ['project_manager', false, ['overview', 'map', 'establishments', 'establishment', 'families', 'deployment', 'goals']],
      establishment_head: ['establishment_head', true, ['overview', 'families', 'goals']],
    });
  });

  it('makes every rectorate and project manager period a calendar one too, so that their figures match the councillors’', () => {
    for (const dashboard of Object.values(DASHBOARDS)) {
      expect(dashboardProblems({ ...dashboard, calendarPeriodsOnly: true }, { calendarPeriodProblem }).filter((p) => !p.includes(': compareTo: '))).toEqual([]);
    }
  });
});

describe('dashboardProblems', () => {
  it('names unknown vocabulary, the panel, its index and the field', () => {
    const bad = withPanels([
      adoption({ indicators: ['visitors', 'likes'], groupBy: ['colour'], filters: { profiles: ['pupil'], services: ['chat'], devices: ['fax'] }, interval: 'hour', period: 'forever' }),
    ]);
    expect(dashboardProblems(bad)).toEqual([
      'dashboard councillor, panel 0 (p): indicators: unknown indicator "likes"',
      'dashboard councillor, panel 0 (p): groupBy: unknown dimension "colour"',
      'dashboard councillor, panel 0 (p): interval: unknown interval "hour"',
      'dashboard councillor, panel 0 (p): period: unknown period rule "forever"',
      'dashboard councillor, panel 0 (p): filters.profiles: unknown profile "pupil"',
      'dashboard councillor, panel 0 (p): filters.services: unknown service "chat"',
      'dashboard councillor, panel 0 (p): filters.devices: unknown device "fax"',
      'dashboard councillor, panel 0 (p): groupBy: services and devices cannot be combined in one panel',
    ]);
  });

  it('refuses the combinations the API refuses', () => {
    const at = (i: number, id: string) => `dashboard councillor, panel ${i} (${id})`;
    const bad = withPanels([
      adoption({ id: 'rate', indicators: ['usage_rate'], filters: { profiles: ['eleve', 'parent'] } }),
      adoption({ id: 'mix', indicators: ['service_mix', 'device_mix'], groupBy: ['service'] }),
      adoption({ id: 'three', groupBy: ['profile', 'establishment', 'commune'] }),
      adoption({ id: 'twice', indicators: ['visitors', 'visitors'], groupBy: ['profile', 'profile'] }),
      adoption({ id: 'cohort', groupBy: ['wave', 'months_since_opening'] }),
      adoption({ id: 'families', indicators: ['family_uptake'], filters: { profiles: ['eleve'] } }),
      adoption({ id: 'rank', orderBy: { indicator: 'visits', direction: 'desc' }, first: 101 }),
      adoption({ id: 'both', groupBy: ['device'], filters: { services: ['notes'] } }),
    ]);
    expect(dashboardProblems(bad)).toEqual([
      `${at(0, 'rate')}: indicators: usage_rate is per profile: add "profile" to groupBy or filter exactly one profile`,
      `${at(1, 'mix')}: indicators: device_mix needs "device" in groupBy`,
      `${at(1, 'mix')}: groupBy: services and devices cannot be combined in one panel`,
      `${at(2, 'three')}: groupBy: at most 2 dimensions`,
      `${at(3, 'twice')}: indicators: an indicator is named twice`,
      `${at(3, 'twice')}: groupBy: a dimension is named twice`,
      `${at(4, 'cohort')}: groupBy: months_since_opening is answered by deploymentCohorts (source deploymentCohorts)`,
      `${at(5, 'families')}: filters.profiles: family indicators count parents, and the filter leaves them out`,
      `${at(6, 'rank')}: orderBy: visits is not one of the panel's indicators`,
      `${at(6, 'rank')}: orderBy: ranks the cells of a breakdown, and the panel has none`,
      `${at(6, 'rank')}: first: a whole number of cells between 0 and 100`,
      `${at(7, 'both')}: groupBy: services and devices cannot be combined in one panel`,
    ]);
  });

  it('checks that each chart kind can draw the panel’s data', () => {
    const bad = withPanels([
      adoption({ id: 'line', chart: 'line' }),
      adoption({ id: 'map', chart: 'map', groupBy: ['commune'] }),
      adoption({ id: 'map_series', chart: 'map', groupBy: ['establishment'], interval: 'month' }),
      adoption({ id: 'key', chart: 'key_figures', interval: 'month' }),
      adoption({ id: 'bar', chart: 'bar', groupBy: ['profile'], interval: 'month' }),
      adoption({ id: 'stacked', chart: 'stacked_bar', groupBy: ['profile'] }),
      adoption({ id: 'cohorts', chart: 'cohort_lines' }),
      adoption({ id: 'pie', chart: 'pie' }),
      adoption({ id: 'ok_line', chart: 'line', interval: 'week', groupBy: ['profile'] }),
      adoption({ id: 'ok_map', chart: 'map', groupBy: ['departement'] }),
      adoption({ id: 'ok_stacked', chart: 'stacked_bar', groupBy: ['service'], interval: 'month', indicators: ['service_mix'] }),
    ]);
    expect(dashboardProblems(bad).map((p) => p.replace('dashboard councillor, ', ''))).toEqual([
      'panel 0 (line): chart: a line needs an interval (a series over time) and at most 1 dimension',
      'panel 1 (map): chart: a map needs interval none and one breakdown by establishment or departement',
      'panel 2 (map_series): chart: a map needs interval none and one breakdown by establishment or departement',
      'panel 3 (key): chart: key_figures shows one value per indicator (interval none, at most 1 dimension)',
      'panel 4 (bar): chart: a bar chart draws one axis: a dimension or a series over time, not both',
      'panel 5 (stacked): chart: a stacked bar chart needs a dimension to stack and a second axis (an interval or a second dimension)',
      'panel 6 (cohorts): chart: cohort_lines cannot draw adoption (key_figures, line, bar, stacked_bar, table, map)',
      'panel 7 (pie): chart: unknown chart kind "pie"',
    ]);
  });

  it('checks ids, titles, pages and where goals and cohorts go', () => {
    const bad = withPanels(
      [
        adoption({ id: 'Kpis', title: ' ' }),
        adoption({ id: 'kpis', page: 'teachers' }),
        adoption({ id: 'kpis' }),
        { id: 'goals', title: 'Objectifs', page: 'overview', chart: 'table', source: 'goalProgress' },
        { id: 'cohorts', title: 'Cohortes', page: 'deployment', chart: 'line', source: 'deploymentCohorts', indicator: 'usage_rate' },
        { id: 'sql', title: 'SQL', page: 'overview', chart: 'table', source: 'sql' } as unknown as PanelDefinition,
      ],
      {
        pages: [
          { id: 'overview', title: 'Vue', subject: 'territory' },
          { id: 'deployment', title: 'Déploiement', subject: 'territory' },
          { id: 'goals', title: 'Objectifs', subject: 'territory' },
          { id: 'overview', title: 'Encore', subject: 'territory' },
        ],
      },
    );
    expect(dashboardProblems(bad).map((p) => p.replace('dashboard councillor, ', ''))).toEqual([
      'page goals: has no panel',
      'page 3: page "overview" is listed twice',
      'panel 0 (Kpis): id: snake_case letters, digits and _ (it names a GraphQL alias)',
      'panel 0 (Kpis): title: empty',
      'panel 1 (kpis): page: "teachers" is not one of the dashboard\'s pages',
      'panel 2 (kpis): id: another panel has the same id',
      'panel 3 (goals): page: goalProgress panels belong on the goals page',
      'panel 4 (cohorts): chart: line cannot draw deploymentCohorts (cohort_lines, table)',
      'panel 4 (cohorts): profile: usage_rate is per profile: name one profile',
      'panel 5 (sql): source: unknown data source "sql"',
      'page goals: needs a goalProgress panel',
    ]);
  });

  it('refuses, for a role that reads calendar periods only, a period the API would refuse on some day', () => {
    const dashboard = withPanels([
      adoption({ id: 'month_by_day', interval: 'day', period: 'current_month' }),
      adoption({ id: 'thirty_days', period: 'last_31_days' }),
      adoption({ id: 'weeks_by_month', interval: 'month', period: 'last_13_weeks' }),
    ]);
    expect(dashboardProblems(dashboard, { calendarPeriodProblem })).toEqual([
      'dashboard councillor, panel 1 (thirty_days): period: last_31_days by none on 2027-08-25 (2027-07-26 → 2027-08-25) is not a calendar period: your role reads calendar periods only: a day, a week (Monday to Sunday), a month, a term (September–December, January–March, April–August) or a school year, or one of them from its first day to today',
      'dashboard councillor, panel 2 (weeks_by_month): period: last_13_weeks by month on 2027-08-25 (2027-05-31 → 2027-08-25) is not a calendar period: a series by month starts on the first day of a month and ends on its last day or today',
    ]);
    // The same panels for a role that may ask any period.
    expect(dashboardProblems({ ...dashboard, calendarPeriodsOnly: false }, { calendarPeriodProblem })).toEqual([]);
  });

  it('refuses a comparison to a role that reads calendar periods only: the API compares with a period that is not one', () => {
    const panels = [adoption({ id: 'compared', compareTo: 'same_school_period_last_year' }), adoption({ id: 'by_school_year', chart: 'bar', interval: 'school_year', period: 'last_2_school_years' })];
    expect(dashboardProblems(withPanels(panels), { calendarPeriodProblem })).toEqual([
      'dashboard councillor, panel 0 (compared): compareTo: the comparison period (same_school_period_last_year) is not a calendar period, and this role reads calendar periods only: compare with a series of calendar units (e.g. by school_year over last_2_school_years)',
    ]);
    expect(dashboardProblems(withPanels(panels, { calendarPeriodsOnly: false }), { calendarPeriodProblem })).toEqual([]);
  });

  it('throws one error listing every problem', () => {
    expect(() => assertValidDashboard(withPanels([adoption({ id: 'x', indicators: [], groupBy: undefined })]))).toThrow(
      'Invalid dashboard definition:\n- dashboard councillor, panel 0 (x): indicators: name at least one indicator\n- dashboard councillor, panel 0 (x): groupBy: a list of dimensions (empty for none)',
    );
    expect(() => assertValidDashboard(COUNCILLOR_DASHBOARD, { calendarPeriodProblem })).not.toThrow();
  });
});
