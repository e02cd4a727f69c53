import type { Request, Response } from 'express';
import { PlanoException } from '../status/plano.exception.js';
import type { RouteCatalog } from './route-catalog.js';
import type { RouteDescriptor } from './route-descriptor.js';
import { routeIdentificationMiddleware } from './route-identification.middleware.js';

const READ: RouteDescriptor = {
  method: 'GET',
  path: '/api/v1/sessions/read',
  name: 'Sessions Read API',
  service: 'sessions',
  sensitiveParams: false,
  controller: 'SessionsController',
  handler: 'read',
};

const catalog = { identify: (method: string, path: string) => (method === 'GET' && path === READ.path ? READ : null) } as unknown as RouteCatalog;

function identify(method: string, path: string, refusal: 'route-not-found' | null = null) {
  const request = { method, path, plano: { requestId: 'r', startedAt: 0n } } as unknown as Request;
  let passed: unknown = 'not called';
  routeIdentificationMiddleware(catalog, { refusalFor: () => refusal })(request, {} as Response, (error?: unknown) => (passed = error));
  return { passed, route: request.plano?.route };
}

describe('routeIdentificationMiddleware', () => {
  it('identifies a route and passes on', () => {
    expect(identify('GET', '/api/v1/sessions/read')).toEqual({ passed: undefined, route: READ });
  });

  it('passes on the gate’s refusal of an identified route', () => {
    const { passed, route } = identify('GET', '/api/v1/sessions/read', 'route-not-found');
    expect((passed as PlanoException).slug).toBe('route-not-found');
    expect(route).toBe(READ);
  });

  it.each(['/api/v1/nothing/here', '/API/v1/nothing', '/api/'])('answers route-non-existent at once for %s: every /api/ route is in the catalogue', (path) => {
    const { passed, route } = identify('GET', path);
    expect(passed).toBeInstanceOf(PlanoException);
    expect((passed as PlanoException).slug).toBe('route-non-existent');
    expect(route).toBeUndefined();
  });

  it.each(['/docs/index.html', '/favicon.ico', '/apis/x', '/api'])('leaves %s to the router (routes mounted outside the controllers)', (path) => {
    expect(identify('GET', path)).toEqual({ passed: undefined, route: undefined });
  });
});
