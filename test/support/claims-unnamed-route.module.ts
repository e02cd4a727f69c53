import { Controller, Get, Module } from '@nestjs/common';
import { RouteName } from '../../src/common/routing/route.decorators.js';
import { Public } from '../../src/modules/auth/auth.decorators.js';

/**
 * A test-only controller with one route that forgot its @RouteName, beside one that has it: the
 * README says such an app does not start (every route must be named: the name is its OpenAPI
 * summary and its registry record).
 */
@Controller('api/v1/claims_probe')
@Public()
export class UnnamedRouteController {
  @Get('named')
  @RouteName('Claims Probe Named API')
  named() {
    return { named: true };
  }

  @Get('unnamed')
  unnamed() {
    return { named: false };
  }
}

@Module({ controllers: [UnnamedRouteController] })
export class UnnamedRouteModule {}
