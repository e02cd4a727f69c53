import type { OpenAPIObject } from '@nestjs/swagger';

/**
 * The mark @Public() leaves on an operation. @nestjs/swagger drops an empty security list, so the
 * route cannot say `security: []` itself; documentPublicOperations turns the mark into it. An
 * operation with neither mark nor security is left without one, and `npm run openapi:lint` fails on it.
 */
export const PUBLIC_OPERATION = 'x-plano-public';

export function documentPublicOperations(document: OpenAPIObject): OpenAPIObject {
  for (const item of Object.values(document.paths)) {
    for (const operation of [item.get, item.post, item.put, item.patch, item.delete]) {
      if (!operation || !(PUBLIC_OPERATION in operation)) continue;
      delete (operation as Record<string, unknown>)[PUBLIC_OPERATION];
      operation.security = [];
    }
  }
  return document;
}
