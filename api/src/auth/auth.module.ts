import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AppConfig } from '@ent/config';
import { APP_CONFIG } from '../config/app-config.provider';
import { AuditEntryEntity } from '../audit/audit-entry.entity';
import { AuditInterceptor } from '../audit/audit.interceptor';
import { AuditResolver } from '../audit/audit.resolver';
import { AuditService } from '../audit/audit.service';
import { AuthExceptionFilter } from './auth-exception.filter';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { AppUserEntity } from './entities/app-user.entity';
import { UserSessionEntity } from './entities/user-session.entity';
import { OidcController } from './oidc/oidc.controller';
import { OidcService } from './oidc/oidc.service';
import { UsersResolver } from './users.resolver';
import { UserThrottlerGuard } from './user-throttler.guard';

/** Per user (councils and rectorates sit behind shared NATs, so not per address): 20 in 10 s, 300 a minute by default. */
function apiRateLimits(config: AppConfig) {
  return [
    { name: 'short', ttl: 10_000, limit: config.auth.rateLimitPer10s },
    { name: 'long', ttl: 60_000, limit: config.auth.rateLimitPerMinute },
  ];
}

/**
 * Accounts, sessions, the global guards (authentication + access policy, then rate limits) and
 * the audit log. Guards run in the order they are registered here.
 */
@Module({
  imports: [TypeOrmModule.forFeature([AppUserEntity, UserSessionEntity, AuditEntryEntity]), ThrottlerModule.forRootAsync({ inject: [APP_CONFIG], useFactory: apiRateLimits })],
  controllers: [AuthController, OidcController],
  providers: [
    AuthService,
    OidcService,
    AuditService,
    UsersResolver,
    AuditResolver,
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_GUARD, useClass: UserThrottlerGuard },
    { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
    { provide: APP_FILTER, useClass: AuthExceptionFilter },
  ],
  exports: [AuthService, AuditService],
})
export class AuthModule {}
