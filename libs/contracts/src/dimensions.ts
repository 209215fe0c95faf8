/**
 * The dimensions an indicator can be broken down by (one vocabulary for the API, the dashboards
 * and the reports). Territory levels drill down; the equity dimensions split by the attributes
 * the seeds worry about (the ENT must not widen the digital divide); the deployment ones compare
 * establishments at equal age.
 */
export const DIMENSIONS = [
  'profile',
  'service',
  'device',
  'establishment',
  'commune',
  'departement',
  'academie',
  'region',
  'education_prioritaire',
  'ips_quartile',
  'rurality',
  'wave',
  'months_since_opening',
] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** Dimensions that split establishments into groups whose gap is reported. */
export const EQUITY_DIMENSIONS = ['education_prioritaire', 'ips_quartile', 'rurality'] as const satisfies readonly Dimension[];

export const DIMENSION_LABELS: Record<Dimension, string> = {
  profile: 'Profil',
  service: 'Service',
  device: 'Appareil',
  establishment: 'Établissement',
  commune: 'Commune',
  departement: 'Département',
  academie: 'Académie',
  region: 'Région',
  education_prioritaire: 'Éducation prioritaire',
  ips_quartile: 'Quartile d’IPS',
  rurality: 'Rural / urbain',
  wave: 'Vague de déploiement',
  months_since_opening: 'Mois depuis l’ouverture',
};
