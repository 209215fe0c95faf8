import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Levels stored in the `territory` table (establishments have their own table). */
export const STORED_TERRITORY_LEVELS = ['region', 'academie', 'departement', 'commune'] as const;
export type StoredTerritoryLevel = (typeof STORED_TERRITORY_LEVELS)[number];

/**
 * One node of the territory tree: région ⊃ académie ⊃ département ⊃ commune. Régions, académies
 * and départements are all present; a commune is added when an establishment refers to it.
 */
@Entity('territory')
export class TerritoryEntity {
  @PrimaryColumn({ type: 'varchar', length: 12 })
  level!: StoredTerritoryLevel;

  @PrimaryColumn({ type: 'varchar', length: 5 })
  code!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ name: 'parent_level', type: 'varchar', length: 12, nullable: true })
  parentLevel!: StoredTerritoryLevel | null;

  @Column({ name: 'parent_code', type: 'varchar', length: 5, nullable: true })
  parentCode!: string | null;

  /** School holiday zone (A, B, C) of an académie; null elsewhere and for académies with their own calendar. */
  @Column({ name: 'holiday_zone', type: 'varchar', length: 1, nullable: true })
  holidayZone!: string | null;
}
