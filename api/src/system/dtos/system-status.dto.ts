import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType('StoreStatus')
export class StoreStatusDto {
  @Field(() => Boolean)
  ok!: boolean;

  @Field(() => String, { description: 'What was checked, or what is wrong' })
  detail!: string;
}

@ObjectType('SystemStatus')
export class SystemStatusDto {
  @Field(() => String)
  product!: string;

  @Field(() => String)
  version!: string;

  @Field(() => Boolean, { description: 'Both stores reachable and migrated' })
  ready!: boolean;

  @Field(() => StoreStatusDto)
  clickhouse!: StoreStatusDto;

  @Field(() => StoreStatusDto)
  relational!: StoreStatusDto;
}
