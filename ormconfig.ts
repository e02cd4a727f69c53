// The TypeORM CLI's data source (npm run migration:run / migration:revert / migration:generate).
// It reads the same DATABASE_URL as the app and is built from the same options.
import './src/config/load-env-file.js';
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { readDatabaseConfig } from './src/config/database.config.js';
import { dataSourceOptions } from './src/database/data-source-options.js';
import { ENTITIES } from './src/entities.js';

export default new DataSource({ ...dataSourceOptions(readDatabaseConfig(), ENTITIES), migrationsRun: false });
