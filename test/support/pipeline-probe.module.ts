import { Body, Controller, Get, Module, Post, Query } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEmail, IsInt, IsOptional, IsString, Min, MinLength } from 'class-validator';
import { ApiStatuses } from '../../src/common/openapi/api-statuses.decorator.js';
import { RouteName, SensitiveParams } from '../../src/common/routing/route.decorators.js';
import { Public } from '../../src/modules/auth/auth.decorators.js';

/*
 * Test-only routes that exercise the pipeline before the feature modules exist. They live under
 * test/ so the app itself never serves them.
 */

export class ProbeQueryDto {
  @ApiProperty({ description: 'A name to echo.' })
  @IsString()
  name: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  count?: number;
}

export class ProbeBodyDto {
  @ApiProperty()
  @IsString()
  name: string;

  @ApiPropertyOptional({ type: 'integer' })
  @IsOptional()
  @IsInt()
  count?: number;
}

export class ProbeCredentialsDto {
  @ApiProperty({ format: 'email' })
  @IsEmail()
  email: string;

  @ApiProperty({ format: 'password', minLength: 8 })
  @IsString()
  @MinLength(8)
  password: string;
}

export const CRASH_DETAIL = 'boom: SELECT * FROM users WHERE password_hash = $1 at /srv/plano/src/secret.ts';

@Controller('api/v1/probe')
@Public()
export class PipelineProbeController {
  @Get('params')
  @RouteName('Probe Params API')
  @ApiStatuses('missing-param', 'invalid-param')
  params(@Query() query: ProbeQueryDto) {
    return { name: query.name, count: query.count ?? null };
  }

  @Post('echo')
  @RouteName('Probe Echo API')
  @ApiStatuses('missing-param', 'invalid-param')
  echo(@Body() body: ProbeBodyDto) {
    return { name: body.name, count: body.count ?? null };
  }

  @Post('sensitive')
  @RouteName('Probe Sensitive API')
  @SensitiveParams(ProbeCredentialsDto)
  @ApiStatuses('missing-param', 'invalid-param')
  sensitive(@Body() body: ProbeCredentialsDto) {
    return { email: body.email };
  }

  @Get('crash')
  @RouteName('Probe Crash API')
  @ApiStatuses()
  crash(): never {
    throw new Error(CRASH_DETAIL);
  }
}

@Module({ controllers: [PipelineProbeController] })
export class PipelineProbeModule {}
