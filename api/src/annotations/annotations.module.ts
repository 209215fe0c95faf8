import { Module } from '@nestjs/common';
import { ScopeModule } from '../scope/scope.module';
import { AnnotationResolver } from './annotation.resolver';
import { AnnotationService } from './services/annotation.service';

/** Dated notes on territories and establishments; the analytics attach them to series through `AnnotationService.touching`. */
@Module({
  imports: [ScopeModule],
  providers: [AnnotationService, AnnotationResolver],
  exports: [AnnotationService],
})
export class AnnotationsModule {}
