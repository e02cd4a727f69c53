import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ApiServiceView, RouteView } from './registry.views.js';

// What the registry routes put in `data` on success (named schemas, see @ApiSuccess).

export class RouteList {
  @ApiProperty({ type: [RouteView] }) results!: RouteView[];
  @ApiPropertyOptional({ type: 'integer', description: 'The total of matching routes; only with count=true.' }) count?: number;
}

export class RouteData {
  @ApiProperty({ type: RouteView }) route!: RouteView;
}

export class ApiServiceList {
  @ApiProperty({ type: [ApiServiceView] }) results!: ApiServiceView[];
  @ApiPropertyOptional({ type: 'integer', description: 'The total of matching API services; only with count=true.' }) count?: number;
}

export class ApiServiceData {
  @ApiProperty({ type: ApiServiceView }) api_service!: ApiServiceView;
}
