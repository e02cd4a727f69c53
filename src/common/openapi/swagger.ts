import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { documentViewParams } from '../validation/view-params.js';

export const DOCS_PATH = 'docs';

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Plano platform API')
    .setDescription(
      'Sessions, accounts, the route registry and cross sign-on for PlanOmatic apps. Every response ' +
        'is an envelope `{ status, message, data, session, errors, request_id }` whose `status` is a ' +
        'slug of the status catalogue. Sensitive-params routes take a base64-encoded JSON body as text/plain.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'A session or application token.' })
    .addApiKey({ type: 'apiKey', in: 'query', name: 'token', description: 'The same token as a query param.' }, 'token')
    .build();
  return documentViewParams(SwaggerModule.createDocument(app, config));
}

/** Swagger UI at /docs and the OpenAPI JSON at /docs-json. */
export function setupSwagger(app: INestApplication): void {
  SwaggerModule.setup(DOCS_PATH, app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: `${DOCS_PATH}-json`,
    customSiteTitle: 'Plano platform API',
  });
}
