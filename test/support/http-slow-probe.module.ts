import { Body, Controller, Module, Post } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { ApiStatuses } from '../../src/common/openapi/api-statuses.decorator.js';
import { RouteName } from '../../src/common/routing/route.decorators.js';
import { Public } from '../../src/modules/auth/auth.decorators.js';

export class SlowProbeDto {
  @ApiProperty({ type: 'integer', description: 'How long the handler takes, once the body has arrived.' })
  @IsInt()
  @Min(0)
  @Max(10_000)
  ms: number;
}

/**
 * A test-only route whose handler takes as long as it is told, like a registration waiting for
 * Mandrill: REQUEST_TIMEOUT_MS bounds how long a request takes to arrive, never how long it is served.
 */
@Controller('api/v1/slow_probe')
@Public()
export class SlowProbeController {
  @Post('wait')
  @RouteName('Slow Probe API')
  @ApiStatuses('missing-param', 'invalid-param')
  async wait(@Body() params: SlowProbeDto) {
    await new Promise((resolve) => setTimeout(resolve, params.ms));
    return { waited_ms: params.ms };
  }
}

@Module({ controllers: [SlowProbeController] })
export class SlowProbeModule {}
