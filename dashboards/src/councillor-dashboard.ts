import type { Dimension, Indicator } from '@ent/contracts';
import type { AdoptionQueryVariables, AnalyticsTerritory, Interval, PanelFilters } from './adoption-query';
import { periodOf, type PeriodRule } from './periods';

/**
 * One panel of a dashboard, as data: what it asks the `adoption` query, never SQL. The period is a
 * rule relative to today, resolved by `panelQuery` when the dashboard is shown.
 */
export interface PanelDefinition {
  id: string;
  /** French title shown above the panel. */
  title: string;
  indicators: readonly Indicator[];
  groupBy: readonly Dimension[];
  interval: Interval;
  filters: PanelFilters;
  orderBy?: { indicator: Indicator; direction: 'asc' | 'desc' };
  /** Cells shown (at most 100, the API's page). */
  first?: number;
  period: PeriodRule;
}

export interface DashboardDefinition {
  id: string;
  title: string;
  panels: readonly PanelDefinition[];
}

/**
 * The councillor's dashboard (a département's elected official): adoption of the ENT over the
 * school year, its trend, the establishments to follow, which services and devices are used, and
 * whether priority-education pupils use it as much as the others.
 */
export const COUNCILLOR_DASHBOARD = {
  id: 'councillor',
  title: 'Tableau de bord de l’élu',
  panels: [
    {
      id: 'kpis_school_year',
      title: 'Chiffres clés de l’année scolaire, par profil',
      indicators: ['visitors', 'visits', 'usage_rate', 'regular_users', 'family_uptake'],
      groupBy: ['profile'],
      interval: 'none',
      filters: {},
      period: 'school_year_to_date',
    },
    {
      id: 'monthly_by_profile',
      title: 'Visiteurs et taux d’usage par mois et par profil',
      indicators: ['visitors', 'usage_rate'],
      groupBy: ['profile'],
      interval: 'month',
      filters: {},
      period: 'school_year_to_date',
    },
    {
      id: 'establishment_ranking',
      title: 'Classement des établissements par adhésion des familles',
      indicators: ['visitors', 'family_uptake'],
      groupBy: ['establishment'],
      interval: 'none',
      filters: {},
      orderBy: { indicator: 'family_uptake', direction: 'desc' },
      first: 100,
      period: 'school_year_to_date',
    },
    {
      id: 'weekly_activity',
      title: 'Activité des 13 dernières semaines',
      indicators: ['visitors', 'visits'],
      groupBy: [],
      interval: 'week',
      filters: {},
      period: 'last_13_weeks',
    },
    {
      id: 'daily_activity',
      title: 'Activité des 31 derniers jours',
      indicators: ['visitors', 'visits'],
      groupBy: [],
      interval: 'day',
      filters: {},
      period: 'last_31_days',
    },
    {
      id: 'service_mix',
      title: 'Services utilisés',
      indicators: ['visitors', 'visits', 'service_mix'],
      groupBy: ['service'],
      interval: 'none',
      filters: {},
      period: 'school_year_to_date',
    },
    {
      id: 'device_mix',
      title: 'Appareils utilisés',
      indicators: ['visitors', 'visits', 'device_mix'],
      groupBy: ['device'],
      interval: 'none',
      filters: {},
      period: 'school_year_to_date',
    },
    {
      id: 'equity_ep',
      title: 'Taux d’usage des élèves selon l’éducation prioritaire',
      indicators: ['usage_rate'],
      groupBy: ['education_prioritaire'],
      interval: 'none',
      filters: { profiles: ['eleve'] },
      period: 'school_year_to_date',
    },
  ],
} as const satisfies DashboardDefinition;

export type CouncillorPanelId = (typeof COUNCILLOR_DASHBOARD.panels)[number]['id'];

/** The variables of the `adoption` query that a panel sends for a territory on a given day (Europe/Paris). */
export function panelQuery(panel: PanelDefinition, territory: AnalyticsTerritory, today: string): AdoptionQueryVariables {
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
  if (panel.orderBy) variables.orderBy = { ...panel.orderBy };
  if (panel.first !== undefined) variables.first = panel.first;
  return variables;
}
