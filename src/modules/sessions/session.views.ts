import { ApiProperty } from '@nestjs/swagger';
import type { SessionEntity } from './entities/session.entity.js';

/** The session as the API shows it (CONTRACT.md §11): never the token, never its hash. */
export class SessionView {
  @ApiProperty({ type: 'integer' }) id!: number;
  @ApiProperty({ description: 'The slug of the application the session belongs to.' }) application!: string;
  @ApiProperty({ type: 'integer' }) user_id!: number;
  @ApiProperty() remember_me!: boolean;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ format: 'date-time' }) last_used_at!: string;
  /** The earlier of the two limits, or null while remember_me holds (and no cap is set). */
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the session stops working; null while remember_me holds.' })
  expires_at!: string | null;
}

export function toSessionView(session: Pick<SessionEntity, 'id' | 'userId' | 'createdAt' | 'lastUsedAt'>, applicationSlug: string, rememberMe: boolean, expiresAt: Date | null): SessionView {
  return {
    id: session.id,
    application: applicationSlug,
    user_id: session.userId,
    remember_me: rememberMe,
    created_at: session.createdAt.toISOString(),
    last_used_at: session.lastUsedAt.toISOString(),
    expires_at: expiresAt?.toISOString() ?? null,
  };
}
