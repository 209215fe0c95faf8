import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Who asked for what scope and when. Never the results of the request. */
@Entity('audit_log')
export class AuditEntryEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Index()
  @Column({ type: Date })
  at!: Date;

  @Column({ name: 'user_id', type: 'varchar', length: 36, nullable: true })
  userId!: string | null;

  @Column({ name: 'user_email', type: 'varchar', length: 254, nullable: true })
  userEmail!: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  role!: string | null;

  /** e.g. `query establishments`, `mutation createGoal`, `POST /auth/login`. */
  @Column({ type: 'varchar', length: 200 })
  action!: string;

  /** The arguments that name what was asked for (territory, period …), secrets redacted. */
  @Column({ type: 'text' })
  request!: string;

  /** ok, denied, invalid, error. */
  @Column({ type: 'varchar', length: 16 })
  outcome!: string;
}
