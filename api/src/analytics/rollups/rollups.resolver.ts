import { Args, Field, Float, Int, Mutation, ObjectType, Resolver } from '@nestjs/graphql';
import { ClickHouseStore } from '@ent/clickhouse';
import { GraphQLError } from 'graphql';
import { Roles } from '../../auth/access.decorators';
import { RollupBackfill } from './rollup-backfill';

@ObjectType('RollupRebuild')
export class RollupRebuildDto {
  @Field(() => String)
  schoolYear!: string;

  @Field(() => Int)
  tables!: number;

  @Field(() => Float)
  seconds!: number;
}

const SCHOOL_YEAR = /^(\d{4})-(\d{4})$/;

/** Rebuilds rollups from raw events (administrators; `npm run rollups:backfill` calls it when the product runs). */
@Resolver(() => RollupRebuildDto)
export class RollupsResolver {
  constructor(private readonly clickhouse: ClickHouseStore) {}

  @Mutation(() => [RollupRebuildDto], { description: 'Rebuilds the rollups of one school year (or of every school year holding raw events) from the raw events' })
  @Roles('admin')
  async rebuildRollups(@Args('schoolYear', { type: () => String, nullable: true }) schoolYear?: string): Promise<RollupRebuildDto[]> {
    const m = schoolYear === undefined || schoolYear === null ? null : SCHOOL_YEAR.exec(schoolYear);
    if (schoolYear && (!m || Number(m[2]) !== Number(m[1]) + 1)) {
      throw new GraphQLError(`schoolYear: "${schoolYear}" is not a school year (e.g. 2025-2026)`, { extensions: { code: 'BAD_USER_INPUT', field: 'schoolYear' } });
    }
    const backfill = new RollupBackfill(this.clickhouse);
    return schoolYear ? [await backfill.rebuild(schoolYear)] : backfill.rebuildAll();
  }
}
