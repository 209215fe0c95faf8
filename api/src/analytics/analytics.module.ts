import { Logger, Module, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { ClickHouseStore } from '@ent/clickhouse';
import { DataSource } from 'typeorm';
import { AnnotationsModule } from '../annotations/annotations.module';
import { AnnotationService } from '../annotations/services/annotation.service';
import { ScopeModule } from '../scope/scope.module';
import { ScopeService } from '../scope/scope.service';
import type { AppConfig } from '@ent/config';
import { APP_CONFIG } from '../config/app-config.provider';
import { AdoptionResolver } from './adoption.resolver';
import { AdoptionService } from './adoption.service';
import { AnalyticsCatalogService } from './catalog/analytics-catalog.service';
import { StoredSchoolCalendar } from './calendar/stored-school-calendar';
import { RollupsResolver } from './rollups/rollups.resolver';
import { QueryResultCache } from './result-cache/query-result-cache';
import { RollupFinalizer } from './finalization/rollup-finalizer';
import { RollupFreshness } from './finalization/rollup-freshness';
import { parisToday } from './periods/calendar-days.util';
import { DeploymentCohortsService } from './deployment-cohorts.service';
import { GoalProgressService } from './goals/goal-progress.service';
import { GoalsAndCohortsResolver } from './goals-and-cohorts.resolver';
import { AnalyticsCostEstimator } from './cost/analytics-cost-estimator';
import { AnalyticsCostPlugin } from './cost/analytics-cost.plugin';
import { AnalyticsQueryLimiter } from './cost/analytics-query-limiter';

/** Adoption analytics over the ClickHouse rollups (see README.md in this folder). */
@Module({
  imports: [ScopeModule, AnnotationsModule],
  providers: [
    { provide: AnalyticsCatalogService, useFactory: (dataSource: DataSource) => new AnalyticsCatalogService(dataSource), inject: [DataSource] },
    { provide: StoredSchoolCalendar, useFactory: (dataSource: DataSource) => new StoredSchoolCalendar(dataSource), inject: [DataSource] },
    { provide: RollupFreshness, useFactory: (clickhouse: ClickHouseStore) => new RollupFreshness(clickhouse), inject: [ClickHouseStore] },
    {
      provide: RollupFinalizer,
      useFactory: (clickhouse: ClickHouseStore, freshness: RollupFreshness, config: AppConfig) => {
        const logger = new Logger('RollupFinalizer');
        return new RollupFinalizer(clickhouse, freshness, { intervalSeconds: config.analytics.finalizeSeconds, retentionMonths: config.analytics.rollupRetentionMonths }, parisToday, (message) =>
          logger.log(message),
        );
      },
      inject: [ClickHouseStore, RollupFreshness, APP_CONFIG],
    },
    {
      provide: QueryResultCache,
      useFactory: (clickhouse: ClickHouseStore, freshness: RollupFreshness, config: AppConfig) => {
        const logger = new Logger('AnalyticsResultCache');
        return new QueryResultCache(clickhouse, freshness, config.analytics.resultCache, parisToday, (message) => logger.warn(message));
      },
      inject: [ClickHouseStore, RollupFreshness, APP_CONFIG],
    },
    {
      provide: AdoptionService,
      useFactory: (
        clickhouse: ClickHouseStore,
        answers: QueryResultCache,
        freshness: RollupFreshness,
        scopes: ScopeService,
        catalog: AnalyticsCatalogService,
        annotations: AnnotationService,
        config: AppConfig,
        calendar: StoredSchoolCalendar,
      ) => {
        return new AdoptionService(
          clickhouse,
          answers,
          freshness,
          scopes,
          catalog,
          (from, to, zone) => calendar.sameSchoolPeriodLastYear(from, to, zone),
          (scope, territory, from, to) => annotations.touching(scope, territory, from, to),
          config.analytics.secrecy,
        );
      },
      inject: [ClickHouseStore, QueryResultCache, RollupFreshness, ScopeService, AnalyticsCatalogService, AnnotationService, APP_CONFIG, StoredSchoolCalendar],
    },
    {
      provide: GoalProgressService,
      useFactory: (dataSource: DataSource, scopes: ScopeService, adoption: AdoptionService) => new GoalProgressService(dataSource, scopes, adoption),
      inject: [DataSource, ScopeService, AdoptionService],
    },
    { provide: DeploymentCohortsService, useFactory: (adoption: AdoptionService) => new DeploymentCohortsService(adoption), inject: [AdoptionService] },
    { provide: AnalyticsCostEstimator, useFactory: (dataSource: DataSource, scopes: ScopeService) => new AnalyticsCostEstimator(dataSource, scopes), inject: [DataSource, ScopeService] },
    AnalyticsCostPlugin,
    { provide: AnalyticsQueryLimiter, useFactory: (config: AppConfig) => new AnalyticsQueryLimiter(config.analytics.limits), inject: [APP_CONFIG] },
    AdoptionResolver,
    GoalsAndCohortsResolver,
    RollupsResolver,
  ],
  exports: [AdoptionService, QueryResultCache, RollupFinalizer, AnalyticsQueryLimiter],
})
export class AnalyticsModule implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(
    private readonly answers: QueryResultCache,
    private readonly finalizer: RollupFinalizer,
    private readonly calendar: StoredSchoolCalendar,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // The school calendar lives in the relational store; a store without one gets the bundled file.
    const seeded = await this.calendar.seedIfEmpty();
    if (seeded) new Logger('SchoolCalendar').log(`school calendar seeded from the bundled file: ${seeded.summary.created} rows`);
    this.answers.start();
    this.finalizer.start();
  }

  async onModuleDestroy(): Promise<void> {
    this.answers.stop();
    this.finalizer.stop();
    await this.finalizer.idle();
  }
}
