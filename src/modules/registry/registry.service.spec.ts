import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { loggedTransactions, strictMock } from '../../../test/support/automock.js';
import { FakeClock } from '../../../test/support/fake-clock.js';
import type { RouteCatalog } from '../../common/routing/route-catalog.js';
import { routeKey, type RouteDescriptor } from '../../common/routing/route-descriptor.js';
import { PlanoException } from '../../common/status/plano.exception.js';
import type { Transactions } from '../../database/transactions.js';
import type { ApiServiceEntity } from './entities/api-service.entity.js';
import type { RouteEntity } from './entities/route.entity.js';
import type { RegistryRepository, RouteFlags } from './registry.repository.js';
import { RegistryService } from './registry.service.js';
import { refusal } from '../../../test/support/refusal.js';

const NOW = new FakeClock().now();
const EARLIER = new Date('2025-06-01T00:00:00.000Z');

function descriptor(method: string, path: string, name: string, service: string, sensitiveParams = false): RouteDescriptor {
  return { method, path, name, service, sensitiveParams, controller: 'SomeController', handler: 'handle' };
}

/** The code's routes, as RouteCatalog.all() answers them. */
const HEALTH = descriptor('GET', '/health', 'Health Check', 'health');
const ORDERS_INDEX = descriptor('GET', '/api/v1/orders/index', 'Orders Index', 'orders');
const ORDERS_CREATE = descriptor('POST', '/api/v1/orders/create', 'Create Order', 'orders', true);
const SESSIONS_CREATE = descriptor('POST', '/api/v1/sessions/create', 'Create Session', 'sessions', true);
const SESSIONS_READ = descriptor('GET', '/api/v1/sessions/read', 'Read Session', 'sessions');
const ROUTES_UPDATE = descriptor('POST', '/api/v1/routes/update', 'Update Route', 'registry');
const CATALOGUE = [HEALTH, ORDERS_INDEX, ORDERS_CREATE, SESSIONS_CREATE, SESSIONS_READ, ROUTES_UPDATE];

const SERVICES: ApiServiceEntity[] = [
  { id: 1, slug: 'health', name: 'Health API', deployed: true, createdAt: EARLIER, updatedAt: EARLIER },
  { id: 2, slug: 'orders', name: 'Orders API', deployed: true, createdAt: EARLIER, updatedAt: EARLIER },
  { id: 3, slug: 'sessions', name: 'Sessions API', deployed: true, createdAt: EARLIER, updatedAt: EARLIER },
  { id: 4, slug: 'registry', name: 'Registry API', deployed: true, createdAt: EARLIER, updatedAt: EARLIER },
];
const serviceIdOf = (slug: string) => SERVICES.find((service) => service.slug === slug)?.id as number;

/** A stored route record exactly as the code describes it (ids 101…, in catalogue order). */
function recordOf(route: RouteDescriptor, overrides: Partial<RouteEntity> = {}): RouteEntity {
  return {
    id: 101 + CATALOGUE.indexOf(route),
    method: route.method,
    path: route.path,
    name: route.name,
    serviceId: serviceIdOf(route.service),
    sensitiveParams: route.sensitiveParams,
    deployed: true,
    createdAt: EARLIER,
    updatedAt: EARLIER,
    ...overrides,
  };
}

/**
 * RegistryService over strict mocks. `state` is the stored version and route flags, which the
 * mocked writes move as the real ones would; `log` records the calls in order and the transaction's bounds.
 */
function build(options: { autoDeploy?: boolean; stored?: RouteEntity[] } = {}) {
  const log: string[] = [];
  const stored = options.stored ?? CATALOGUE.map((route) => recordOf(route));
  const state = {
    version: 4,
    flags: stored.map((record): RouteFlags => ({ method: record.method, path: record.path, deployed: record.deployed, serviceDeployed: true })),
  };
  const setFlags = (match: (flags: RouteFlags) => boolean, change: Partial<RouteFlags>) => {
    state.flags = state.flags.map((flags) => (match(flags) ? { ...flags, ...change } : flags));
  };
  const withService = (record: RouteEntity): RouteEntity => ({ ...record, service: SERVICES.find((service) => service.id === record.serviceId) });
  const records = strictMock<RegistryRepository>('records', {
    addServicesIfMissing: async () => void log.push('addServicesIfMissing'),
    services: async () => {
      log.push('services');
      return SERVICES;
    },
    routes: async () => {
      log.push('routes');
      return stored;
    },
    addRoutesIfMissing: async () => void log.push('addRoutesIfMissing'),
    updateRouteFromCode: async () => void log.push('updateRouteFromCode'),
    bumpVersion: async () => {
      log.push('bumpVersion');
      state.version += 1;
    },
    currentVersion: async () => {
      log.push('currentVersion');
      return state.version;
    },
    routeFlags: async () => {
      log.push('routeFlags');
      return state.flags;
    },
    routeWithService: async (routeId) => {
      log.push('routeWithService');
      const record = stored.find((route) => route.id === routeId);
      return record ? withService(record) : null;
    },
    serviceWithId: async (serviceId) => {
      log.push('serviceWithId');
      return SERVICES.find((service) => service.id === serviceId) ?? null;
    },
    routesOfService: async (serviceId) => {
      log.push('routesOfService');
      return stored.filter((route) => route.serviceId === serviceId);
    },
    setRouteDeployed: async (routeId, deployed) => {
      log.push('setRouteDeployed');
      const record = stored.find((route) => route.id === routeId) as RouteEntity;
      setFlags((flags) => routeKey(flags.method, flags.path) === routeKey(record.method, record.path), { deployed });
    },
    setServiceDeployed: async (serviceId, deployed) => {
      log.push('setServiceDeployed');
      const keys = new Set(stored.filter((route) => route.serviceId === serviceId).map((route) => routeKey(route.method, route.path)));
      setFlags((flags) => keys.has(routeKey(flags.method, flags.path)), { serviceDeployed: deployed });
    },
  });
  const catalog = strictMock<RouteCatalog>('catalog', { all: () => CATALOGUE });
  const transactions = loggedTransactions<Transactions>(log);
  const service = new RegistryService(records, catalog, transactions, new FakeClock(), { autoDeploy: options.autoDeploy ?? true, pollIntervalMs: 60_000 });
  started.push(service);
  return { service, records, state, log };
}

/** Services whose start set a poller: shut down after each test. */
const started: RegistryService[] = [];
afterEach(() => {
  for (const service of started.splice(0)) service.onApplicationShutdown();
  jest.restoreAllMocks();
});

/** A service that has synced with the code and loaded its snapshot, its log cleared. */
async function startedService(options: Parameters<typeof build>[0] = {}) {
  const built = build(options);
  await built.service.onApplicationBootstrap();
  built.log.length = 0;
  return built;
}

const lockout = (message: string) => ({ slug: 'invalid-param', message, errors: [{ param: 'id', problem: 'registry-lockout' }] });

describe('RegistryService: syncing the records with the code’s routes at start', () => {
  it('adds a record for each service of the code’s routes, named from its slug and deployed as ROUTES_AUTO_DEPLOY says', async () => {
    for (const autoDeploy of [true, false]) {
      const { service, records } = build({ autoDeploy });
      await service.onApplicationBootstrap();
      expect(records.addServicesIfMissing).toHaveBeenCalledWith(
        ['health', 'orders', 'sessions', 'registry'].map((slug) => ({
          slug,
          name: `${slug.charAt(0).toUpperCase()}${slug.slice(1)} API`,
          deployed: autoDeploy,
          createdAt: NOW,
          updatedAt: NOW,
        })),
      );
    }
  });

  it('adds only the routes with no record, under their service’s id', async () => {
    const { service, records } = build({ autoDeploy: false, stored: [recordOf(HEALTH), recordOf(ORDERS_INDEX), recordOf(SESSIONS_READ)] });
    await service.onApplicationBootstrap();
    expect(records.addRoutesIfMissing).toHaveBeenCalledWith(
      [ORDERS_CREATE, SESSIONS_CREATE, ROUTES_UPDATE].map((route) => ({
        method: route.method,
        path: route.path,
        name: route.name,
        serviceId: serviceIdOf(route.service),
        sensitiveParams: route.sensitiveParams,
        deployed: false,
        createdAt: NOW,
        updatedAt: NOW,
      })),
    );
  });

  it('brings a record’s name, service and sensitive flag up to the code, leaving its deployed flag and up-to-date records alone', async () => {
    const stale = recordOf(ORDERS_INDEX, { name: 'Old Orders Index', serviceId: serviceIdOf('health'), sensitiveParams: true, deployed: false });
    const { service, records } = build({ stored: CATALOGUE.map((route) => (route === ORDERS_INDEX ? stale : recordOf(route))) });
    await service.onApplicationBootstrap();
    expect(records.updateRouteFromCode.mock.calls).toEqual([
      [stale.id, { name: 'Orders Index', serviceId: serviceIdOf('orders'), sensitiveParams: false }, NOW],
    ]);
  });

  it('bumps the version inside the sync’s transaction, even when nothing changed, then loads the snapshot', async () => {
    const { service, records, state, log } = build();
    state.flags = state.flags.map((flags) => (flags.path === ORDERS_INDEX.path ? { ...flags, serviceDeployed: false } : flags));
    await service.onApplicationBootstrap();
    expect(records.updateRouteFromCode).not.toHaveBeenCalled();
    expect(log).toEqual(['begin', 'addServicesIfMissing', 'services', 'routes', 'addRoutesIfMissing', 'bumpVersion', 'commit', 'currentVersion', 'routeFlags']);
    expect(service.refusalFor(HEALTH)).toBeNull();
    expect(service.refusalFor(ORDERS_INDEX)).toBe('service-not-found');
    expect(service.refusalFor(descriptor('GET', '/api/v1/nowhere', 'Nowhere', 'nowhere'))).toBe('route-not-found');
  });
});

describe('RegistryService: deploying and withdrawing', () => {
  it('withdraws a route and bumps the version in one transaction, then reloads this instance’s snapshot at once', async () => {
    const { service, records, log } = await startedService();
    const id = recordOf(ORDERS_INDEX).id;
    await expect(service.setRouteDeployed(id, false)).resolves.toMatchObject({ id, service: 'orders', deployed: false, updated_at: NOW.toISOString() });
    expect(records.setRouteDeployed).toHaveBeenCalledWith(id, false, NOW);
    expect(log).toEqual(['routeWithService', 'begin', 'setRouteDeployed', 'bumpVersion', 'commit', 'currentVersion', 'routeFlags']);
    expect(service.refusalFor(ORDERS_INDEX)).toBe('route-not-found');
  });

  it('refuses to withdraw sessions/create, /health or a registry route (registry-lockout), changing nothing; deploying them is allowed', async () => {
    const { service, records } = await startedService();
    for (const route of [SESSIONS_CREATE, HEALTH, ROUTES_UPDATE]) {
      await expect(refusal(service.setRouteDeployed(recordOf(route).id, false))).resolves.toEqual(
        lockout(`${route.name} (${route.method} ${route.path}) must stay deployed and cannot be withdrawn.`),
      );
    }
    expect(records.setRouteDeployed).not.toHaveBeenCalled();
    expect(records.bumpVersion).toHaveBeenCalledTimes(1); // the start's

    await service.setRouteDeployed(recordOf(SESSIONS_CREATE).id, true);
    expect(records.setRouteDeployed).toHaveBeenCalledWith(recordOf(SESSIONS_CREATE).id, true, NOW);
  });

  it('refuses to withdraw a service holding a route that must stay deployed, naming the routes; withdraws any other', async () => {
    const { service, records } = await startedService();
    await expect(refusal(service.setServiceDeployed(serviceIdOf('sessions'), false))).resolves.toEqual(
      lockout('Sessions API holds Create Session (POST /api/v1/sessions/create), which must stay deployed: it cannot be withdrawn.'),
    );
    await expect(refusal(service.setServiceDeployed(serviceIdOf('registry'), false))).resolves.toEqual(
      lockout('Registry API holds Update Route (POST /api/v1/routes/update), which must stay deployed: it cannot be withdrawn.'),
    );
    expect(records.setServiceDeployed).not.toHaveBeenCalled();

    await expect(service.setServiceDeployed(serviceIdOf('orders'), false)).resolves.toMatchObject({ slug: 'orders', deployed: false });
    expect(records.setServiceDeployed).toHaveBeenCalledWith(serviceIdOf('orders'), false, NOW);
    expect(records.bumpVersion).toHaveBeenCalledTimes(2);
    expect(service.refusalFor(ORDERS_CREATE)).toBe('service-not-found');
  });

  it('answers an unknown route or service id as invalid-param not-found on id', async () => {
    const { service } = await startedService();
    const notFound = { slug: 'invalid-param', message: 'id 404 does not exist or is not accessible', errors: [{ param: 'id', problem: 'not-found' }] };
    await expect(refusal(service.setRouteDeployed(404, true))).resolves.toEqual(notFound);
    await expect(refusal(service.setServiceDeployed(404, true))).resolves.toEqual(notFound);
  });
});

describe('RegistryService: polling for changes made elsewhere', () => {
  it('reloads the snapshot only when the stored version has moved', async () => {
    const { service, records, state } = await startedService();
    // Another instance withdraws a route: the flags change, and the version with them.
    state.flags = state.flags.map((flags) => (flags.path === ORDERS_INDEX.path ? { ...flags, deployed: false } : flags));
    await service.pollOnce();
    expect(records.routeFlags).toHaveBeenCalledTimes(1); // the start's: the version has not moved yet
    expect(service.refusalFor(ORDERS_INDEX)).toBeNull();

    state.version += 1;
    await service.pollOnce();
    expect(records.routeFlags).toHaveBeenCalledTimes(2);
    expect(service.refusalFor(ORDERS_INDEX)).toBe('route-not-found');
  });

  it('keeps serving the last snapshot while polls fail, warning once per run of failures', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    const { service, records, state } = await startedService();
    state.flags = [];
    records.currentVersion.mockRejectedValue(new Error('connection terminated'));
    await service.pollOnce();
    await service.pollOnce();
    expect(service.refusalFor(ORDERS_INDEX)).toBeNull();
    expect(warn).toHaveBeenCalledTimes(1);
  });
});
