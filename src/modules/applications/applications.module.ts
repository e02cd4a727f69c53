import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApplicationsController } from './applications.controller.js';
import { ApplicationsService } from './applications.service.js';
import { ApplicationTokenEntity } from './entities/application-token.entity.js';
import { ApplicationEntity } from './entities/application.entity.js';

@Module({
  imports: [TypeOrmModule.forFeature([ApplicationEntity, ApplicationTokenEntity])],
  controllers: [ApplicationsController],
  providers: [ApplicationsService],
  exports: [ApplicationsService],
})
export class ApplicationsModule {}
