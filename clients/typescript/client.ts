// A thin typed client for the platform's REST API, for internal TypeScript consumers. Its types
// come from schema.ts, generated from the served OpenAPI document (`npm run openapi:types`), so a
// call whose path, params or use of the answer no longer matches the document fails to compile.
// It knows the transport rules of CONTRACT.md §1-2: the token goes as `Authorization: Bearer`,
// GET params go in the query string (nested objects as `page[size]=10`), other params as JSON,
// and a sensitive-params route's params as the base64 of their JSON, sent as text/plain.
import type { paths, sensitiveParams } from './schema.js';

export type { components, paths } from './schema.js';

type Method = 'get' | 'post' | 'put';
/** The API paths that have an operation for `method`. */
export type PathsFor<M extends Method> = { [P in keyof paths]: paths[P] extends Record<M, unknown> ? P : never }[keyof paths];
type Operation<P extends keyof paths, M extends Method> = paths[P] extends Record<M, infer O> ? O : never;

/** The query params of an operation, without `token`: the client sends its token as a header. */
type QueryOf<O> = O extends { parameters: { query?: infer Q } } ? Omit<NonNullable<Q>, 'token'> : never;
type JsonBodyOf<O> = O extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;
type SensitiveOf<P, M extends Method> = P extends keyof sensitiveParams ? (sensitiveParams[P] extends Record<M, infer S> ? S : never) : never;

/** Every envelope the operation's document lists, discriminated by `status` (a 302 has none). */
export type EnvelopeOf<O> = O extends { responses: infer R } ? { [K in keyof R]: JsonContentOf<R[K]> }[keyof R] : never;
type JsonContentOf<Response> = Response extends { content: infer C }
  ? [C] extends [never]
    ? never
    : C extends { 'application/json': infer E }
      ? E
      : never
  : never;
/** The envelope of the operation's success (`action-successful`, HTTP 200). */
export type SuccessOf<O> = Extract<EnvelopeOf<O>, { status: 'action-successful' }>;

/** `query` / `body` / `sensitive` as the operation takes them; a key the route does not take is refused. */
export type RequestOptions<P extends keyof paths, M extends Method> = OptionalWhenEmpty<'query', QueryOf<Operation<P, M>>> &
  ([SensitiveOf<P, M>] extends [never]
    ? [JsonBodyOf<Operation<P, M>>] extends [never]
      ? { body?: never; sensitive?: never }
      : { body: JsonBodyOf<Operation<P, M>>; sensitive?: never }
    : { sensitive: SensitiveOf<P, M>; body?: never }) & { headers?: Record<string, string> };

type OptionalWhenEmpty<K extends string, T> = [T] extends [never]
  ? { [key in K]?: never }
  : {} extends T
    ? { [key in K]?: T }
    : { [key in K]: T };

/** One answer: the HTTP code and the envelope, typed as the document lists it for this route. */
export interface Answer<O> {
  readonly http: number;
  readonly envelope: EnvelopeOf<O>;
}

export interface PlanoClientOptions {
  /** Where the platform runs, e.g. `http://127.0.0.1:3000`; paths are appended to it. */
  readonly baseUrl: string;
  /** A session or application token, sent as `Authorization: Bearer`. */
  readonly token?: string;
  /** Defaults to the global fetch. */
  readonly fetch?: typeof fetch;
}

/** Raised by `PlanoClient.ok` when the answer is not `action-successful`; carries the envelope. */
export class PlanoApiError extends Error {
  constructor(
    readonly http: number,
    readonly envelope: { status: string; message: string; request_id: string },
  ) {
    super(`${envelope.status} (HTTP ${http}): ${envelope.message} [request ${envelope.request_id}]`);
    this.name = 'PlanoApiError';
  }
}

export class PlanoClient {
  constructor(private readonly options: PlanoClientOptions) {}

  /** The same client, calling with `token`. */
  withToken(token: string): PlanoClient {
    return new PlanoClient({ ...this.options, token });
  }

  get<P extends PathsFor<'get'>>(path: P, ...[options]: OptionalArgument<RequestOptions<P, 'get'>>): Promise<Answer<Operation<P, 'get'>>> {
    return this.request('GET', path, options);
  }

  post<P extends PathsFor<'post'>>(path: P, ...[options]: OptionalArgument<RequestOptions<P, 'post'>>): Promise<Answer<Operation<P, 'post'>>> {
    return this.request('POST', path, options);
  }

  put<P extends PathsFor<'put'>>(path: P, ...[options]: OptionalArgument<RequestOptions<P, 'put'>>): Promise<Answer<Operation<P, 'put'>>> {
    return this.request('PUT', path, options);
  }

  /** The success envelope of an answer, or a PlanoApiError carrying the failure's envelope. */
  static ok<O>(answer: Answer<O>): SuccessOf<O> {
    const envelope = answer.envelope as { status: string; message: string; request_id: string };
    if (envelope.status !== 'action-successful') throw new PlanoApiError(answer.http, envelope);
    return envelope as SuccessOf<O>;
  }

  private async request<O>(
    method: Uppercase<Method>,
    path: string,
    options: { query?: object; body?: unknown; sensitive?: unknown; headers?: Record<string, string> } = {},
  ): Promise<Answer<O>> {
    const url = new URL(path, this.options.baseUrl);
    for (const [key, value] of queryEntries(options.query ?? {})) url.searchParams.append(key, value);
    // JSON, never a browser's text/html: a browser-like XSO request would get a 302 instead.
    const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
    if (this.options.token !== undefined) headers.Authorization = `Bearer ${this.options.token}`;
    let body: string | undefined;
    if (options.sensitive !== undefined) {
      headers['Content-Type'] = 'text/plain';
      body = base64Json(options.sensitive);
    } else if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    const response = await (this.options.fetch ?? fetch)(url, { method, headers, body });
    return { http: response.status, envelope: (await response.json()) as EnvelopeOf<O> };
  }
}

export function createPlanoClient(options: PlanoClientOptions): PlanoClient {
  return new PlanoClient(options);
}

/** The options argument may be left out when nothing in it is required. */
type OptionalArgument<T> = {} extends T ? [options?: T] : [options: T];

/** `{ page: { size: 10 }, ids: [1, 2] }` → `page[size]=10`, `ids[0]=1`, `ids[1]=2` (Express's extended parser). */
function queryEntries(value: object, prefix?: string): [string, string][] {
  return Object.entries(value).flatMap(([key, item]): [string, string][] => {
    const name = prefix === undefined ? key : `${prefix}[${key}]`;
    if (item === undefined || item === null) return [];
    if (typeof item === 'object') return queryEntries(item as object, name);
    return [[name, String(item)]];
  });
}

/** Base64 of the UTF-8 JSON, with browser globals only, so the client also runs outside Node. */
function base64Json(value: unknown): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(JSON.stringify(value))) binary += String.fromCharCode(byte);
  return btoa(binary);
}
