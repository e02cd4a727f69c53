import { Injectable, RequestMethod, type OnModuleInit } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { routeKey, type RouteDescriptor } from './route-descriptor.js';
import { API_SERVICE, ROUTE_NAME, SENSITIVE_PARAMS } from './route.decorators.js';

/**
 * Every HTTP route the app's controllers declare, found once at start through Nest's discovery
 * service and held in memory: identifying a request is a map lookup, never a database query.
 */
@Injectable()
export class RouteCatalog implements OnModuleInit {
  private byKey = new Map<string, RouteDescriptor>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    const routes = this.discover();
    this.byKey = new Map(routes.map((route) => [routeKey(route.method, route.path), route]));
  }

  /** The route a request targets, or null when no controller serves that method + path. */
  identify(method: string, path: string): RouteDescriptor | null {
    return this.byKey.get(routeKey(method, path)) ?? null;
  }

  all(): RouteDescriptor[] {
    return [...this.byKey.values()].sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
  }

  private discover(): RouteDescriptor[] {
    const routes: RouteDescriptor[] = [];
    for (const wrapper of this.discovery.getControllers()) {
      const { instance, metatype } = wrapper;
      if (!instance || !metatype) continue;
      const controllerPaths = asArray<string>(Reflect.getMetadata(PATH_METADATA, metatype) ?? '/');
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const handlerName of this.scanner.getAllMethodNames(prototype)) {
        const handler = (prototype as Record<string, unknown>)[handlerName] as (...args: unknown[]) => unknown;
        const methodPaths = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        if (methodPaths === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
        for (const controllerPath of controllerPaths) {
          for (const methodPath of asArray(methodPaths)) {
            const path = joinPaths(controllerPath, methodPath);
            const name = this.reflector.get<string | undefined>(ROUTE_NAME, handler);
            if (!name) {
              throw new Error(`${metatype.name}.${handlerName} (${method} ${path}) has no @RouteName: every route must be named`);
            }
            routes.push({
              method,
              path,
              name,
              service: this.reflector.get<string | undefined>(API_SERVICE, metatype) ?? resourceOf(path),
              sensitiveParams: this.reflector.get<boolean>(SENSITIVE_PARAMS, handler) === true,
              controller: metatype.name,
              handler: handlerName,
            });
          }
        }
      }
    }
    return routes;
  }
}

/** `/api/v1/sessions/read` → `sessions`; `/health` → `health`. */
function resourceOf(path: string): string {
  const segments = path.split('/').filter(Boolean);
  return (segments[0] === 'api' ? segments[2] : segments[0]) ?? 'root';
}

function asArray<T>(value: T | T[]): T[] {
  return Array.isArray(value) ? value : [value];
}

function joinPaths(...parts: string[]): string {
  const joined = parts
    .map((part) => part.replace(/^\/+|\/+$/g, ''))
    .filter((part) => part.length > 0)
    .join('/');
  return `/${joined}`;
}
