import { Field, Float, ObjectType } from '@nestjs/graphql';

@ObjectType('RejectionCount')
export class RejectionCountDto {
  @Field(() => String, { description: 'Rejection reason code (see ingest/README.md)' })
  reason!: string;

  @Field(() => Float)
  count!: number;

  @Field(() => String, { description: 'When the last event was refused for this reason (ISO 8601, UTC)' })
  lastRejectedAt!: string;
}

@ObjectType('SourceIngestionStatus')
export class SourceIngestionStatusDto {
  @Field(() => String, { description: 'ENT platform, as named by its API key' })
  source!: string;

  @Field(() => Float, { description: 'Events stored (each event once)' })
  accepted!: number;

  @Field(() => Float, { description: 'Events refused, all reasons' })
  rejected!: number;

  @Field(() => [RejectionCountDto])
  rejectedByReason!: RejectionCountDto[];

  @Field(() => String, { nullable: true, description: 'When the last stored event was received (ISO 8601, UTC)' })
  lastReceivedAt!: string | null;

  @Field(() => String, { nullable: true, description: 'When the most recent stored event happened (ISO 8601, UTC)' })
  lastOccurredAt!: string | null;

  @Field(() => Float, { description: 'API keys of this source that are not revoked' })
  activeKeys!: number;
}
