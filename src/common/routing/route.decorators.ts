import { applyDecorators, HttpCode, SetMetadata, type Type } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiExtraModels, ApiOperation, getSchemaPath } from '@nestjs/swagger';
import { STATUS_CATALOGUE } from '../status/status-catalogue.js';

export const ROUTE_NAME = 'plano:route-name';
export const SENSITIVE_PARAMS = 'plano:sensitive-params';
export const API_SERVICE = 'plano:api-service';

/**
 * Puts a controller's routes in an API service of the registry (CONTRACT.md §8). Without it a
 * route belongs to the service named by its resource: `/api/v1/sessions/read` → `sessions`.
 */
export function ApiService(slug: string): ClassDecorator {
  return SetMetadata(API_SERVICE, slug);
}

/**
 * Names a route ("XSO CaptuRE Client API"). Every route must have one (the route catalogue refuses
 * to start otherwise): the same name is the OpenAPI summary and the route's registry record.
 * It also pins the HTTP code of success to the catalogue's 200: the contract's actions answer
 * `action-successful` 200 whatever their verb, where Nest would default a POST to 201.
 */
export function RouteName(name: string, description?: string): MethodDecorator {
  return applyDecorators(
    SetMetadata(ROUTE_NAME, name),
    ApiOperation({ summary: name, ...(description ? { description } : {}) }),
    HttpCode(STATUS_CATALOGUE['action-successful'].httpStatus),
  );
}

/** A ready-to-send body for a sensitive-params route's "Try it out", and what it does. */
export interface SensitiveParamsExample {
  /** The decoded params: valid, and harmless against the demo data (`npm run demo`). */
  readonly params: Readonly<Record<string, unknown>>;
  /** What sending it does, for the docs page ("signs in client@plano.test …"). */
  readonly effect: string;
}

/**
 * Marks a route whose params carry a secret (a password): its body must be base64 of a JSON
 * object, sent as text/plain (CONTRACT.md §1). The pipeline decodes it before any guard runs.
 * The OpenAPI body is a plain string (a text box in Swagger UI, not a file picker) whose example is
 * the base64 of `example.params`; the document adds the decoded params' JSON schema to the body's
 * description (documentSensitiveParams), and /docs encodes a JSON object typed into the box.
 */
export function SensitiveParams(params: Type<unknown>, example?: SensitiveParamsExample): MethodDecorator {
  const decoded = example ? JSON.stringify(example.params) : undefined;
  return applyDecorators(
    SetMetadata(SENSITIVE_PARAMS, true),
    ApiExtraModels(params),
    ApiConsumes('text/plain'),
    ApiBody({
      required: true,
      description:
        `Sensitive params: the base64 encoding of a JSON object matching ${params.name} ` +
        `(${getSchemaPath(params)}), sent as text/plain. Plain JSON is refused with invalid-encoded-params. ` +
        'On /docs you may type the JSON object itself into the box: the page base64-encodes it before sending.' +
        (example ? `\n\nThe example is the base64 of \`${decoded}\` and, against the demo data, ${example.effect}` : ''),
      schema: {
        type: 'string',
        ...(decoded === undefined ? {} : { example: Buffer.from(decoded, 'utf8').toString('base64') }),
      },
    }),
  );
}
