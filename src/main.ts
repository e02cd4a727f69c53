// Loads .env before any other module is evaluated (entity column types depend on DATABASE_URL).
import './config/load-env-file.js';
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module.js';
import { configureApp } from './app.setup.js';
import { appConfig, type AppConfig } from './config/app.config.js';
import { redactUrl } from './config/database.config.js';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    bodyParser: false, // the pipeline reads bodies itself (content type, size, sensitive decoding)
    bufferLogs: true,
    abortOnError: false,
  });
  configureApp(app);
  const { port, host } = app.get<AppConfig>(appConfig.KEY);
  await app.listen(port, host);
  const address = app.getHttpServer().address();
  const boundPort = typeof address === 'object' && address ? address.port : port;
  new Logger('Bootstrap').log({
    msg: 'listening',
    url: `http://${host}:${boundPort}`,
    docs: `http://${host}:${boundPort}/docs`,
    database: redactUrl(process.env.DATABASE_URL ?? 'sqlite:./data/plano.sqlite'),
  });
}

bootstrap().catch((error: unknown) => {
  // The app never got a logger of its own: one JSON line on stderr, naming what went wrong.
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`${JSON.stringify({ level: 'fatal', msg: 'failed to start', error: message })}\n`);
  process.exit(1);
});
