import { Module } from '@nestjs/common';
import { ApiServiceEntity } from './entities/api-service.entity.js';
import { RegistryVersionEntity } from './entities/registry-version.entity.js';
import { RouteEntity } from './entities/route.entity.js';
import { RegistryController } from './registry.controller.js';
import { RegistryRepository } from './registry.repository.js';
import { RegistryService } from './registry.service.js';

/** The entities this module owns, for the list the data source is built from. */
export const REGISTRY_ENTITIES = [ApiServiceEntity, RouteEntity, RegistryVersionEntity];

/** The routes / API services registry: records, discovery at start, the snapshot identification reads. */
@Module({
  controllers: [RegistryController],
  providers: [RegistryRepository, RegistryService],
  exports: [RegistryService],
})
export class RegistryModule {}
