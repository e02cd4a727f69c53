import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { rawBoolean } from '../../database/raw-values.js';
import { Transactions } from '../../database/transactions.js';
import { ApiServiceEntity } from './entities/api-service.entity.js';
import { RegistryVersionEntity } from './entities/registry-version.entity.js';
import { RouteEntity } from './entities/route.entity.js';

/** A route's flags and its service's, as the snapshot holds them. */
export interface RouteFlags {
  readonly method: string;
  readonly path: string;
  readonly deployed: boolean;
  readonly serviceDeployed: boolean;
}

/** What the code says of a route, which discovery keeps its record up to date with. */
export type RouteFromCode = Pick<RouteEntity, 'name' | 'serviceId' | 'sensitiveParams'>;

/**
 * The registry tables (routes, api_services, registry_version). Queries go through the ambient
 * transaction's manager when there is one: a change and its version bump are one transaction.
 */
@Injectable()
export class RegistryRepository {
  constructor(private readonly transactions: Transactions) {}

  private get manager(): EntityManager {
    return this.transactions.manager();
  }

  /** Every route with its service, by path then method; only the service's when a slug is given. */
  routesWithServices(serviceSlug?: string): Promise<RouteEntity[]> {
    const query = this.manager
      .createQueryBuilder(RouteEntity, 'r')
      .innerJoinAndSelect('r.service', 's')
      .orderBy('r.path', 'ASC')
      .addOrderBy('r.method', 'ASC');
    if (serviceSlug !== undefined) query.where('s.slug = :serviceSlug', { serviceSlug });
    return query.getMany();
  }

  /** Every service, by slug. */
  services(): Promise<ApiServiceEntity[]> {
    return this.manager.find(ApiServiceEntity, { order: { slug: 'ASC' } });
  }

  /** Every route record, without its service. */
  routes(): Promise<RouteEntity[]> {
    return this.manager.find(RouteEntity);
  }

  routeWithService(routeId: number): Promise<RouteEntity | null> {
    return this.manager.findOne(RouteEntity, { where: { id: routeId }, relations: { service: true } });
  }

  serviceWithId(serviceId: number): Promise<ApiServiceEntity | null> {
    return this.manager.findOneBy(ApiServiceEntity, { id: serviceId });
  }

  routesOfService(serviceId: number): Promise<RouteEntity[]> {
    return this.manager.findBy(RouteEntity, { serviceId });
  }

  async setRouteDeployed(routeId: number, deployed: boolean, now: Date): Promise<void> {
    await this.manager.update(RouteEntity, { id: routeId }, { deployed, updatedAt: now });
  }

  async setServiceDeployed(serviceId: number, deployed: boolean, now: Date): Promise<void> {
    await this.manager.update(ApiServiceEntity, { id: serviceId }, { deployed, updatedAt: now });
  }

  /** Moves the version on: every instance's poll then reloads. Part of the change's transaction. */
  async bumpVersion(): Promise<void> {
    await this.manager.increment(RegistryVersionEntity, { id: 1 }, 'version', 1);
  }

  /** The registry's version: what every instance polls, one row read by its primary key. */
  async currentVersion(): Promise<number> {
    return (await this.manager.findOneByOrFail(RegistryVersionEntity, { id: 1 })).version;
  }

  /** What the snapshot holds of every route, in one query. */
  async routeFlags(): Promise<RouteFlags[]> {
    const rows = (await this.manager
      .createQueryBuilder(RouteEntity, 'r')
      .innerJoin('r.service', 's')
      .select(['r.method AS method', 'r.path AS path', 'r.deployed AS deployed', 's.deployed AS service_deployed'])
      .getRawMany()) as Array<{ method: string; path: string; deployed: unknown; service_deployed: unknown }>;
    return rows.map((row) => ({ method: row.method, path: row.path, deployed: rawBoolean(row.deployed), serviceDeployed: rawBoolean(row.service_deployed) }));
  }

  /** Inserts these services, skipping any whose slug has a record already (another instance may have just made it). */
  async addServicesIfMissing(services: ReadonlyArray<Omit<ApiServiceEntity, 'id'>>): Promise<void> {
    if (services.length === 0) return;
    await this.manager.createQueryBuilder().insert().into(ApiServiceEntity).values([...services]).orIgnore().execute();
  }

  /** Inserts these routes, skipping any whose method and path have a record already. */
  async addRoutesIfMissing(routes: ReadonlyArray<Omit<RouteEntity, 'id' | 'service'>>): Promise<void> {
    if (routes.length === 0) return;
    await this.manager.createQueryBuilder().insert().into(RouteEntity).values([...routes]).orIgnore().execute();
  }

  /** Brings what the code owns of a route record up to date; operators' flags are left alone. */
  async updateRouteFromCode(routeId: number, route: RouteFromCode, now: Date): Promise<void> {
    await this.manager.update(RouteEntity, { id: routeId }, { ...route, updatedAt: now });
  }
}
