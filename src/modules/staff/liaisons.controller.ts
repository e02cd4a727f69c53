import { Body, Controller, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiStatuses } from '../../common/openapi/api-statuses.decorator.js';
import { RouteName, SensitiveParams } from '../../common/routing/route.decorators.js';
import { Authenticated } from '../auth/auth.decorators.js';
import { CreateLiaisonDto, UpdateLiaisonDto } from './dto/staff-accounts.dto.js';
import { StaffAccountsService } from './staff-accounts.service.js';

/**
 * liaisons/create and liaisons/update: staff only.
 */
@ApiTags('liaisons')
@Controller('api/v1/liaisons')
export class LiaisonsController {
  constructor(private readonly staffAccounts: StaffAccountsService) {}

  @Post('create')
  @RouteName('Liaisons Create API')
  @ApiStatuses('missing-param', 'invalid-param', 'email-already-registered')
  @Authenticated({ roles: ['employee'] })
  @SensitiveParams(CreateLiaisonDto)
  async create(@Body() params: CreateLiaisonDto) {
    return { liaison: await this.staffAccounts.createLiaison(params) };
  }

  @Put('update')
  @RouteName('Liaisons Update API')
  @ApiStatuses('missing-param', 'invalid-param')
  @Authenticated({ roles: ['employee'] })
  async update(@Body() params: UpdateLiaisonDto) {
    return { liaison: await this.staffAccounts.relinkLiaison(params.id, params.client_ids) };
  }
}
