import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { RouteCatalog } from '../../common/routing/route-catalog.js';
import { routeKey, type RouteDescriptor } from '../../common/routing/route-descriptor.js';
import type { RouteGate } from '../../common/routing/route-gate.js';
import { PlanoException } from '../../common/status/plano.exception.js';
import { Clock } from '../../common/time/clock.js';
import { registryConfig, type RegistryConfig } from '../../config/registry.config.js';
import { Transactions } from '../../database/transactions.js';
import type { RouteEntity } from './entities/route.entity.js';
import { RegistryRepository } from './registry.repository.js';
import { EMPTY_SNAPSHOT, refusalFor, type RegistrySnapshot } from './registry-snapshot.js';
import { toApiServiceView, toRouteView, type ApiServiceView, type RouteView } from './registry.views.js';

/** The registry's own service: its admin routes cannot be withdrawn through themselves. */
export const REGISTRY_SERVICE = 'registry';

/**
 * Routes no registry change may withdraw, nor the services holding them (CONTRACT.md §12): without
 * sign-in nobody gets the admin token that could undo the change, and without the health check
 * load balancers take every instance out. The registry's own routes are kept by their service.
 */
const ALWAYS_DEPLOYED_ROUTES = new Set([routeKey('POST', '/api/v1/sessions/create'), routeKey('GET', '/health')]);

/**
 * The routes / API services registry (CONTRACT.md §8).
 *
 * - At start it upserts a record for every route and service the controllers declare; new
 *   records are deployed when ROUTES_AUTO_DEPLOY is on, existing ones keep operators' flags.
 * - Identification reads an in-memory snapshot: no database query per request.
 * - Changes spread through a version counter bumped in the same transaction as the change, which
 *   every instance polls (REGISTRY_POLL_INTERVAL_MS). Why polling rather than PostgreSQL
 *   LISTEN/NOTIFY: it works the same on SQLite, it needs no dedicated connection per instance,
 *   and a missed notification (a dropped connection) cannot leave an instance stale for good;
 *   one read of one row by primary key four times a second is cheap next to the traffic.
 */
@Injectable()
export class RegistryService implements RouteGate, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Registry');
  private snapshot: RegistrySnapshot = EMPTY_SNAPSHOT;
  private poller?: NodeJS.Timeout;
  private stopped = false;
  private polling = false;
  private pollFailing = false;

  constructor(
    private readonly records: RegistryRepository,
    private readonly catalog: RouteCatalog,
    private readonly transactions: Transactions,
    private readonly clock: Clock,
    @Inject(registryConfig.KEY) private readonly config: RegistryConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.syncWithCode();
    await this.reload();
    // A start that failed elsewhere meanwhile has already shut down: no poller then.
    if (this.stopped) return;
    this.poller = setInterval(() => void this.pollOnce(), this.config.pollIntervalMs);
    this.poller.unref();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearInterval(this.poller);
  }

  /** RouteGate: whether an identified route is live, from the snapshot only. */
  refusalFor(route: RouteDescriptor): 'route-not-found' | 'service-not-found' | null {
    return refusalFor(this.snapshot, route);
  }

  async listRoutes(serviceSlug?: string): Promise<RouteView[]> {
    return (await this.records.routesWithServices(serviceSlug)).map(toRouteView);
  }

  async listServices(): Promise<ApiServiceView[]> {
    return (await this.records.services()).map(toApiServiceView);
  }

  /** routes/update: deploy or withdraw one route, on every instance within a poll interval. */
  async setRouteDeployed(routeId: number, deployed: boolean): Promise<RouteView> {
    const route = await this.records.routeWithService(routeId);
    if (!route?.service) throw PlanoException.notFoundOrNotYours('id', routeId);
    if (!deployed && mustStayDeployed(route, route.service.slug)) {
      throw lockout('id', `${describeRoute(route)} must stay deployed and cannot be withdrawn.`);
    }
    await this.changeAndBump(() => this.records.setRouteDeployed(routeId, deployed, this.clock.now()));
    return toRouteView({ ...route, deployed, updatedAt: this.clock.now() });
  }

  /** api_services/update: deploy or withdraw a whole service. */
  async setServiceDeployed(serviceId: number, deployed: boolean): Promise<ApiServiceView> {
    const service = await this.records.serviceWithId(serviceId);
    if (!service) throw PlanoException.notFoundOrNotYours('id', serviceId);
    if (!deployed) {
      const held = (await this.records.routesOfService(serviceId)).filter((route) => mustStayDeployed(route, service.slug));
      if (held.length > 0) {
        throw lockout('id', `${service.name} holds ${held.map(describeRoute).join(', ')}, which must stay deployed: it cannot be withdrawn.`);
      }
    }
    await this.changeAndBump(() => this.records.setServiceDeployed(serviceId, deployed, this.clock.now()));
    return toApiServiceView({ ...service, deployed, updatedAt: this.clock.now() });
  }

  /** Checks the version and reloads the snapshot when another instance changed something. */
  async pollOnce(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      if ((await this.records.currentVersion()) !== this.snapshot.version) await this.reload();
      if (this.pollFailing) this.logger.log({ msg: 'registry poll works again' });
      this.pollFailing = false;
    } catch (error) {
      // Keep serving from the last good snapshot; the next poll tries again. Said once per run of
      // failures: during a database outage this would otherwise be several lines a second.
      if (!this.pollFailing) this.logger.warn({ msg: 'registry poll failed; serving the last snapshot', error: error instanceof Error ? error.message : String(error) });
      this.pollFailing = true;
    } finally {
      this.polling = false;
    }
  }

  /** The change and the version bump in one transaction: no instance sees one without the other. */
  private async changeAndBump(change: () => Promise<unknown>): Promise<void> {
    await this.transactions.run(async () => {
      await change();
      await this.records.bumpVersion();
    });
    await this.reload(); // this instance at once; the others at their next poll
  }

  /** Reads the version first: a change landing during the read is picked up by the next poll. */
  private async reload(): Promise<void> {
    const version = await this.records.currentVersion();
    const rows = await this.records.routeFlags();
    this.snapshot = {
      version,
      routes: new Map(rows.map((row) => [routeKey(row.method, row.path), { deployed: row.deployed, serviceDeployed: row.serviceDeployed }])),
    };
  }

  /**
   * Upserts a record for every route and service in the code. Safe when several instances start
   * at once: inserts ignore rows another instance has just made, and operators' flags are never
   * touched; only what the code owns (names, service, sensitive-params) is brought up to date.
   */
  private async syncWithCode(): Promise<void> {
    const now = this.clock.now();
    const routes = this.catalog.all();
    await this.transactions.run(async () => {
      const slugs = [...new Set(routes.map((route) => route.service))];
      await this.records.addServicesIfMissing(
        slugs.map((slug) => ({ slug, name: serviceName(slug), deployed: this.config.autoDeploy, createdAt: now, updatedAt: now })),
      );
      const serviceIds = new Map((await this.records.services()).map((service) => [service.slug, service.id]));
      const existing = new Map((await this.records.routes()).map((record) => [routeKey(record.method, record.path), record]));

      const fresh = routes.filter((route) => !existing.has(routeKey(route.method, route.path)));
      await this.records.addRoutesIfMissing(
        fresh.map((route) => ({
          method: route.method,
          path: route.path,
          name: route.name,
          serviceId: serviceIds.get(route.service) as number,
          sensitiveParams: route.sensitiveParams,
          deployed: this.config.autoDeploy,
          createdAt: now,
          updatedAt: now,
        })),
      );
      for (const route of routes) {
        const record = existing.get(routeKey(route.method, route.path));
        const serviceId = serviceIds.get(route.service) as number;
        if (record && (record.name !== route.name || record.serviceId !== serviceId || record.sensitiveParams !== route.sensitiveParams)) {
          await this.records.updateRouteFromCode(record.id, { name: route.name, serviceId, sensitiveParams: route.sensitiveParams }, now);
        }
      }
      await this.records.bumpVersion();
    });
  }
}

function serviceName(slug: string): string {
  return `${slug.split('_').map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join(' ')} API`;
}


function mustStayDeployed(route: Pick<RouteEntity, 'method' | 'path'>, serviceSlug: string): boolean {
  return serviceSlug === REGISTRY_SERVICE || ALWAYS_DEPLOYED_ROUTES.has(routeKey(route.method, route.path));
}

function describeRoute(route: Pick<RouteEntity, 'name' | 'method' | 'path'>): string {
  return `${route.name} (${route.method} ${route.path})`;
}

function lockout(param: string, message: string): PlanoException {
  return new PlanoException('invalid-param', { message, errors: [{ param, problem: 'registry-lockout' }] });
}
