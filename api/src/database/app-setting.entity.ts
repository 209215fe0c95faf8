import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('app_setting')
export class AppSettingEntity {
  @PrimaryColumn({ type: 'varchar', length: 100 })
  key!: string;

  @Column({ type: 'text' })
  value!: string;

  @Column({ name: 'updated_at', type: Date })
  updatedAt!: Date;
}
