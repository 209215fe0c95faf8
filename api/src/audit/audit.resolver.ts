import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { Roles } from '../auth/access.decorators';
import { AuditService } from './audit.service';
import { AuditEntryDto } from './dtos/audit-entry.dto';

@Resolver(() => AuditEntryDto)
export class AuditResolver {
  constructor(private readonly audit: AuditService) {}

  @Query(() => [AuditEntryDto], { description: 'Audit log, newest first (administrators only)' })
  @Roles('admin')
  async auditLog(
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<AuditEntryDto[]> {
    const size = Math.min(Math.max(first, 1), 100);
    return (await this.audit.page(size, after ?? undefined)).map((e) => ({ ...e, cursor: `${e.at.toISOString()}|${e.id}` }));
  }
}
