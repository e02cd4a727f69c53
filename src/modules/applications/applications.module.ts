import { Module } from '@nestjs/common';
import { APPLICATION_AUTHENTICATOR } from '../auth/authenticators.js';
import { ApplicationsController } from './applications.controller.js';
import { ApplicationsRepository } from './applications.repository.js';
import { ApplicationsService } from './applications.service.js';
import { ApplicationTokenEntity } from './entities/application-token.entity.js';
import { ApplicationEntity } from './entities/application.entity.js';

/** The entities this module owns, for the list the data source is built from. */
export const APPLICATIONS_ENTITIES = [ApplicationEntity, ApplicationTokenEntity];

@Module({
  controllers: [ApplicationsController],
  providers: [ApplicationsRepository, ApplicationsService, { provide: APPLICATION_AUTHENTICATOR, useExisting: ApplicationsService }],
  exports: [ApplicationsService, APPLICATION_AUTHENTICATOR],
})
export class ApplicationsModule {}
