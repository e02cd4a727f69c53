import type { SessionEntity } from './entities/session.entity.js';

/** The session as the API shows it (CONTRACT.md §11): never the token, never its hash. */
export interface SessionView {
  id: number;
  application: string;
  user_id: number;
  remember_me: boolean;
  created_at: string;
  last_used_at: string;
  /** The earlier of the two limits, or null while remember_me holds (and no cap is set). */
  expires_at: string | null;
}

export function toSessionView(session: SessionEntity, applicationSlug: string, rememberMe: boolean, expiresAt: Date | null): SessionView {
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
