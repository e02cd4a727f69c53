import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { HealthCheckStatus, HealthIndicatorStatus } from '@nestjs/terminus';

// What the health check puts in `data` on success: Terminus's result, as the document's named
// schemas (@ApiSuccess). Terminus types the indicators as records keyed by any name, so the
// classes name the one indicator this app checks.

/** One health indicator's outcome (Terminus adds responseTime to every timed check). */
export class HealthIndicatorState {
  @ApiProperty({ enum: ['up', 'degraded', 'down'] }) status!: HealthIndicatorStatus;
  @ApiPropertyOptional({ type: 'integer', description: 'How long the check took, in ms.' }) responseTime?: number;
}

/** Some of the indicators: `info` holds those up (or degraded), `error` those down. */
export class HealthIndicatorSubset {
  @ApiPropertyOptional({ type: HealthIndicatorState, description: 'The database ping.' }) database?: HealthIndicatorState;
}

/** Every indicator. */
export class HealthIndicatorDetails {
  @ApiProperty({ type: HealthIndicatorState, description: 'The database ping.' }) database!: HealthIndicatorState;
}

/** health: the Terminus health check result. */
export class HealthReport {
  // Terminus types every status, but its check() throws on error and shutting_down (the route then
  // answers application-crash), so a success only ever carries these two.
  @ApiProperty({ enum: ['ok', 'degraded'] })
  status!: HealthCheckStatus;
  @ApiPropertyOptional({ type: HealthIndicatorSubset }) info?: HealthIndicatorSubset;
  @ApiPropertyOptional({ type: HealthIndicatorSubset }) error?: HealthIndicatorSubset;
  @ApiProperty({ type: HealthIndicatorDetails }) details!: HealthIndicatorDetails;
}
