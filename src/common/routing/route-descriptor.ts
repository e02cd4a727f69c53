/** One HTTP route of the app, as discovered from its controllers at start. */
export interface RouteDescriptor {
  /** Upper-case HTTP method: GET, POST, PUT, … */
  readonly method: string;
  /** The full path, e.g. `/api/v1/xso/capture_client`. */
  readonly path: string;
  /** Human name, e.g. "XSO CaptuRE Client API" (from @RouteName). */
  readonly name: string;
  /** The API service it belongs to (from @ApiService on its controller, else its resource: `/api/v1/<resource>/…`). */
  readonly service: string;
  /** Whether the body must be base64-encoded JSON (from @SensitiveParams). */
  readonly sensitiveParams: boolean;
  /** The controller class and handler name, for diagnostics and the route inventory. */
  readonly controller: string;
  readonly handler: string;
}

/** The key routes are identified by: method + path, compared the way Express matches them. */
export function routeKey(method: string, path: string): string {
  const upper = method.toUpperCase();
  const normalizedMethod = upper === 'HEAD' ? 'GET' : upper;
  let normalizedPath = path.toLowerCase();
  if (normalizedPath.length > 1 && normalizedPath.endsWith('/')) normalizedPath = normalizedPath.slice(0, -1);
  return `${normalizedMethod} ${normalizedPath}`;
}
