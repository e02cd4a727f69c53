import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CommonModule } from './common/common.module.js';
import { EnvelopeExceptionFilter } from './common/filters/envelope-exception.filter.js';
import { createValidationPipe } from './common/validation/validation.pipe.js';
import { databaseConfig, type DatabaseConfig } from './config/database.config.js';
import { CONFIG_NAMESPACES } from './config/namespaces.js';
import { dataSourceOptions } from './database/data-source-options.js';
import { TransactionsModule } from './database/transactions.js';
import { ENTITIES } from './entities.js';
import { AccountsModule } from './modules/accounts/accounts.module.js';
import { ApplicationsModule } from './modules/applications/applications.module.js';
import { RateLimitModule } from './modules/auth/rate-limit-counters.js';
import { AuthModule } from './modules/auth/auth.module.js';
import { ClientsModule } from './modules/clients/clients.module.js';
import { HealthModule } from './modules/health/health.module.js';
import { MagicLinksModule } from './modules/magic-links/magic-links.module.js';
import { NotificationsModule } from './modules/notifications/notifications.module.js';
import { OrdersModule } from './modules/orders/orders.module.js';
import { RegistryModule } from './modules/registry/registry.module.js';
import { SessionsModule } from './modules/sessions/sessions.module.js';
import { StaffModule } from './modules/staff/staff.module.js';
import { UsersModule } from './modules/users/users.module.js';
import { XsoModule } from './modules/xso/xso.module.js';

@Module({
  imports: [
    // .env is loaded by load-env-file.ts before any module is evaluated; see there for why.
    ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: CONFIG_NAMESPACES }),
    TypeOrmModule.forRootAsync({
      inject: [databaseConfig.KEY],
      useFactory: (config: DatabaseConfig) => ({
        ...dataSourceOptions(config, ENTITIES),
        retryAttempts: 2,
        retryDelay: 1000,
      }),
    }),
    TransactionsModule,
    RateLimitModule,
    CommonModule,
    NotificationsModule,
    HealthModule,
    AccountsModule,
    ApplicationsModule,
    SessionsModule,
    MagicLinksModule,
    UsersModule,
    ClientsModule,
    StaffModule,
    RegistryModule,
    OrdersModule,
    XsoModule,
    AuthModule.withAuthenticatorsFrom(SessionsModule, ApplicationsModule),
  ],
  providers: [
    { provide: APP_FILTER, useClass: EnvelopeExceptionFilter },
    { provide: APP_PIPE, useFactory: createValidationPipe },
  ],
})
export class AppModule {}
