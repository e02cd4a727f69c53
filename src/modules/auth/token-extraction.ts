import type { Request } from 'express';

/**
 * The token a request carries (CONTRACT.md §1): `Authorization: Bearer <token>` wins over the
 * `token` param, which may come in the (decoded) body or the query string.
 */
export function tokenOf(request: Request): string | undefined {
  const header = request.get('authorization');
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    return match?.[1] ?? '';
  }
  const fromBody = (request.body as Record<string, unknown> | undefined)?.token;
  if (typeof fromBody === 'string') return fromBody;
  const fromQuery = (request.query as Record<string, unknown>).token;
  return typeof fromQuery === 'string' ? fromQuery : undefined;
}
