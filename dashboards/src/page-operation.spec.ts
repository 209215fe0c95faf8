import { parse } from 'graphql';
import { COUNCILLOR_DASHBOARD, DASHBOARDS, ESTABLISHMENT_HEAD_DASHBOARD, adoptionSelection, pageOperation } from './index';

const HAUTE_SAONE = { level: 'departement', code: '70' } as const;
const JEAN_MACE = { level: 'etablissement', code: '0700785Y' } as const;

describe('pageOperation', () => {
  it('asks every panel of a page in one document, one alias per panel, with its variables', () => {
    const op = pageOperation(COUNCILLOR_DASHBOARD, 'deployment', HAUTE_SAONE, '2026-11-23');
    expect(op.operationName).toBe('CouncillorDeploymentPage');
    expect(op.aliases).toEqual(['cohorts_pupils', 'cohorts_families', 'waves_school_year']);
    expect(op.query).toBe(
      [
        'query CouncillorDeploymentPage($territory: AnalyticsTerritoryInput!, $today: String!, $cohorts_pupils_indicator: Indicator!, $cohorts_pupils_profile: Profile!, $cohorts_families_indicator: Indicator!, $waves_school_year: AdoptionQueryInput!) {',
        '  cohorts_pupils: deploymentCohorts(territory: $territory, indicator: $cohorts_pupils_indicator, today: $today, profile: $cohorts_pupils_profile) { wave waveLabel monthsSinceOpening value suppressed reason missing }',
        '  cohorts_families: deploymentCohorts(territory: $territory, indicator: $cohorts_families_indicator, today: $today) { wave waveLabel monthsSinceOpening value suppressed reason missing }',
        '  waves_school_year: adoption(query: $waves_school_year) { asOf establishments establishmentsWithEnrolment points { start end total { values { indicator value suppressed reason missing denominator } } cellCount nextCursor cells { dimensions { code label } values { indicator value suppressed reason missing denominator } } } }',
        '}',
      ].join('\n'),
    );
    expect(op.variables).toEqual({
      territory: HAUTE_SAONE,
      today: '2026-11-23',
      cohorts_pupils_indicator: 'usage_rate',
      cohorts_pupils_profile: 'eleve',
      cohorts_families_indicator: 'family_uptake',
      waves_school_year: { territory: HAUTE_SAONE, from: '2026-09-01', to: '2026-11-23', interval: 'none', indicators: ['visitors', 'family_uptake'], groupBy: ['wave'] },
    });
  });

  it('selects cells only for a breakdown, ranks only when ranked, comparisons only when compared', () => {
    expect(adoptionSelection({ groupBy: [] })).toBe(
      '{ asOf establishments establishmentsWithEnrolment points { start end total { values { indicator value suppressed reason missing denominator } } } }',
    );
    expect(adoptionSelection({ groupBy: ['establishment'], orderBy: { indicator: 'visitors', direction: 'desc' }, compareTo: 'same_school_period_last_year' })).toBe(
      '{ asOf establishments establishmentsWithEnrolment comparison { from to method } points { start end total { values { indicator value suppressed reason missing denominator comparison { value suppressed reason missing } change } }' +
        ' cellCount nextCursor cells { rank dimensions { code label } values { indicator value suppressed reason missing denominator comparison { value suppressed reason missing } change } } } }',
    );
  });

  it('passes a panel’s comparison to the API', () => {
    const op = pageOperation(DASHBOARDS.rectorate, 'overview', { level: 'academie', code: '03' }, '2026-11-23');
    expect(op.variables.teachers_kpis).toEqual({
      territory: { level: 'academie', code: '03' },
      from: '2026-10-01',
      to: '2026-10-31',
      interval: 'none',
      indicators: ['visitors', 'usage_rate', 'regular_users', 'regular_use_rate', 'intensity'],
      groupBy: [],
      profiles: ['enseignant'],
      compareTo: 'same_school_period_last_year',
    });
    expect(op.query).toContain('teachers_kpis: adoption(query: $teachers_kpis) { asOf establishments establishmentsWithEnrolment comparison { from to method }');
  });

  it('declares only the variables a page uses (GraphQL refuses an unused one)', () => {
    const op = pageOperation(ESTABLISHMENT_HEAD_DASHBOARD, 'families', JEAN_MACE, '2026-11-23');
    expect(Object.keys(op.variables)).toEqual(['family_kpis', 'family_school_years', 'family_monthly', 'parents_services']);
    expect(op.query.startsWith('query EstablishmentHeadFamiliesPage($family_kpis: AdoptionQueryInput!, $family_school_years: AdoptionQueryInput!, $family_monthly: AdoptionQueryInput!, $parents_services: AdoptionQueryInput!) {')).toBe(true);
    const goals = pageOperation(ESTABLISHMENT_HEAD_DASHBOARD, 'goals', JEAN_MACE, '2026-11-23');
    expect(goals.variables).toEqual({ territory: JEAN_MACE, today: '2026-11-23' });
  });

  it('parses for every page of every role, within 15 aliases', () => {
    for (const dashboard of Object.values(DASHBOARDS)) {
      for (const page of dashboard.pages) {
        const op = pageOperation(dashboard, page.id, page.subject === 'establishment' ? JEAN_MACE : HAUTE_SAONE, '2026-11-23');
        expect(() => parse(op.query)).not.toThrow();
        expect(op.aliases.length).toBeLessThanOrEqual(15);
      }
    }
  });

  it('says what is wrong with the page, the territory or the day', () => {
    expect(() => pageOperation(ESTABLISHMENT_HEAD_DASHBOARD, 'map', JEAN_MACE, '2026-11-23')).toThrow('page: the establishment_head dashboard has no page "map" (overview, families, goals)');
    expect(() => pageOperation(COUNCILLOR_DASHBOARD, 'establishment', HAUTE_SAONE, '2026-11-23')).toThrow(
      'territory: the establishment page is about one establishment (level etablissement), not a departement',
    );
    expect(() => pageOperation(COUNCILLOR_DASHBOARD, 'overview', HAUTE_SAONE, '23/11/2026')).toThrow('today must be a day YYYY-MM-DD (got "23/11/2026")');
  });
});
