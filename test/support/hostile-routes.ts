/**
 * The routes the hostile corpus aims at, read from the app itself: the route catalogue (every
 * controller route, with its sensitive-params flag) and the OpenAPI document at /docs-json (its
 * params, their types, and whether it needs a token). A route added later is fuzzed without
 * touching the corpus.
 */

export interface ParamSchema {
  readonly type: 'integer' | 'number' | 'string' | 'boolean' | 'array' | 'object' | 'unknown';
  readonly format?: string;
  readonly enum?: readonly string[];
  readonly maxLength?: number;
  readonly minLength?: number;
  readonly maxItems?: number;
  readonly items?: ParamSchema;
  readonly properties?: readonly ParamSpec[];
}

export interface ParamSpec {
  readonly name: string;
  readonly required: boolean;
  readonly schema: ParamSchema;
}

export interface RouteSpec {
  readonly method: string;
  readonly path: string;
  /** `GET /api/v1/sessions/read`: how the corpus and its reports name the route. */
  readonly key: string;
  /** The registry name (@RouteName), as the request log records it. */
  readonly name: string;
  /** Its params travel as base64 of JSON in a text/plain body. */
  readonly sensitive: boolean;
  /**
   * The token it takes: none (no security requirement in OpenAPI), a session's, or an
   * application's (documented 401s without session-expired: an application token does not expire).
   */
  readonly tokenKind: 'none' | 'session' | 'application';
  /** Where its params are read from. */
  readonly paramsIn: 'query' | 'body';
  readonly params: readonly ParamSpec[];
}

export interface CatalogueRoute {
  readonly method: string;
  readonly path: string;
  readonly name: string;
  readonly sensitiveParams: boolean;
}

interface OpenApiSchema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  maxLength?: number;
  minLength?: number;
  maxItems?: number;
  items?: OpenApiSchema;
  properties?: Record<string, OpenApiSchema>;
  required?: string[];
  allOf?: OpenApiSchema[];
}

interface OpenApiOperation {
  summary?: string;
  security?: unknown[];
  parameters?: Array<{ name: string; in: string; required?: boolean; schema?: OpenApiSchema }>;
  requestBody?: { description?: string; content?: Record<string, { schema?: OpenApiSchema }> };
  responses?: Record<string, { content?: Record<string, { examples?: Record<string, unknown> }> }>;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, OpenApiSchema> };
}

/** The token travels beside the params (header, or a `token` param the guard reads); the corpus places it itself. */
const AUTH_PARAMS = new Set(['token']);

export function routesOf(document: OpenApiDocument, catalogue: readonly CatalogueRoute[]): RouteSpec[] {
  const schemas = document.components?.schemas ?? {};
  // An operation the document has and the catalogue lacks is aimed at too (and shows up as a
  // difference when the spec compares the two).
  const known = new Set(catalogue.map((route) => `${route.method} ${route.path}`));
  const documentedOnly = Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations)
      .filter(([method]) => !known.has(`${method.toUpperCase()} ${path}`))
      .map(([method, operation]) => ({
        method: method.toUpperCase(),
        path,
        name: operation.summary ?? `${method.toUpperCase()} ${path}`,
        sensitiveParams: operation.requestBody?.content?.['text/plain']?.schema?.format === 'byte',
      })),
  );
  return [...catalogue, ...documentedOnly]
    .map((route) => {
      const operation = document.paths[route.path]?.[route.method.toLowerCase()];
      const tokenKind = tokenKindOf(operation);
      const query = (operation?.parameters ?? [])
        .filter((parameter) => parameter.in === 'query' && !AUTH_PARAMS.has(parameter.name))
        .map((parameter) => ({ name: parameter.name, required: parameter.required === true, schema: toSchema(parameter.schema ?? {}, schemas, 0) }));
      const body = bodyParams(operation, schemas);
      return {
        method: route.method,
        path: route.path,
        key: `${route.method} ${route.path}`,
        name: route.name,
        sensitive: route.sensitiveParams,
        tokenKind,
        paramsIn: route.method === 'GET' ? ('query' as const) : ('body' as const),
        params: route.method === 'GET' ? query : [...body, ...query],
      };
    })
    .sort((a, b) => a.key.localeCompare(b.key));
}

function tokenKindOf(operation: OpenApiOperation | undefined): RouteSpec['tokenKind'] {
  // A route the document forgot is still fuzzed, assuming the worst: it takes a session token.
  if (!operation) return 'session';
  if ((operation.security ?? []).length === 0) return 'none';
  const statuses401 = Object.keys(operation.responses?.['401']?.content?.['application/json']?.examples ?? {});
  return statuses401.includes('session-expired') ? 'session' : 'application';
}

/**
 * A JSON body's params come from its schema; a sensitive route documents its body as a base64
 * string whose description links the decoded params' schema (`#/components/schemas/X`).
 */
function bodyParams(operation: OpenApiOperation | undefined, schemas: Record<string, OpenApiSchema>): ParamSpec[] {
  const content = operation?.requestBody?.content ?? {};
  let schema = content['application/json']?.schema;
  if (!schema && content['text/plain']) {
    const linked = /#\/components\/schemas\/(\w+)/.exec(operation?.requestBody?.description ?? '');
    schema = linked ? { $ref: `#/components/schemas/${linked[1]}` } : undefined;
  }
  if (!schema) return [];
  return (toSchema(schema, schemas, 0).properties ?? []).filter((param) => !AUTH_PARAMS.has(param.name));
}

function toSchema(schema: OpenApiSchema, schemas: Record<string, OpenApiSchema>, depth: number): ParamSchema {
  if (depth > 6) return { type: 'unknown' };
  if (schema.$ref) return toSchema(schemas[schema.$ref.split('/').pop() as string] ?? {}, schemas, depth + 1);
  if (schema.allOf) {
    const parts = schema.allOf.map((part) => toSchema(part, schemas, depth + 1));
    return { type: 'object', properties: parts.flatMap((part) => part.properties ?? []) };
  }
  if (schema.properties || schema.type === 'object') {
    const required = new Set(schema.required ?? []);
    return {
      type: 'object',
      properties: Object.entries(schema.properties ?? {}).map(([name, property]) => ({
        name,
        required: required.has(name),
        schema: toSchema(property, schemas, depth + 1),
      })),
    };
  }
  if (schema.type === 'array') return { type: 'array', items: toSchema(schema.items ?? {}, schemas, depth + 1), maxItems: schema.maxItems };
  const type = (['integer', 'number', 'string', 'boolean'] as const).find((known) => known === schema.type) ?? (schema.enum ? 'string' : 'unknown');
  return {
    type,
    format: schema.format,
    enum: schema.enum?.map(String),
    maxLength: schema.maxLength,
    minLength: schema.minLength,
  };
}
