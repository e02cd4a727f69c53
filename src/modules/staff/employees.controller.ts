import { Body, Controller, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiStatuses, ApiSuccess } from '../../common/openapi/api-statuses.decorator.js';
import { RouteName, SensitiveParams } from '../../common/routing/route.decorators.js';
import { Authenticated } from '../auth/auth.decorators.js';
import { CreateEmployeeDto } from './dto/staff-accounts.dto.js';
import { StaffAccountsService } from './staff-accounts.service.js';
import { USER_EXAMPLE } from '../accounts/account.examples.js';
import { EmployeeData } from './staff.responses.js';

/**
 * employees/create: admin only.
 */
@ApiTags('employees')
@Controller('api/v1/employees')
export class EmployeesController {
  constructor(private readonly staffAccounts: StaffAccountsService) {}

  @Post('create')
  @RouteName(
    'Employees Create API',
    'Admin: a new staff user (sensitive params), an admin if `admin: true`.',
  )
  @ApiSuccess(EmployeeData, { employee: { id: 3, user_id: 7, admin: false, user: { ...USER_EXAMPLE, id: 7, email: 'new.employee@plano.test', first_name: 'Ned', last_name: 'Newemployee' } } })
  @ApiStatuses('missing-param', 'invalid-param', 'email-already-registered')
  @Authenticated({ admin: true })
  @SensitiveParams(CreateEmployeeDto, {
    params: { email: 'new.employee@plano.test', password: 'new-employee-pass', first_name: 'Ned', last_name: 'Newemployee', admin: false },
    effect: 'with an admin session, creates new.employee@plano.test, an employee who is not an admin.',
  })
  async create(@Body() params: CreateEmployeeDto) {
    return { employee: await this.staffAccounts.createEmployee(params) };
  }
}
