import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ScopeService } from './scope.service';

/** Provides the one `ScopeService`; any feature that reads or writes territorial data imports this module. */
@Module({
  providers: [{ provide: ScopeService, useFactory: (dataSource: DataSource) => new ScopeService(dataSource), inject: [DataSource] }],
  exports: [ScopeService],
})
export class ScopeModule {}
