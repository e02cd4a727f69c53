import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheckService, type HealthCheckResult } from '@nestjs/terminus';
import { ApiStatuses, ApiSuccess } from '../../common/openapi/api-statuses.decorator.js';
import { RouteName } from '../../common/routing/route.decorators.js';
import { PlanoException } from '../../common/status/plano.exception.js';
import { DatabaseUnavailableError } from '../../database/errors.js';
import { Public } from '../auth/auth.decorators.js';
import { DatabasePing } from './database-ping.js';
import { HealthReport } from './health.responses.js';

/** Liveness for load balancers and operators, outside /api/v1: is the database reachable? */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: DatabasePing,
  ) {}

  @Get()
  @RouteName(
    'Health Check',
    'Liveness for load balancers and operators: 200 while the database answers.',
  )
  @ApiSuccess(
    HealthReport,
    { status: 'ok', info: { database: { status: 'up', responseTime: 2 } }, error: {}, details: { database: { status: 'up', responseTime: 2 } } },
    'Terminus health check result (responseTime: the ping, in ms).',
  )
  @Public()
  @ApiStatuses()
  async check(): Promise<HealthReport> {
    try {
      return await this.health.check([() => this.database.check('database', 2000)]);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      const details = (error.getResponse() as Partial<HealthCheckResult>).details ?? null;
      // Counted as part of the outage (DatabaseOutages), like every other request that needs the database now.
      throw new PlanoException('application-crash', {
        message: 'The database is unreachable.',
        data: details,
        cause: new DatabaseUnavailableError('the health check ping got no answer'),
      });
    }
  }
}
