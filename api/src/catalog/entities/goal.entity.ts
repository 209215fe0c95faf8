import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const GOAL_SCOPE_LEVELS = ['national', 'region', 'academie', 'departement', 'commune', 'etablissement'] as const;
export type GoalScopeLevel = (typeof GOAL_SCOPE_LEVELS)[number];

/** `territory`: the indicator over the whole scope; `each_establishment`: in every establishment of it. */
export const GOAL_AGGREGATIONS = ['territory', 'each_establishment'] as const;
export type GoalAggregation = (typeof GOAL_AGGREGATIONS)[number];

/** A target on an indicator of @ent/contracts, for a territory or a list of establishments, by a deadline. */
@Entity('goal')
/** A name is unique within a territory (migration 1763900000601), not across territories. */
@Index('uq_goal_territory_name', ['scopeLevel', 'scopeCodes', 'name'], { unique: true })
export class GoalEntity {
  @PrimaryGeneratedColumn('increment')
  id!: number;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 40 })
  indicator!: string;

  @Column({ type: 'varchar', length: 30, nullable: true })
  profile!: string | null;

  @Column({ name: 'scope_level', type: 'varchar', length: 15 })
  scopeLevel!: GoalScopeLevel;

  /** Territory codes (one, usually) or UAIs for `etablissement`; empty for `national`. */
  @Column({ name: 'scope_codes', type: 'simple-array' })
  scopeCodes!: string[];

  @Column({ type: 'varchar', length: 20 })
  aggregation!: GoalAggregation;

  /** In the indicator's unit: percent (0 to 100) for rates. Reached when the value is at least the target. */
  @Column({ type: 'double precision' })
  target!: number;

  @Column({ name: 'start_on', type: 'varchar', length: 10 })
  startOn!: string;

  @Column({ type: 'varchar', length: 10 })
  deadline!: string;
}
