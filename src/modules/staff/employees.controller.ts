import { Body, Controller, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiStatuses } from '../../common/openapi/api-statuses.decorator.js';
import { RouteName, SensitiveParams } from '../../common/routing/route.decorators.js';
import { Authenticated } from '../auth/auth.decorators.js';
import { CreateEmployeeDto } from './dto/staff-accounts.dto.js';
import { StaffAccountsService } from './staff-accounts.service.js';

/**
 * employees/create: admin only.
 */
@ApiTags('employees')
@Controller('api/v1/employees')
export class EmployeesController {
  constructor(private readonly staffAccounts: StaffAccountsService) {}

  @Post('create')
  @RouteName('Employees Create API')
  @ApiStatuses('missing-param', 'invalid-param', 'email-already-registered')
  @Authenticated({ admin: true })
  @SensitiveParams(CreateEmployeeDto)
  async create(@Body() params: CreateEmployeeDto) {
    return { employee: await this.staffAccounts.createEmployee(params) };
  }
}
