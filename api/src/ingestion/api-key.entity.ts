import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { TerritoryRef } from '../scope/territorial-scope';

/** An ingestion API key of one source (ENT platform). Only its SHA-256 is stored. */
@Entity('ingest_api_key')
export class IngestApiKeyEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 64 })
  source!: string;

  /** First characters of the key, to recognise it in lists (not enough to use it). */
  @Column({ type: 'varchar', length: 16 })
  prefix!: string;

  @Column({ name: 'key_hash', type: 'varchar', length: 64 })
  keyHash!: string;

  @Column({ name: 'created_at', type: Date })
  createdAt!: Date;

  @Column({ name: 'revoked_at', type: Date, nullable: true })
  revokedAt!: Date | null;

  /** The territories its source serves (events of other establishments are refused); null: national reach. */
  @Column({ type: 'simple-json', nullable: true })
  territories!: TerritoryRef[] | null;
}
