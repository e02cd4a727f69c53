import type { Request } from 'express';
import type { ClientInfo } from './sessions.service.js';

/** The caller's address (behind TRUST_PROXY_HOPS proxies) and user agent, as recorded on a session. */
export function clientInfoOf(request: Request): ClientInfo {
  return {
    ip: request.ip?.slice(0, 64) ?? null,
    userAgent: request.get('user-agent')?.slice(0, 512) ?? null,
  };
}
