/**
 * National codes kept at every boundary (imports, exports, the event contract) so that figures
 * line up with the ministry's DNMA open data. UI labels are French.
 */
export const PROFILES = ['eleve', 'parent', 'enseignant', 'admin_vie_scol_tech', 'autre'] as const;
export type Profile = (typeof PROFILES)[number];

/** The DNMA service categories (native services and third-party connectors alike). */
export const SERVICES = [
  'accueil',
  'actualites',
  'cahier_textes',
  'cahier_liaison',
  'courrier_electronique',
  'messagerie_instantanee',
  'visioconference',
  'stockage_partage',
  'production_collaborative',
  'documentation_cdi',
  'parcours_pedagogique',
  'reservation_salles_materiels',
  'service_collectivite',
  'services_vie_scolaire',
  'gestion_temps',
  'absences',
  'gestion_competences',
  'notes',
  'manuel_numerique',
  'ressource_multimedia',
  'ressource_orientation',
  'ressource_production',
  'ressource_accompagnement_entrainement',
  'ressource_reference_dictionnaire',
  'ressource_documentaire',
] as const;
export type Service = (typeof SERVICES)[number];

export const DEVICES = ['ordinateur', 'smartphone', 'tablette', 'autre'] as const;
export type Device = (typeof DEVICES)[number];

export const TERRITORY_LEVELS = ['region', 'academie', 'departement', 'commune', 'etablissement'] as const;
export type TerritoryLevel = (typeof TERRITORY_LEVELS)[number];
