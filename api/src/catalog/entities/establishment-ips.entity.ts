import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Social position index (IPS) of an establishment for a school year (`2022-2023`). */
@Entity('establishment_ips')
export class EstablishmentIpsEntity {
  @PrimaryColumn({ type: 'varchar', length: 8 })
  uai!: string;

  @PrimaryColumn({ name: 'school_year', type: 'varchar', length: 9 })
  schoolYear!: string;

  @Column({ type: 'double precision' })
  ips!: number;

  @Column({ name: 'standard_deviation', type: 'double precision', nullable: true })
  standardDeviation!: number | null;
}
