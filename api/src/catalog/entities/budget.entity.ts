import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const BUDGET_LABELS = ['equipment', 'licences', 'training', 'support', 'other'] as const;
export type BudgetLabel = (typeof BUDGET_LABELS)[number];

/** Money spent on the ENT by a territory for a school year, per label (one row per territory, year and label). */
@Entity('budget')
export class BudgetEntity {
  @PrimaryGeneratedColumn('increment')
  id!: number;

  @Column({ name: 'territory_level', type: 'varchar', length: 12 })
  territoryLevel!: string;

  @Column({ name: 'territory_code', type: 'varchar', length: 5 })
  territoryCode!: string;

  @Column({ name: 'school_year', type: 'varchar', length: 9 })
  schoolYear!: string;

  @Column({ type: 'varchar', length: 20 })
  label!: BudgetLabel;

  /** Euros, with cents. PostgreSQL returns numeric as text: read back as a number. */
  @Column({
    type: 'numeric',
    precision: 14,
    scale: 2,
    transformer: { to: (v: number) => v, from: (v: string | number | null) => (v === null ? null : Number(v)) },
  })
  amount!: number;

  @Column({ type: 'varchar', length: 300, nullable: true })
  description!: string | null;
}
