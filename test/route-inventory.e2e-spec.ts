import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { RequestMethod } from '@nestjs/common';
import { SENSITIVE_PARAMS } from '../src/common/routing/route.decorators.js';
import { AUTH_REQUIREMENT, type AuthRequirement } from '../src/modules/auth/auth.decorators.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/**
 * The 401s a public route may still answer: not about a session token it does not ask for, but
 * about a one-time code in its params (a used, expired or unknown code is `invalid-token`).
 */
const PUBLIC_ROUTE_401: Record<string, string[]> = { 'POST /api/v1/sessions/redeem_magic_link': ['invalid-token'] };

/**
 * Every route of the app with what it requires. A change to this list is a security change: it
 * shows up in review as a snapshot diff. A route that declares no requirement fails the test
 * (the guard would close it, but it should say so).
 */
describe('route inventory', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  function inventory() {
    const reflector = t.app.get(Reflector);
    const scanner = t.app.get(MetadataScanner);
    const rows: Array<{ route: string; requirement: AuthRequirement | undefined; sensitive: boolean }> = [];
    for (const { instance, metatype } of t.app.get(DiscoveryService).getControllers()) {
      if (!instance || !metatype) continue;
      const prototype = Object.getPrototypeOf(instance) as Record<string, (...args: unknown[]) => unknown>;
      for (const name of scanner.getAllMethodNames(prototype)) {
        const handler = prototype[name];
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        if (path === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
        const base = Reflect.getMetadata(PATH_METADATA, metatype) as string;
        rows.push({
          route: `${method} /${[base, path].map((p) => p.replace(/^\/|\/$/g, '')).filter(Boolean).join('/')}`,
          requirement: reflector.getAllAndOverride<AuthRequirement | undefined>(AUTH_REQUIREMENT, [handler, metatype]),
          sensitive: reflector.get<boolean>(SENSITIVE_PARAMS, handler) === true,
        });
      }
    }
    return rows.sort((a, b) => a.route.localeCompare(b.route));
  }

  it('has an explicit auth requirement on every route', () => {
    expect(inventory().filter((row) => row.requirement === undefined).map((row) => row.route)).toEqual([]);
  });

  it('documents in OpenAPI the same requirement the guard enforces', async () => {
    const document = (await t.http.get('/docs-json')).body as {
      paths: Record<string, Record<string, { security?: unknown[]; responses: Record<string, { content?: { 'application/json': { examples: object } } }> }>>;
    };
    for (const { route, requirement } of inventory()) {
      const [method, path] = route.split(' ');
      const operation = document.paths[path]?.[method.toLowerCase()];
      expect(operation).toBeDefined();
      const statuses401 = Object.keys(operation.responses['401']?.content?.['application/json'].examples ?? {});
      if (requirement?.kind === 'public') {
        expect({ route, security: operation.security ?? [] }).toEqual({ route, security: [] });
        expect({ route, statuses401 }).toEqual({ route, statuses401: PUBLIC_ROUTE_401[route] ?? [] });
      } else {
        expect({ route, security: operation.security }).toEqual({ route, security: [{ bearer: [] }, { token: [] }] });
        expect({ route, statuses401 }).toEqual({ route, statuses401: expect.arrayContaining(['invalid-token']) });
      }
    }
  });

  it('matches the reviewed inventory', () => {
    const lines = inventory().map(({ route, requirement, sensitive }) => {
      return `${route.padEnd(44)} ${requirementLabel(requirement).padEnd(28)} ${sensitive ? 'sensitive params' : ''}`.trimEnd();
    });
    expect(lines).toMatchSnapshot();
  });
});

function requirementLabel(requirement: AuthRequirement | undefined): string {
  if (!requirement) return 'UNDECLARED';
  switch (requirement.kind) {
    case 'public':
      return 'public';
    case 'application':
      return `app:${requirement.application}`;
    case 'session': {
      if (requirement.admin) return 'admin';
      const roles = requirement.roles === null ? 'any role' : requirement.roles.join('|');
      return requirement.allowRoleless ? 'session (role-less allowed)' : `session, ${roles}`;
    }
  }
}
