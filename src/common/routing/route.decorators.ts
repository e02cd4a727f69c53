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
export function RouteName(name: string): MethodDecorator {
  return applyDecorators(
    SetMetadata(ROUTE_NAME, name),
    ApiOperation({ summary: name }),
    HttpCode(STATUS_CATALOGUE['action-successful'].httpStatus),
  );
}

/**
 * Marks a route whose params carry a secret (a password): its body must be base64 of a JSON
 * object, sent as text/plain (CONTRACT.md §1). The pipeline decodes it before any guard runs, and
 * the OpenAPI document shows the encoded body with a link to the decoded params' schema.
 */
export function SensitiveParams(params: Type<unknown>): MethodDecorator {
  return applyDecorators(
    SetMetadata(SENSITIVE_PARAMS, true),
    ApiExtraModels(params),
    ApiConsumes('text/plain'),
    ApiBody({
      required: true,
      description:
        `Sensitive params: the base64 encoding of a JSON object matching ${params.name} ` +
        `(${getSchemaPath(params)}). Plain JSON is refused with invalid-encoded-params.`,
      schema: { type: 'string', format: 'byte', example: 'eyJlbWFpbCI6ImFAZXhhbXBsZS5jb20ifQ==' },
    }),
  );
}
