import { Module } from '@nestjs/common';
import { RegistryController } from './registry.controller.js';
import { RegistryService } from './registry.service.js';

/** The routes / API services registry: records, discovery at start, the snapshot identification reads. */
@Module({
  controllers: [RegistryController],
  providers: [RegistryService],
  exports: [RegistryService],
})
export class RegistryModule {}
