import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Where a note applies: the whole country (code `FR`), a territory of the catalog, or one establishment (UAI). */
export const ANNOTATION_TERRITORY_LEVELS = ['national', 'region', 'academie', 'departement', 'commune', 'etablissement'] as const;
export type AnnotationTerritoryLevel = (typeof ANNOTATION_TERRITORY_LEVELS)[number];

/**
 * `ent_change`: an ENT migration or a new version; `interruption`: an outage, a lockdown, a strike;
 * `data_error`: a known problem in the data over the period; `note`: anything else worth reading.
 */
export const ANNOTATION_KINDS = ['ent_change', 'interruption', 'data_error', 'note'] as const;
export type AnnotationKind = (typeof ANNOTATION_KINDS)[number];

/** A dated note on a territory or an establishment, shown with every series it touches. */
@Entity('annotation')
export class AnnotationEntity {
  @PrimaryGeneratedColumn('increment')
  id!: number;

  @Column({ name: 'territory_level', type: 'varchar', length: 13 })
  territoryLevel!: AnnotationTerritoryLevel;

  /** In the catalog's form: INSEE codes (`70`, `70279`), 2-digit académie, upper-case UAI, `FR` for national. */
  @Column({ name: 'territory_code', type: 'varchar', length: 8 })
  territoryCode!: string;

  /** ISO `YYYY-MM-DD`, inclusive. */
  @Column({ name: 'starts_on', type: 'varchar', length: 10 })
  startsOn!: string;

  /** ISO `YYYY-MM-DD`, inclusive, never before `startsOn`. */
  @Column({ name: 'ends_on', type: 'varchar', length: 10 })
  endsOn!: string;

  @Column({ type: 'varchar', length: 20 })
  kind!: AnnotationKind;

  @Column({ type: 'varchar', length: 500 })
  text!: string;

  /** The account that wrote it; null for imported notes (or a deleted account). */
  @Column({ name: 'created_by', type: 'varchar', length: 36, nullable: true })
  createdBy!: string | null;

  @Column({ name: 'created_at', type: Date })
  createdAt!: Date;
}
