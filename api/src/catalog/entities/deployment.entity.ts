import { Column, Entity, PrimaryColumn } from 'typeorm';

export const DEPLOYMENT_STATUSES = ['planned', 'pilot', 'open', 'closed'] as const;
export type DeploymentStatus = (typeof DEPLOYMENT_STATUSES)[number];

/** Where an establishment stands in the ENT deployment. Dates are ISO `YYYY-MM-DD` text (no time zone games). */
@Entity('deployment')
export class DeploymentEntity {
  @PrimaryColumn({ type: 'varchar', length: 8 })
  uai!: string;

  @Column({ type: 'varchar', length: 10 })
  status!: DeploymentStatus;

  /** Opening date (planned date while `planned`). */
  @Column({ name: 'opened_on', type: 'varchar', length: 10, nullable: true })
  openedOn!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  wave!: string | null;
}
