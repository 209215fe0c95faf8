/**
 * The indicator vocabulary of DOMAIN.md, shared by the catalog (goals), analytics, dashboards and
 * reports. A goal names one of these codes; a dashboard panel names one, it does not carry SQL.
 *
 * Units: `count` (people, visits), `percent` (a rate, 0 to 100: goals are written "≥ 50 %"),
 * `ratio` (visits per visitor), `share` (a distribution in percent, e.g. visits per service),
 * `minutes` (time per visit), `euros` (cost per active user).
 */
export const INDICATORS = [
  'potential_users',
  'accounts_opened',
  'accounts_activated',
  'activation_rate',
  'visitors',
  'visits',
  'usage_rate',
  'regular_users',
  'regular_use_rate',
  'family_uptake',
  'families_reached',
  'intensity',
  'time_per_visit',
  'service_mix',
  'device_mix',
  'cost_per_active_user',
] as const;
export type Indicator = (typeof INDICATORS)[number];

export type IndicatorUnit = 'count' | 'percent' | 'ratio' | 'share' | 'minutes' | 'euros';

export interface IndicatorDefinition {
  code: Indicator;
  /** French label shown in the UI and the reports. */
  label: string;
  unit: IndicatorUnit;
  /** Whether the indicator is computed per profile (`required`), optionally (`optional`) or never (`none`). */
  profile: 'required' | 'optional' | 'none';
  /** Whether a goal (target value by a deadline) can be set on it. */
  goalable: boolean;
  definition: string;
}

export const INDICATOR_DEFINITIONS: Record<Indicator, IndicatorDefinition> = {
  potential_users: {
    code: 'potential_users',
    label: 'Utilisateurs potentiels',
    unit: 'count',
    profile: 'optional',
    goalable: false,
    definition: 'Enrolment of a profile in an establishment for the school year (pupils, families, teachers, staff)',
  },
  accounts_opened: {
    code: 'accounts_opened',
    label: 'Comptes ouverts',
    unit: 'count',
    profile: 'optional',
    goalable: true,
    definition: 'Accounts created by the ENT',
  },
  accounts_activated: {
    code: 'accounts_activated',
    label: 'Comptes activés',
    unit: 'count',
    profile: 'optional',
    goalable: true,
    definition: 'Accounts that logged in at least once',
  },
  activation_rate: {
    code: 'activation_rate',
    label: "Taux d'activation",
    unit: 'percent',
    profile: 'optional',
    goalable: true,
    definition: 'Activated accounts / opened accounts',
  },
  visitors: {
    code: 'visitors',
    label: 'Visiteurs',
    unit: 'count',
    profile: 'optional',
    goalable: true,
    definition: 'Distinct users with at least one event in the period',
  },
  visits: {
    code: 'visits',
    label: 'Visites',
    unit: 'count',
    profile: 'optional',
    goalable: true,
    definition: 'Distinct sessions (session id, otherwise a 30-minute inactivity split)',
  },
  usage_rate: {
    code: 'usage_rate',
    label: "Taux d'usage",
    unit: 'percent',
    profile: 'required',
    goalable: true,
    definition: 'Visitors / potential users, per profile',
  },
  regular_users: {
    code: 'regular_users',
    label: 'Utilisateurs réguliers',
    unit: 'count',
    profile: 'optional',
    goalable: true,
    definition: 'Users active in at least 3 distinct weeks of a month (or N of M weeks over a period)',
  },
  regular_use_rate: {
    code: 'regular_use_rate',
    label: "Taux d'usage régulier",
    unit: 'percent',
    profile: 'required',
    goalable: true,
    definition: 'Regular users / potential users, per profile',
  },
  family_uptake: {
    code: 'family_uptake',
    label: 'Adhésion des familles',
    unit: 'percent',
    profile: 'none',
    goalable: true,
    definition: 'Families with at least one active parent / enrolled families',
  },
  families_reached: {
    code: 'families_reached',
    label: 'Familles touchées',
    unit: 'count',
    profile: 'none',
    goalable: true,
    definition: 'Families with at least one active parent (the numerator of family uptake)',
  },
  intensity: {
    code: 'intensity',
    label: 'Intensité',
    unit: 'ratio',
    profile: 'optional',
    goalable: true,
    definition: 'Visits per visitor; time spent per visit when sessions are known',
  },
  time_per_visit: {
    code: 'time_per_visit',
    label: 'Durée par visite',
    unit: 'minutes',
    profile: 'optional',
    goalable: false,
    definition: 'Minutes from the first to the last event of a visit, over visits sent with a session id',
  },
  service_mix: {
    code: 'service_mix',
    label: 'Répartition par service',
    unit: 'share',
    profile: 'optional',
    goalable: false,
    definition: 'Share of visits touching each service (a visit can touch several); visitors per service alongside',
  },
  device_mix: {
    code: 'device_mix',
    label: 'Répartition par appareil',
    unit: 'share',
    profile: 'optional',
    goalable: false,
    definition: 'Share of visits made from each device (computer, smartphone, tablet, other)',
  },
  cost_per_active_user: {
    code: 'cost_per_active_user',
    label: 'Coût par utilisateur actif',
    unit: 'euros',
    profile: 'none',
    goalable: false,
    definition: 'Budget of the territory for the school year / visitors of the school year',
  },
};

export function isIndicator(value: string): value is Indicator {
  return (INDICATORS as readonly string[]).includes(value);
}
