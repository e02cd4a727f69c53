import type { OpenAPIObject } from '@nestjs/swagger';

type Schema = Record<string, unknown>;

/** On a sensitive-params body's text/plain media type: a reference to the decoded params' schema. */
export const DECODED_PARAMS = 'x-plano-decoded-params';

const SCHEMA_REF = /#\/components\/schemas\/([A-Za-z0-9_]+)/;

/**
 * Adds the decoded params' JSON schema to the description of each sensitive-params body
 * (@SensitiveParams): the body itself is an opaque base64 string, so the description is where a
 * reader (and Swagger UI) sees what to encode. Nested $refs are inlined, so the schema stands alone.
 */
export function documentSensitiveParams(document: OpenAPIObject): OpenAPIObject {
  const schemas = (document.components?.schemas ?? {}) as Record<string, Schema>;
  for (const item of Object.values(document.paths)) {
    for (const operation of [item.get, item.post, item.put, item.patch, item.delete]) {
      const body = operation?.requestBody;
      if (!body || !('content' in body) || !body.content['text/plain']) continue;
      const name = SCHEMA_REF.exec(body.description ?? '')?.[1];
      if (name === undefined || schemas[name] === undefined) continue;
      const decoded = JSON.stringify(inlineRefs(schemas[name], schemas, new Set([name])), null, 2);
      // Names the schema where tools look for it, and keeps the component in use.
      (body.content['text/plain'] as Record<string, unknown>)[DECODED_PARAMS] = { $ref: `#/components/schemas/${name}` };
      body.description = `${body.description}\n\nThe decoded params (JSON schema of ${name}):\n\n\`\`\`json\n${decoded}\n\`\`\``;
    }
  }
  return document;
}

function inlineRefs(value: unknown, schemas: Record<string, Schema>, seen: ReadonlySet<string>): unknown {
  if (Array.isArray(value)) return value.map((entry) => inlineRefs(entry, schemas, seen));
  if (value === null || typeof value !== 'object') return value;
  const ref = (value as Schema).$ref;
  if (typeof ref === 'string') {
    const name = SCHEMA_REF.exec(ref)?.[1];
    // A schema that contains itself stays a reference rather than recursing forever.
    if (name !== undefined && schemas[name] !== undefined && !seen.has(name)) return inlineRefs(schemas[name], schemas, new Set([...seen, name]));
    return value;
  }
  return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, inlineRefs(entry, schemas, seen)]));
}
