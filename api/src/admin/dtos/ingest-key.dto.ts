import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('IngestKey')
export class IngestKeyDto {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'The ENT platform this key stands for' })
  source!: string;

  @Field(() => String, { description: 'First characters of the key, to recognise it' })
  prefix!: string;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  revokedAt!: Date | null;
}

@ObjectType('CreatedIngestKey')
export class CreatedIngestKeyDto {
  @Field(() => IngestKeyDto)
  ingestKey!: IngestKeyDto;

  @Field(() => String, { description: 'The key itself, shown this once: only its hash is stored' })
  key!: string;
}
