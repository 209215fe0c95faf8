import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A stored xAPI statement: its id and the digest of its content (see xapi-statement-digests.ts). */
@Entity('xapi_statement_digest')
export class XapiStatementDigestEntity {
  @PrimaryColumn({ name: 'statement_id', type: 'varchar', length: 36 })
  statementId!: string;

  @Column({ type: 'varchar', length: 64 })
  digest!: string;

  @Column({ type: 'varchar', length: 64 })
  source!: string;

  @Column({ name: 'received_at', type: Date })
  receivedAt!: Date;
}
