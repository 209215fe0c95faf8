import { TERRITORY_LEVELS, type TerritoryLevel } from '@ent/contracts';
import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';

@ObjectType('IngestKeyTerritory')
@InputType('IngestKeyTerritoryInput')
export class IngestKeyTerritoryDto {
  @Field(() => String, { description: `One of ${TERRITORY_LEVELS.join(', ')}` })
  level!: TerritoryLevel;

  @Field(() => String, { description: 'INSEE code (département 70, commune 70550, région 27), 2-digit académie code, or UAI' })
  code!: string;
}

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

  @Field(() => [IngestKeyTerritoryDto], {
    nullable: true,
    description: 'The territories its source serves: events of other establishments are refused (uai_outside_key_scope). Null: national reach',
  })
  territories!: IngestKeyTerritoryDto[] | null;
}

@ObjectType('CreatedIngestKey')
export class CreatedIngestKeyDto {
  @Field(() => IngestKeyDto)
  ingestKey!: IngestKeyDto;

  @Field(() => String, { description: 'The key itself, shown this once: only its hash is stored' })
  key!: string;
}
