import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { documentViewParams } from '../views/view-params.js';
import { encodeSensitiveParamsBody } from './docs-request-interceptor.js';
import { documentPublicOperations } from './public-operations.js';
import { documentSensitiveParams } from './sensitive-params.document.js';

export const DOCS_PATH = 'docs';

const DESCRIPTION = `Sessions, accounts, the route registry and cross sign-on for PlanOmatic's apps.

**Routes.** Every route is \`/api/v1/<resource>/<action>\`. Params come from the query string (GET) or the
body (POST/PUT) as \`application/json\`, or as \`text/plain\` whose text is JSON.

**Envelope.** Every response, success or failure, is \`{ status, message, data, session, errors, request_id }\`:
\`status\` is a slug of the status catalogue (each operation lists the ones it can answer, by HTTP code),
\`data\` holds the payload on success, \`request_id\` is also the \`X-Request-Id\` header.

**Authentication.** Routes marked with a lock need a token: a session token from \`sessions/create\`
(or a registration), or an application token for server-to-server routes. Send it as
\`Authorization: Bearer <token>\` or as the \`token\` param; the header wins when both are given. A route's
description says which role it needs; a missing or unknown token answers \`invalid-token\`, a role that
may not use the route \`permission-denied\`.

**Sensitive params.** Routes that carry a password (\`sessions/create\`, \`clients/register\`,
\`users/register\`, \`users/change_password\`, \`employees/create\`, \`liaisons/create\`) take ONLY a
\`text/plain\` body holding the base64 of the JSON params object; plain JSON answers \`invalid-encoded-params\`.
Passwords never go in a URL. On this page you may type the JSON object into the body box: the page encodes it.

**Trying it here.** With the demo data (\`npm run demo\`), "Try it out" on \`sessions/create\` and Execute signs
in the demo client; paste \`data.token\` into Authorize (bearer) and the other examples work as they are.`;

/** The document's tags, in the order a newcomer reads them: sessions first, admin-only last. */
const TAGS: ReadonlyArray<readonly [name: string, description: string]> = [
  ['sessions', 'Sign in and out; the current session and the caller’s other sessions.'],
  ['users', 'Registration of a user with no role yet, preferences, password change.'],
  ['clients', 'Client registration (public) and client records (staff; a client may read and update itself).'],
  ['xso', 'Cross sign-on into CaptuRE: a one-time code handed to the browser, redeemed server to server.'],
  ['orders', 'Orders of a client (created by staff; listed for whoever may see the client).'],
  ['tours', 'Tours of a client (created by staff; listed for whoever may see the client).'],
  ['employees', 'PlanOmatic staff accounts (admin only).'],
  ['liaisons', 'Liaisons, who act for a set of clients (staff only).'],
  ['applications', 'The platform’s applications and their server-to-server tokens (admin only).'],
  ['health', 'Liveness for load balancers and operators.'],
  ['notifications', 'The production notifications tab: crashes and failed emails (staff only).'],
  ['registry', 'The route registry: routes and API services, and whether they are deployed (admin only).'],
];

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('Plano platform API')
    .setDescription(DESCRIPTION)
    .setVersion('1')
    // Relative: the document describes whichever host serves it.
    .addServer('/', 'The server that serves this page')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'opaque', description: 'A session or application token.' })
    .addApiKey({ type: 'apiKey', in: 'query', name: 'token', description: 'The same token as a query param.' }, 'token');
  for (const [name, description] of TAGS) builder.addTag(name, description);
  const config = builder.build();
  config.info.license = { name: 'UNLICENSED (PlanOmatic internal)' };
  return documentPublicOperations(documentSensitiveParams(documentViewParams(SwaggerModule.createDocument(app, config))));
}

/** Swagger UI at /docs and the OpenAPI JSON at /docs-json. */
export function setupSwagger(app: INestApplication): void {
  SwaggerModule.setup(DOCS_PATH, app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: `${DOCS_PATH}-json`,
    customSiteTitle: 'Plano platform API',
    swaggerOptions: {
      // Keeps the token given to Authorize across reloads of the page.
      persistAuthorization: true,
      // Written into swagger-ui-init.js as source (see docs-request-interceptor.ts).
      requestInterceptor: encodeSensitiveParamsBody,
    },
  });
}
