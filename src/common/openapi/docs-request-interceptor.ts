/**
 * Swagger UI's `requestInterceptor` for /docs: it lets a person type the JSON params of a
 * sensitive-params route into the body box, and sends what the route accepts — the base64 of that
 * JSON (CONTRACT.md §1). A body that is not a JSON object (already base64, say) goes as typed.
 *
 * It runs in the browser: @nestjs/swagger writes it into swagger-ui-init.js with
 * `Function.prototype.toString`, so it must stay one self-contained function declaration that uses
 * nothing but browser globals (TextEncoder, btoa). Served from /docs/swagger-ui-init.js, a file of
 * our own origin, it passes helmet's `script-src 'self'`, where an inline customJsStr would not.
 */
export function encodeSensitiveParamsBody<T extends { headers?: Record<string, string>; body?: unknown }>(request: T): T {
  const headers = request.headers ?? {};
  const contentType = Object.keys(headers).find((name) => name.toLowerCase() === 'content-type');
  if (contentType === undefined || !/^\s*text\/plain\b/i.test(String(headers[contentType]))) return request;
  if (typeof request.body !== 'string') return request;
  let parsed: unknown;
  try {
    parsed = JSON.parse(request.body);
  } catch {
    return request;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return request;
  // btoa takes Latin-1 only: encode to UTF-8 bytes first, so "José" survives the round trip.
  const bytes = new TextEncoder().encode(request.body);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 1) binary += String.fromCharCode(bytes[i]);
  request.body = btoa(binary);
  return request;
}
