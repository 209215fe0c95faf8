import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Potential users of an establishment for a school year, and the ENT accounts opened and
 * activated per profile when the ENT provides them (null = not provided).
 */
@Entity('enrolment')
export class EnrolmentEntity {
  @PrimaryColumn({ type: 'varchar', length: 8 })
  uai!: string;

  @PrimaryColumn({ name: 'school_year', type: 'varchar', length: 9 })
  schoolYear!: string;

  @Column({ type: 'integer' })
  pupils!: number;

  @Column({ type: 'integer', nullable: true })
  families!: number | null;

  @Column({ type: 'integer', nullable: true })
  teachers!: number | null;

  @Column({ type: 'integer', nullable: true })
  staff!: number | null;

  @Column({ name: 'accounts_opened_eleve', type: 'integer', nullable: true })
  accountsOpenedEleve!: number | null;

  @Column({ name: 'accounts_activated_eleve', type: 'integer', nullable: true })
  accountsActivatedEleve!: number | null;

  @Column({ name: 'accounts_opened_parent', type: 'integer', nullable: true })
  accountsOpenedParent!: number | null;

  @Column({ name: 'accounts_activated_parent', type: 'integer', nullable: true })
  accountsActivatedParent!: number | null;

  @Column({ name: 'accounts_opened_enseignant', type: 'integer', nullable: true })
  accountsOpenedEnseignant!: number | null;

  @Column({ name: 'accounts_activated_enseignant', type: 'integer', nullable: true })
  accountsActivatedEnseignant!: number | null;

  @Column({ name: 'accounts_opened_admin_vie_scol_tech', type: 'integer', nullable: true })
  accountsOpenedAdminVieScolTech!: number | null;

  @Column({ name: 'accounts_activated_admin_vie_scol_tech', type: 'integer', nullable: true })
  accountsActivatedAdminVieScolTech!: number | null;

  @Column({ name: 'accounts_opened_autre', type: 'integer', nullable: true })
  accountsOpenedAutre!: number | null;

  @Column({ name: 'accounts_activated_autre', type: 'integer', nullable: true })
  accountsActivatedAutre!: number | null;
}
