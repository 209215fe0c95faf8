import { Module } from '@nestjs/common';
import { HealthModule } from '../health/health.module';
import { SystemResolver } from './system.resolver';

@Module({ imports: [HealthModule], providers: [SystemResolver] })
export class SystemModule {}
