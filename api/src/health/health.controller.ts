import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import type { Response } from 'express';
import { SkipThrottle } from '@nestjs/throttler';
import { Public } from '../auth/access.decorators';
import { ReadinessService } from './readiness.service';

/** Probes: public, never rate limited. */
@Controller()
@Public()
@SkipThrottle()
export class HealthController {
  constructor(private readonly readiness: ReadinessService) {}

  /** Liveness: the process answers. */
  @Get('healthz')
  @HttpCode(200)
  healthz(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Readiness: both stores reachable and migrated; 503 otherwise, with what is wrong. */
  @Get('readyz')
  async readyz(@Res({ passthrough: true }) res: Response) {
    const r = await this.readiness.check();
    res.status(r.ready ? 200 : 503);
    return { status: r.ready ? 'ready' : 'not ready', clickhouse: r.clickhouse, relational: r.relational };
  }
}
