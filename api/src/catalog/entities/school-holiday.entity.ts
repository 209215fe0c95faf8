import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One row of the official school holiday calendar (`fr-en-calendrier-scolaire`), as imported:
 * a holiday of one académie (`location`), zone and population in a school year. Days are ISO
 * `YYYY-MM-DD` Europe/Paris days; the holiday covers [startOn, endOn) as in the file.
 */
@Entity('school_holiday')
export class SchoolHolidayEntity {
  /** `Zone A`, `Zone B`, `Zone C`, or an overseas territory's own name, as in the file. */
  @PrimaryColumn({ type: 'varchar', length: 60 })
  zone!: string;

  /** The académie (`Besançon`), as in the file; empty when the file has no such column. */
  @PrimaryColumn({ type: 'varchar', length: 60 })
  location!: string;

  /** `-`, `Élèves`, `Enseignants`…, as in the file (empty kept empty). */
  @PrimaryColumn({ type: 'varchar', length: 60 })
  population!: string;

  /** `2025-2026`, or one year (`2018`) for the southern-hemisphere territories. */
  @PrimaryColumn({ name: 'school_year', type: 'varchar', length: 9 })
  schoolYear!: string;

  @PrimaryColumn({ type: 'varchar', length: 120 })
  description!: string;

  @Column({ name: 'start_on', type: 'varchar', length: 10 })
  startOn!: string;

  @Column({ name: 'end_on', type: 'varchar', length: 10 })
  endOn!: string;
}
