// `npm run seed`: loads the demo data (src/demo/, accounts from src/common/demo/demo-accounts.ts)
// into DATABASE_URL, migrating it first as the app does at start. Idempotent: a second run changes
// nothing. Loads .env before any other module is evaluated, as main.ts does.
import './config/load-env-file.js';
import { exitOnInvalidConfiguration } from './config/validate-environment.js';

// Demo addresses are never sent to: this process keeps the welcome emails in the outbox, whatever
// the environment or .env says (the app started after it by `npm run demo` still reads theirs).
process.env.EMAIL_TRANSPORT = 'outbox';
exitOnInvalidConfiguration();

await import('reflect-metadata');
const { Logger, Module } = await import('@nestjs/common');
const { NestFactory } = await import('@nestjs/core');
const { pino } = await import('pino');
const { AppModule } = await import('./app.module.js');
const { AppLogger } = await import('./common/logging/logger.js');
const { appConfig } = await import('./config/app.config.js');
const { readDatabaseConfig, redactUrl } = await import('./config/database.config.js');
const { DemoSeedModule } = await import('./demo/demo-seed.module.js');
const { DemoSeedService } = await import('./demo/demo-seed.service.js');

@Module({ imports: [AppModule, DemoSeedModule] })
class SeedModule {}

try {
  const context = await NestFactory.createApplicationContext(SeedModule, {
    abortOnError: false,
    logger: new AppLogger(appConfig(), pino.destination({ dest: 1, sync: true })),
  });
  try {
    const { created } = await context.get(DemoSeedService).seed();
    new Logger('DemoSeed').log({
      msg: created ? 'demo data seeded' : 'demo data already present',
      database: redactUrl(readDatabaseConfig().url),
    });
  } finally {
    await context.close();
  }
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`${JSON.stringify({ level: 'fatal', msg: 'seeding failed', error: message })}\n`);
  process.exit(1);
}
