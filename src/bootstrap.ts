import 'reflect-metadata';
import { Logger, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { pino } from 'pino';
import { AppModule } from './app.module.js';
import { configureApp, createHttpAdapter } from './app.setup.js';
import { AppLogger } from './common/logging/logger.js';
import { appConfig } from './config/app.config.js';
import { readDatabaseConfig, redactUrl } from './config/database.config.js';

export async function bootstrap(): Promise<void> {
  const config = appConfig();
  const app = await NestFactory.create<NestExpressApplication>(AppModule, createHttpAdapter(), {
    bodyParser: false, // the pipeline reads bodies itself (content type, size, sensitive decoding)
    abortOnError: false,
    // JSON lines from the first message on; configureApp swaps in the app's own instance.
    logger: new AppLogger(config, pino.destination({ dest: 1, sync: true })),
  });
  configureApp(app);
  await app.listen(config.port, config.host);
  stopGracefullyOnSignals(app, config.shutdownGraceMs);

  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  new Logger('Bootstrap').log({
    msg: 'listening',
    url: `http://${config.host}:${port}`,
    docs: `http://${config.host}:${port}/docs`,
    database: redactUrl(readDatabaseConfig().url),
  });
}

/**
 * SIGTERM / SIGINT: stop accepting connections, let in-flight requests finish, run the modules'
 * shutdown hooks (closing the database), then exit 0. A stuck shutdown exits 1 after the grace
 * (SHUTDOWN_GRACE_MS, longer than MANDRILL_TIMEOUT_MS so a registration mid-send completes).
 */
function stopGracefullyOnSignals(app: INestApplication<unknown>, graceMs: number): void {
  const logger = new Logger('Shutdown');
  const stop = async (signal: NodeJS.Signals) => {
    logger.log({ msg: 'shutting down', signal });
    setTimeout(() => {
      logger.error({ msg: 'shutdown took too long; exiting' });
      process.exit(1);
    }, graceMs).unref();
    await app.close();
    logger.log({ msg: 'stopped' });
    process.exit(0);
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, (s) => void stop(s));
}
