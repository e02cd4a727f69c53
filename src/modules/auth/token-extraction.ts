import type { Request } from 'express';

/**
 * The token a request carries (CONTRACT.md §1): `Authorization: Bearer <token>` wins over the
 * `token` param, which may come in the (decoded) body or the query string. Undefined when none
 * was sent; '' when one was sent in a shape that cannot be a token (a non-Bearer header, an
 * array, a number), so the guard answers invalid-token rather than looking elsewhere.
 */
export function tokenOf(request: Request): string | undefined {
  const header = request.get('authorization');
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    return match?.[1] ?? '';
  }
  const fromBody = (request.body as Record<string, unknown> | undefined)?.token;
  if (fromBody !== undefined) return typeof fromBody === 'string' ? fromBody : '';
  const fromQuery = (request.query as Record<string, unknown>).token;
  if (fromQuery !== undefined) return typeof fromQuery === 'string' ? fromQuery : '';
  return undefined;
}
