import { Body, Controller, Post, Put } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import { ApiStatuses, ApiSuccess } from '../../common/openapi/api-statuses.decorator.js';
import { RouteName, SensitiveParams } from '../../common/routing/route.decorators.js';
import { Authenticated } from '../auth/auth.decorators.js';
import { CreateLiaisonDto, UpdateLiaisonDto } from './dto/staff-accounts.dto.js';
import { StaffAccountsService } from './staff-accounts.service.js';
import { USER_EXAMPLE } from '../accounts/account.examples.js';
import { LiaisonData } from './staff.responses.js';
import type { LiaisonView } from './staff.views.js';

/** What the OpenAPI document shows as this module's records (@ApiSuccess): the demo liaison. */
const LIAISON_EXAMPLE: LiaisonView = {
  id: 1,
  user_id: 5,
  client_ids: [1],
  user: { ...USER_EXAMPLE, id: 5, email: 'liaison@plano.test', first_name: 'Lia', last_name: 'Liaison' },
};

/**
 * liaisons/create and liaisons/update: staff only.
 */
@ApiTags('liaisons')
@Controller('api/v1/liaisons')
export class LiaisonsController {
  constructor(private readonly staffAccounts: StaffAccountsService) {}

  @Post('create')
  @RouteName(
    'Liaisons Create API',
    'Staff: a new liaison user (sensitive params) linked to the clients in `client_ids`.',
  )
  @ApiSuccess(LiaisonData, { liaison: LIAISON_EXAMPLE })
  @ApiStatuses('missing-param', 'invalid-param', 'email-already-registered')
  @Authenticated({ roles: ['employee'] })
  @SensitiveParams(CreateLiaisonDto, {
    params: { email: 'new.liaison@plano.test', password: 'new-liaison-pass', first_name: 'Lena', last_name: 'Newliaison', client_ids: [1] },
    effect: 'with a staff session, creates new.liaison@plano.test, a liaison for client 1 (Acme Realty).',
  })
  async create(@Body() params: CreateLiaisonDto) {
    return { liaison: await this.staffAccounts.createLiaison(params) };
  }

  @Put('update')
  @RouteName(
    'Liaisons Update API',
    'Staff: the liaison\'s client links become exactly `client_ids`.',
  )
  @ApiSuccess(LiaisonData, { liaison: LIAISON_EXAMPLE }, 'The liaison with its new client links.')
  @ApiStatuses('missing-param', 'invalid-param')
  @Authenticated({ roles: ['employee'] })
  @ApiBody({ type: UpdateLiaisonDto, examples: { demo: { summary: 'The demo liaison, for Acme Realty only (unchanged)', value: { id: 1, client_ids: [1] } } } })
  async update(@Body() params: UpdateLiaisonDto) {
    return { liaison: await this.staffAccounts.relinkLiaison(params.id, params.client_ids) };
  }
}
