import { Controller, Get, Module } from '@nestjs/common';
import { ApiStatuses } from '../../src/common/openapi/api-statuses.decorator.js';
import { RouteName } from '../../src/common/routing/route.decorators.js';
import type { ApplicationAuth } from '../../src/modules/auth/auth-context.js';
import { ApplicationAuthenticated, CurrentApplication } from '../../src/modules/auth/auth.decorators.js';

/** A test-only server-to-server route (`app:capture`), until XSO brings real ones. */
@Controller('api/v1/capture_probe')
export class CaptureProbeController {
  @Get('whoami')
  @RouteName('Capture Probe API')
  @ApplicationAuthenticated('capture')
  @ApiStatuses()
  whoami(@CurrentApplication() caller: ApplicationAuth) {
    return { application: caller.applicationSlug };
  }
}

@Module({ controllers: [CaptureProbeController] })
export class CaptureProbeModule {}
