import { Args, Field, Float, Int, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { ClickHouseStore } from '@ent/clickhouse';
import { GraphQLError } from 'graphql';
import { Roles } from '../../auth/access.decorators';
import { RollupBackfill } from './rollup-backfill';
import { RollupFinalizer, type FinalizeReport } from '../finalization/rollup-finalizer';

@ObjectType('RollupRebuild')
export class RollupRebuildDto {
  @Field(() => String)
  schoolYear!: string;

  @Field(() => Int)
  tables!: number;

  @Field(() => Float)
  seconds!: number;
}

@ObjectType('FinalizationPass')
export class FinalizationPassDto {
  @Field(() => Date, { description: 'When the pass ended' })
  finishedAt!: Date;

  @Field(() => Float)
  seconds!: number;

  @Field(() => [String], { description: 'Slices built: "<family> <grain> <first day>"' })
  built!: string[];

  @Field(() => Int, { description: 'Replaced generations dropped' })
  dropped!: number;
}

@ObjectType('FinalizedFamily')
export class FinalizedFamilyDto {
  @Field(() => String, { description: 'activity, service_activity or device_activity' })
  family!: string;

  @Field(() => Int)
  slices!: number;

  @Field(() => String, { nullable: true, description: 'Last day the finalized day rows hold (yesterday when up to date)' })
  finalizedThrough!: string | null;

  @Field(() => Int, { description: 'Slices holding a day that changed since they were built (read from the state rollups until the next pass)' })
  staleSlices!: number;
}

@ObjectType('RollupFinalization')
export class RollupFinalizationDto {
  @Field(() => Int, { description: 'Period of the background passes (ANALYTICS_FINALIZE_SECONDS; 0: none)' })
  intervalSeconds!: number;

  @Field(() => FinalizationPassDto, { nullable: true, description: 'The last pass of this process' })
  lastPass!: FinalizationPassDto | null;

  @Field(() => [FinalizedFamilyDto])
  families!: FinalizedFamilyDto[];
}

const passDto = (r: FinalizeReport): FinalizationPassDto => ({ finishedAt: r.finishedAt, seconds: r.seconds, built: r.built.map((b) => b.slice), dropped: r.dropped });

const SCHOOL_YEAR = /^(\d{4})-(\d{4})$/;

/** Rebuilds rollups from raw events (administrators; `npm run rollups:backfill` calls it when the product runs). */
@Resolver(() => RollupRebuildDto)
export class RollupsResolver {
  constructor(
    private readonly clickhouse: ClickHouseStore,
    private readonly finalizer: RollupFinalizer,
  ) {}

  @Query(() => RollupFinalizationDto, { description: 'The finalization of the rollups of past days (analytics/finalization/README.md)' })
  @Roles('admin')
  async rollupFinalization(): Promise<RollupFinalizationDto> {
    return {
      intervalSeconds: this.finalizer.intervalSeconds,
      lastPass: this.finalizer.lastPass ? passDto(this.finalizer.lastPass) : null,
      families: await this.finalizer.state(),
    };
  }

  @Mutation(() => FinalizationPassDto, { description: 'Finalizes now the rollups of the past days that changed (the background pass, without waiting for it)' })
  @Roles('admin')
  async finalizeRollups(): Promise<FinalizationPassDto> {
    return passDto(await this.finalizer.run({ settle: true }));
  }

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
