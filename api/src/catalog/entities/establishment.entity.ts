import { Column, Entity, PrimaryColumn } from 'typeorm';

export const ESTABLISHMENT_TYPES = [
  'ecole',
  'college',
  'lycee',
  'erea',
  'medico_social',
  'information_orientation',
  'service_administratif',
  'autre',
] as const;
export type EstablishmentType = (typeof ESTABLISHMENT_TYPES)[number];

export const SECTORS = ['public', 'prive'] as const;
export type Sector = (typeof SECTORS)[number];

export const EDUCATION_PRIORITAIRE = ['REP', 'REP+'] as const;
export type EducationPrioritaire = (typeof EDUCATION_PRIORITAIRE)[number];

/**
 * An establishment, keyed by its UAI. The ingestion reads `SELECT uai, commune_code, departement_code,
 * academie_code, region_code FROM establishment` to refuse events of unknown establishments and
 * events outside the territories of their API key: keep the table and column names.
 */
@Entity('establishment')
export class EstablishmentEntity {
  @PrimaryColumn({ type: 'varchar', length: 8 })
  uai!: string;

  @Column({ type: 'varchar', length: 300 })
  name!: string;

  @Column({ type: 'varchar', length: 30 })
  type!: EstablishmentType;

  /** Null when the directory leaves it empty. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  sector!: Sector | null;

  @Column({ name: 'commune_code', type: 'varchar', length: 5 })
  communeCode!: string;

  @Column({ name: 'commune_name', type: 'varchar', length: 200 })
  communeName!: string;

  @Column({ name: 'departement_code', type: 'varchar', length: 3 })
  departementCode!: string;

  @Column({ name: 'academie_code', type: 'varchar', length: 2 })
  academieCode!: string;

  @Column({ name: 'region_code', type: 'varchar', length: 3 })
  regionCode!: string;

  @Column({ type: 'double precision', nullable: true })
  latitude!: number | null;

  @Column({ type: 'double precision', nullable: true })
  longitude!: number | null;

  @Column({ name: 'education_prioritaire', type: 'varchar', length: 4, nullable: true })
  educationPrioritaire!: EducationPrioritaire | null;

  /** Null when unknown (the directory does not carry it). */
  @Column({ type: 'boolean', nullable: true })
  rural!: boolean | null;
}
