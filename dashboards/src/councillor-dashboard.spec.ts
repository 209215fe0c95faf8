import { adoptionPanels, COUNCILLOR_DASHBOARD, panelQuery, periodOf, type AdoptionPanel } from './index';

const HAUTE_SAONE = { level: 'departement', code: '70' } as const;
const panel = (id: string): AdoptionPanel => adoptionPanels(COUNCILLOR_DASHBOARD).find((p) => p.id === id) as AdoptionPanel;

describe('councillor dashboard periods', () => {
  it('computes each rule for a Monday in November', () => {
    expect(periodOf('school_year_to_date', '2026-11-23')).toEqual({ from: '2026-09-01', to: '2026-11-23' });
    // 12 whole weeks before the current one (Monday 23 November): 13 weekly points.
    expect(periodOf('last_13_weeks', '2026-11-23')).toEqual({ from: '2026-08-31', to: '2026-11-23' });
    expect(periodOf('last_31_days', '2026-11-23')).toEqual({ from: '2026-10-24', to: '2026-11-23' });
  });

  it('starts the school year on 1 September and keeps the previous one until 31 August', () => {
    expect(periodOf('school_year_to_date', '2026-09-01')).toEqual({ from: '2026-09-01', to: '2026-09-01' });
    expect(periodOf('school_year_to_date', '2026-08-31')).toEqual({ from: '2025-09-01', to: '2026-08-31' });
    expect(periodOf('school_year_to_date', '2027-03-10')).toEqual({ from: '2026-09-01', to: '2027-03-10' });
  });

  it('counts weeks from Monday and days across month and year ends', () => {
    // Sunday 3 January 2027: its week began on Monday 28 December.
    expect(periodOf('last_13_weeks', '2027-01-03')).toEqual({ from: '2026-10-05', to: '2027-01-03' });
    expect(periodOf('last_31_days', '2027-03-01')).toEqual({ from: '2027-01-30', to: '2027-03-01' });
    expect(periodOf('last_31_days', '2028-03-01')).toEqual({ from: '2028-01-31', to: '2028-03-01' });
  });

  it('computes the calendar rules of the other pages', () => {
    expect(periodOf('current_week', '2026-11-23')).toEqual({ from: '2026-11-23', to: '2026-11-23' });
    expect(periodOf('current_week', '2027-01-03')).toEqual({ from: '2026-12-28', to: '2027-01-03' });
    expect(periodOf('current_month', '2026-11-23')).toEqual({ from: '2026-11-01', to: '2026-11-23' });
    expect(periodOf('previous_month', '2026-11-23')).toEqual({ from: '2026-10-01', to: '2026-10-31' });
    expect(periodOf('previous_month', '2027-01-01')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(periodOf('previous_month', '2028-03-15')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(periodOf('current_term', '2026-11-23')).toEqual({ from: '2026-09-01', to: '2026-11-23' });
    expect(periodOf('current_term', '2027-03-31')).toEqual({ from: '2027-01-01', to: '2027-03-31' });
    expect(periodOf('current_term', '2027-04-01')).toEqual({ from: '2027-04-01', to: '2027-04-01' });
    expect(periodOf('current_term', '2027-08-31')).toEqual({ from: '2027-04-01', to: '2027-08-31' });
    expect(periodOf('previous_school_year', '2026-11-23')).toEqual({ from: '2025-09-01', to: '2026-08-31' });
    expect(periodOf('previous_school_year', '2026-08-31')).toEqual({ from: '2024-09-01', to: '2025-08-31' });
    expect(periodOf('last_2_school_years', '2026-11-23')).toEqual({ from: '2025-09-01', to: '2026-11-23' });
    // 11 whole months before the current one: 12 monthly points.
    expect(periodOf('last_12_months', '2026-11-23')).toEqual({ from: '2025-12-01', to: '2026-11-23' });
    expect(periodOf('last_12_months', '2027-01-01')).toEqual({ from: '2026-02-01', to: '2027-01-01' });
  });

  it('refuses a day that is not YYYY-MM-DD', () => {
    expect(() => periodOf('last_31_days', '2026-02-30')).toThrow('today must be a day YYYY-MM-DD');
  });
});

describe('panelQuery', () => {
  it('turns a panel into the adoption query variables', () => {
    expect(panelQuery(panel('establishment_ranking'), HAUTE_SAONE, '2026-11-23')).toEqual({
      territory: HAUTE_SAONE,
      from: '2026-09-01',
      to: '2026-11-23',
      interval: 'none',
      indicators: ['visitors', 'family_uptake'],
      groupBy: ['establishment'],
      orderBy: { indicator: 'family_uptake', direction: 'desc' },
      first: 100,
    });
    expect(panelQuery(panel('equity_ep'), HAUTE_SAONE, '2026-11-23')).toMatchObject({ groupBy: ['education_prioritaire'], profiles: ['eleve'] });
    expect(panelQuery(panel('daily_activity'), HAUTE_SAONE, '2026-11-23')).toMatchObject({ from: '2026-10-24', to: '2026-11-23', interval: 'day', groupBy: [] });
    expect(panelQuery(panel('cost_per_active_user'), HAUTE_SAONE, '2026-11-23')).toEqual({
      territory: HAUTE_SAONE,
      from: '2026-09-01',
      to: '2026-11-23',
      interval: 'none',
      indicators: ['cost_per_active_user', 'visitors'],
      groupBy: [],
    });
    expect(panelQuery(panel('family_school_years'), HAUTE_SAONE, '2026-11-23')).toMatchObject({ from: '2025-09-01', to: '2026-11-23', interval: 'school_year' });
  });

  it('keeps the panels the benchmark measures, with their ids', () => {
    const ids = adoptionPanels(COUNCILLOR_DASHBOARD).map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.slice(0, 8)).toEqual(['kpis_school_year', 'monthly_by_profile', 'establishment_ranking', 'weekly_activity', 'daily_activity', 'service_mix', 'device_mix', 'equity_ep']);
  });
});
