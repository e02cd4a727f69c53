import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { bodyReaderMiddleware } from './common/body/body-reader.middleware.js';
import { paramsDecodingMiddleware } from './common/body/params-decoding.middleware.js';
import { AppLogger } from './common/logging/logger.js';
import { requestLogMiddleware } from './common/logging/request-log.middleware.js';
import { envelopeOfResult } from './common/envelope/result-envelope.js';
import { hardenHttpServer, noStore } from './common/http/http-server-hardening.js';
import { PlanoExpressAdapter } from './common/http/plano-express-adapter.js';
import { replayedHeaders } from './common/http/static-headers.js';
import { setupSwagger } from './common/openapi/swagger.js';
import { requestIdMiddleware } from './common/request/request-id.middleware.js';
import { pipelineOf } from './common/request/request-pipeline.js';
import { queryParsedOnce } from './common/request/query-parsed-once.js';
import { WriteActivity } from './common/request/write-activity.js';
import { RouteCatalog } from './common/routing/route-catalog.js';
import { routeIdentificationMiddleware } from './common/routing/route-identification.middleware.js';
import { appConfig, type AppConfig } from './config/app.config.js';
import { RegistryService } from './modules/registry/registry.service.js';

/**
 * The HTTP adapter every Plano app is created with (main.ts and the e2e suite alike): Express,
 * with fixed-path routes looked up in a table and handler results written as envelopes.
 */
export function createHttpAdapter(): PlanoExpressAdapter {
  return new PlanoExpressAdapter(envelopeOfResult);
}

/**
 * Everything applied to the app between creating it and listening, shared by main.ts and the e2e
 * suite so tests run the exact pipeline production runs. The middleware order is the contract's
 * order of checks (CONTRACT.md §3): request id → content type and size → route identification →
 * body decoding; Nest then runs the guards (token, role), the ValidationPipe (params) and the
 * handler, and the global exception filter renders whatever fails along the way.
 */
export function configureApp(app: NestExpressApplication): void {
  const adapter = app.getHttpAdapter();
  if (!(adapter instanceof PlanoExpressAdapter)) {
    // Without it, handlers' results would go out bare, outside the envelope.
    throw new Error('configureApp: create the app with createHttpAdapter() (NestFactory.create(module, createHttpAdapter(), options))');
  }
  const config = app.get<AppConfig>(appConfig.KEY);
  const logger = app.get(AppLogger);
  app.useLogger(logger);

  app.set('query parser', 'extended'); // nested params: page[size]=10&search[term]=acme
  app.set('trust proxy', config.trustProxyHops);
  app.disable('x-powered-by'); // helmet would remove it from every response again
  app.set('etag', false); // every envelope carries its own request_id: an ETag could never match
  hardenHttpServer(app.getHttpServer(), config.requestTimeoutMs);

  adapter.usePipeline(
    pipelineOf([
      noStore,
      requestIdMiddleware,
      queryParsedOnce,
      requestLogMiddleware(logger.pino),
      app.get(WriteActivity).track,
      // No upgrade-insecure-requests: internal deployments serve /docs over plain HTTP, and the
      // directive would send Swagger UI's own assets to an https:// address that does not answer.
      // Its headers do not depend on the request: worked out once, then set from a list.
      replayedHeaders(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } })),
      bodyReaderMiddleware(config.bodyLimitBytes),
      routeIdentificationMiddleware(app.get(RouteCatalog), app.get(RegistryService)),
      paramsDecodingMiddleware,
    ], adapter.failBeforeRouting),
  );

  setupSwagger(app);
}
