import { createHash } from 'node:crypto';
import { deepArray, deepObject, Obj, percentEncode, Raw, toJson, toQueryPieces, type ArrayStyle, type Value } from './hostile-json.js';
import { Rng } from './hostile-random.js';
import type { ParamSchema, ParamSpec, RouteSpec } from './hostile-routes.js';

/**
 * A seeded corpus of hostile requests against every route of the app (CONTRACT.md §12, "Bad
 * input"). The generator is pure: a seed, the routes (read from the app) and the fixtures' ids and
 * tokens in, a list of requests out. Tokens are left as placeholders the sender fills in, because
 * some are only minted once the corpus says how many throwaway sessions it needs.
 *
 * Each request has one category, the kind of hostility it carries; most requests to token routes
 * also carry a valid token of some role, so the hostile params get past the guards and reach
 * validation and the handlers.
 */

export const HOSTILE_CATEGORIES = [
  'huge-integer',
  'extreme-number',
  'negative-number',
  'float',
  'numeric-string',
  'control-characters',
  'unicode-oddity',
  'long-string',
  'deep-json',
  'wrong-shape',
  'bogus-view',
  'prototype-pollution',
  'odd-path',
  'duplicate-param',
  'bad-encoding',
  'content-type',
  'huge-body',
  'bad-token',
  'well-formed',
] as const;
export type HostileCategory = (typeof HOSTILE_CATEGORIES)[number];

/** Relative shares. Well-formed requests are few: on sensitive routes each costs an argon2 hash. */
const CATEGORY_WEIGHTS: Record<HostileCategory, number> = {
  'huge-integer': 6,
  'extreme-number': 5,
  'negative-number': 4,
  float: 4,
  'numeric-string': 5,
  'control-characters': 7,
  'unicode-oddity': 6,
  'long-string': 6,
  'deep-json': 6,
  'wrong-shape': 8,
  'bogus-view': 4,
  'prototype-pollution': 5,
  'odd-path': 5,
  'duplicate-param': 5,
  'bad-encoding': 6,
  'content-type': 5,
  'huge-body': 4,
  'bad-token': 6,
  'well-formed': 3,
};

export const SESSION_ROLES = ['admin', 'employee', 'client', 'liaison', 'roleless'] as const;
export type SessionRole = (typeof SESSION_ROLES)[number];
export const HOSTILE_ROLES = [...SESSION_ROLES, 'capture'] as const;
/** A role whose valid token the corpus holds; `capture` is the capture application's token. */
export type HostileRole = (typeof HOSTILE_ROLES)[number];

/**
 * Which token a request carries: a shared valid token of a role (read-only requests), a valid
 * session of a throwaway account of that role (anything that may write: a hostile request that
 * happens to succeed may log out, revoke or change a password, and must not take the shared
 * tokens with it), or a literal value (garbage, or a token of another kind).
 */
export type TokenRef = { kind: 'role'; role: HostileRole } | { kind: 'fresh'; role: SessionRole } | { kind: 'literal'; value: string };

/** Where the sender puts the token; each spot has its own escaping. */
export const TOKEN_SLOT = { header: '@@token:header@@', query: '@@token:query@@', json: '@@token:json@@' } as const;

export interface HostileRequest {
  readonly index: number;
  readonly category: HostileCategory;
  /** The route it aims at (`GET /api/v1/sessions/read`), even when its path is mangled. */
  readonly route: string;
  /** What is hostile about it, short, for failure messages. */
  readonly description: string;
  readonly method: string;
  /** Path and query string, as sent on the request line. */
  readonly target: string;
  readonly headers: Readonly<Record<string, string | string[]>>;
  readonly body?: {
    readonly text: string;
    readonly base64: boolean;
    readonly bytes: 'utf8' | 'latin1';
    /** Sent with Transfer-Encoding: chunked instead of a Content-Length. */
    readonly chunked?: boolean;
  };
  readonly token?: TokenRef;
  /** Whether a valid token of a role rides along (the request can get past the guards). */
  readonly validRole?: HostileRole;
}

export interface CorpusFixtures {
  readonly ids: {
    /** The client of the `client` role user. */
    readonly ownClient: number;
    /** Another client: the liaison's, with an order and a tour. */
    readonly targetClient: number;
    readonly order: number;
    readonly tour: number;
    readonly liaison: number;
    readonly route: number;
    readonly apiService: number;
    readonly notification: number;
    readonly session: number;
  };
  /** The shared valid tokens, for near misses (one character changed, upper-cased, hashed). */
  readonly tokens: Readonly<Record<HostileRole, string>>;
  /** Valid credentials of other kinds: a planoorder session, a destroyed session, an XSO code. */
  readonly foreignTokens: readonly string[];
  /** A user who can sign in, for the few well-formed sign-ins. */
  readonly signIn: { readonly email: string; readonly password: string };
}

export interface Corpus {
  readonly seed: number;
  readonly requests: HostileRequest[];
  /** Every password and literal token the corpus sends: none may reach a log line or a response. */
  readonly secrets: string[];
}

export interface CorpusOptions {
  readonly seed: number;
  readonly size: number;
  readonly routes: readonly RouteSpec[];
  readonly fixtures: CorpusFixtures;
}

export function generateCorpus(options: CorpusOptions): Corpus {
  const generator = new Generator(new Rng(options.seed), options.fixtures);
  const requests: HostileRequest[] = [];
  // Routes in shuffled rounds, so every route gets its share of every category.
  let round: RouteSpec[] = [];
  for (let index = 0; index < options.size; index += 1) {
    if (round.length === 0) round = generator.rng.shuffle(options.routes);
    const route = round.pop() as RouteSpec;
    const category = generator.rng.weighted(CATEGORY_WEIGHTS);
    requests.push(generator.request(index, route, category));
  }
  return { seed: options.seed, requests, secrets: [...generator.secrets] };
}

type Placement = 'bearer' | 'query' | 'body' | 'none';

/** A request being built: the route's params as data until the end, so every category can bend them. */
interface Draft {
  readonly route: RouteSpec;
  method: string;
  path: string;
  params: Obj;
  /** Params that always go in the query string, whatever the route reads. */
  query: Obj;
  rawQuery: string[];
  arrayStyle: ArrayStyle;
  headers: Record<string, string | string[]>;
  /** A body written by the category itself, instead of the rendered params. */
  body?: { text: string; base64: boolean; bytes?: 'utf8' | 'latin1'; contentType: string | null; chunked?: boolean };
  /** Overrides for the rendered params body. */
  contentType?: string | null;
  base64?: boolean;
  token?: TokenRef;
  validRole?: HostileRole;
  placement: Placement;
  /** A custom Authorization header (with TOKEN_SLOT.header where the token goes). */
  authorization?: string;
  notes: string[];
}

const MAX_INT = 2_147_483_647;
const BODY_LIMIT = 102_400;
/** Room for a request line and headers, under Node's 16 KiB limit with a token filled in. */
const HEAD_BUDGET = 15_000;

const HUGE_INTEGERS: Value[] = [
  MAX_INT + 1,
  MAX_INT + 1000,
  2 ** 32,
  2 ** 32 + 1,
  9_999_999_999,
  99_999_999_999,
  2 ** 53 - 1,
  1e15,
  1e20,
  new Raw('9223372036854775807'),
  new Raw('18446744073709551616'),
  new Raw('123456789012345678901234567890'),
];
const EXTREME_NUMBERS: Value[] = [
  new Raw('1e308'),
  new Raw('-1e308'),
  new Raw('1E+308'),
  new Raw('1e999'),
  new Raw('-1e999'),
  new Raw('9007199254740993'),
  new Raw('9007199254740993.0'),
  new Raw('-9007199254740993'),
  new Raw('5e-324'),
  new Raw('1e-400'),
  new Raw('-0'),
  new Raw('1.7976931348623157e308'),
];
const NEGATIVE_NUMBERS: Value[] = [-1, -2, 0, new Raw('-0'), -MAX_INT, -MAX_INT - 1, -MAX_INT - 2, -1e15, new Raw('-0.0'), -100];
const FLOATS: Value[] = [1.5, 0.5, 0.1, MAX_INT - 0.5, 1.0000000000000002, 1e-7, 3.14159, new Raw('1.0'), new Raw('2.50'), new Raw('1e0'), 99.99];
const NUMERIC_STRINGS = [
  '1', '0', '-1', '2147483648', '1e308', '9007199254740993', ' 1', '1 ', '0x1F', '0b1', '0o7', '1_000', '١', '１', '+1', '007',
  'NaN', 'Infinity', '-Infinity', '1.5', '', '1,2', '1e3', '\t1', '1.', '.5', 'true', 'false', '99999999999999999999',
];
const CONTROL_STRINGS = [
  'a\u0000b', '\u0000', 'planoauth\u0000', '\u0000\u0000\u0000', 'x\u0001\u0002\u0003', '\u001b[31mred\u001b[0m', 'line\r\nInjected: yes',
  '\u007f', 'tab\there', '\u0085next', '\u2028\u2029', '\b\f\v', 'name\u0000--', 'a@example.com\u0000.evil', '1\u0000', 'true\u0000',
];
const UNICODE_ODDITIES = [
  '\ud800', '\udfff', 'a\ud800b', '\udc00\ud800', '\ud83d', '\ufeffplanoauth', 'plan\u200boauth', '\u202egnp.exe', 'e\u0301'.repeat(40),
  '🧨'.repeat(10), '\uffff', '\ufffe', 'ＰＬＡＮＯＡＵＴＨ', 'plаnoauth', 'PLANOAUTH', 'İstanbul', 'ß'.repeat(60), '𝓐𝓭𝓪', 'Z̴̡̢̛̖͔̗̬̀͊̓',
  '\u00a0', 'مرحبا', '漢字'.repeat(60), 'ü@exämple.com', 'a@b.co\u0301', '🧨'.repeat(51), '\u{10ffff}', '\u0130\u0131',
];
/** Lengths around the DTOs' limits (40, 100, 200, 254, 300, 1024, 2048) and far beyond them. */
const LONG_LENGTHS = [40, 41, 100, 101, 200, 201, 254, 255, 300, 301, 1024, 1025, 2048, 2049, 5000, 20_000, 60_000];
const DEEP_LEVELS = [33, 40, 64, 100, 1000, 5000, 10_000];
const VIEW_NAMES = ['view', 'session_view'];

/** Literal tokens that are not a valid token of anything; the ones long enough to be traced are secrets. */
const GARBAGE_TOKENS: ReadonlyArray<{ label: string; length: number; headerSafe: boolean; make: (rng: Rng) => string }> = [
  { label: 'random token-shaped', length: 43, headerSafe: true, make: (rng) => rng.tokenLike(43) },
  { label: '42 characters', length: 42, headerSafe: true, make: (rng) => rng.tokenLike(42) },
  { label: '44 characters', length: 44, headerSafe: true, make: (rng) => rng.tokenLike(44) },
  { label: '5,000 characters', length: 5000, headerSafe: true, make: (rng) => rng.tokenLike(5000) },
  { label: '11,000 characters', length: 11_000, headerSafe: true, make: (rng) => rng.tokenLike(11_000) },
  { label: 'null', length: 4, headerSafe: true, make: () => 'null' },
  { label: 'undefined', length: 9, headerSafe: true, make: () => 'undefined' },
  { label: '0', length: 1, headerSafe: true, make: () => '0' },
  { label: 'JWT-shaped', length: 60, headerSafe: true, make: (rng) => `eyJhbGciOiJub25lIn0.eyJhZG1pbiI6dHJ1ZX0.${rng.word(20)}` },
  { label: 'SQL injection', length: 27, headerSafe: true, make: (rng) => `' OR 1=1 --${rng.word(16)}` },
  { label: 'percent-encoded NUL', length: 43, headerSafe: true, make: (rng) => `${rng.tokenLike(20)}%00${rng.tokenLike(20)}` },
  { label: 'NUL inside', length: 41, headerSafe: false, make: (rng) => `${rng.word(20)}\u0000${rng.word(20)}` },
  { label: 'lone surrogate', length: 25, headerSafe: false, make: (rng) => `${rng.word(20)}\ud800${rng.word(4)}` },
  { label: 'non-ASCII', length: 26, headerSafe: false, make: (rng) => `${rng.word(20)}é漢${rng.word(4)}` },
  { label: 'CRLF', length: 35, headerSafe: false, make: (rng) => `${rng.word(20)}\r\nX-Injected: 1` },
];

function garbageToken(rng: Rng, maxLength: number): { value: string; headerSafe: boolean; label: string } {
  const kind = rng.pick(GARBAGE_TOKENS.filter((candidate) => candidate.length <= maxLength));
  return { value: kind.make(rng), headerSafe: kind.headerSafe, label: kind.label };
}

class Generator {
  readonly secrets = new Set<string>();

  constructor(
    readonly rng: Rng,
    private readonly fixtures: CorpusFixtures,
  ) {}

  request(index: number, route: RouteSpec, category: HostileCategory): HostileRequest {
    const draft: Draft = {
      route,
      method: route.method,
      path: route.path,
      params: new Obj(),
      query: new Obj(),
      rawQuery: [],
      arrayStyle: this.rng.pick(['brackets', 'indices', 'repeat'] as const),
      headers: {},
      placement: 'none',
      notes: [],
    };
    this.chooseToken(draft, category);
    draft.params = this.baseParams(route.params, draft, this.rng.chance(0.35));
    CATEGORY_BUILDERS[category].call(this, draft);
    return this.finish(index, category, draft);
  }

  // ---- tokens -------------------------------------------------------------------------------

  private chooseToken(draft: Draft, category: HostileCategory): void {
    if (category === 'bad-token') return; // its builder chooses
    const roll = this.rng.next();
    const placement = this.rng.weighted({ bearer: 7, query: 1.5, body: 1.5 });
    const needsToken = draft.route.tokenKind !== 'none';
    if (needsToken ? roll < 0.8 : roll < 0.08) {
      draft.placement = placement;
      this.useRole(draft, this.roleFor(draft.route));
    } else if (needsToken ? roll < 0.9 : roll < 0.12) {
      draft.placement = placement;
      // Long enough to matter, short enough to leave room in a 16 KiB request head for the rest.
      this.useLiteral(draft, garbageToken(this.rng, 5000));
    }
  }

  /** Mostly the kind of token the route takes, so most requests get past the token check; sometimes the other kind. */
  private roleFor(route: RouteSpec): HostileRole {
    if (route.tokenKind === 'application') return this.rng.chance(0.7) ? 'capture' : this.rng.pick(SESSION_ROLES);
    return this.rng.chance(0.05) ? 'capture' : this.rng.pick(SESSION_ROLES);
  }

  private useRole(draft: Draft, role: HostileRole): void {
    draft.validRole = role;
    draft.token = draft.method !== 'GET' && role !== 'capture' ? { kind: 'fresh', role } : { kind: 'role', role };
  }

  private useLiteral(draft: Draft, token: { value: string; headerSafe: boolean }): void {
    draft.token = { kind: 'literal', value: token.value };
    if (token.value.length >= 16) this.secrets.add(token.value);
    if (!token.headerSafe && draft.placement === 'bearer') draft.placement = 'query';
  }

  // ---- params -------------------------------------------------------------------------------

  /** Valid-looking params (required ones, and some optional ones): the backdrop a category bends. */
  private baseParams(specs: readonly ParamSpec[], draft: Draft, withOptional: boolean): Obj {
    const params = new Obj();
    for (const spec of specs) {
      if (spec.required || (withOptional && this.rng.chance(0.5))) params.set(spec.name, this.baseValue(spec.name, spec.schema, draft));
    }
    return params;
  }

  private baseValue(name: string, schema: ParamSchema, draft: Draft): Value {
    const { ids } = this.fixtures;
    const resource = draft.route.path.split('/')[3] ?? '';
    if (name === 'client_id') return draft.validRole === 'client' && draft.method === 'GET' ? ids.ownClient : ids.targetClient;
    if (name === 'client_ids') return [ids.targetClient];
    if (name === 'order_id') return ids.order;
    if (name === 'tour_id') return ids.tour;
    if (name === 'id') {
      const byResource: Record<string, number> = {
        clients: draft.validRole === 'client' && draft.method === 'GET' ? ids.ownClient : ids.targetClient,
        liaisons: ids.liaison,
        routes: ids.route,
        api_services: ids.apiService,
        notifications: ids.notification,
        sessions: ids.session,
      };
      return byResource[resource] ?? 1;
    }
    if (/password/.test(name) || schema.format === 'password') return this.password();
    if (name === 'email' || schema.format === 'email') return `hostile.${this.rng.word(12).toLowerCase()}@example.com`;
    if (/url/.test(name)) return 'http://127.0.0.1:4200/after-sign-in';
    if (name === 'phone') return '+1 555 0100';
    if (name === 'address') return '1 Hostile Way, Bayview';
    if (name === 'code') return this.rng.tokenLike();
    if (name === 'service') return 'sessions';
    if (schema.enum && schema.enum.length > 0) return schema.enum[0];
    switch (schema.type) {
      case 'integer':
      case 'number':
        return 1;
      case 'boolean':
        // true deploys, keeps active, counts: never the value that withdraws or deactivates something.
        return true;
      case 'array':
        return [this.baseValue(name, schema.items ?? { type: 'integer' }, draft)];
      case 'object':
        return this.baseParams(schema.properties ?? [], draft, this.rng.chance(0.5));
      default:
        return `Hostile ${this.rng.word(6)}`;
    }
  }

  /** A password the corpus sends: distinctive, so a log or a response that leaks it is caught. */
  private password(suffix = ''): string {
    // The random head is what is looked for: it reads the same raw or JSON-escaped, whatever the suffix.
    const head = `Pw-${this.rng.word(18)}`;
    this.secrets.add(head);
    return `${head}${suffix}`;
  }

  /** Every param path of the route, nested ones included (`client.email`, `search.term`). */
  private paramPaths(specs: readonly ParamSpec[], prefix: string[] = []): Array<{ path: string[]; schema: ParamSchema }> {
    return specs.flatMap((spec) => {
      const path = [...prefix, spec.name];
      const own = { path, schema: spec.schema };
      return spec.schema.type === 'object' && spec.schema.properties ? [own, ...this.paramPaths(spec.schema.properties, path)] : [own];
    });
  }

  /** A param to bend, preferring the types the category is about; a made-up one when the route has none. */
  private target(draft: Draft, prefer: Array<ParamSchema['type']> = []): { path: string[]; schema: ParamSchema } {
    const all = this.paramPaths(draft.route.params);
    const preferred = all.filter((param) => prefer.includes(param.schema.type) || (prefer.includes('integer') && param.schema.items?.type === 'integer'));
    const pool = preferred.length > 0 && this.rng.chance(0.85) ? preferred : all;
    if (pool.length === 0) return { path: [this.rng.pick(['id', 'client_id', 'name', 'page'])], schema: { type: 'unknown' } };
    return this.rng.pick(pool);
  }

  private setAt(draft: Draft, path: string[], value: Value): void {
    let node = draft.params;
    for (const key of path.slice(0, -1)) {
      let child = node.get(key);
      if (!(child instanceof Obj)) {
        child = new Obj();
        node.set(key, child);
      }
      node = child;
    }
    node.set(path[path.length - 1], value);
  }

  /** Puts `value` at a param, or inside it when the param is a list (`client_ids: [1, value]`). */
  private bend(draft: Draft, prefer: Array<ParamSchema['type']>, values: readonly Value[], label: string): void {
    const { path, schema } = this.target(draft, prefer);
    const value = this.rng.pick(values);
    const placed = schema.type === 'array' && this.rng.chance(0.7) ? [this.rng.pick([1, this.fixtures.ids.targetClient]), value] : value;
    this.setAt(draft, path, placed);
    draft.notes.push(`${label} ${path.join('.')}=${preview(toJson(placed))}`);
  }

  // ---- categories ---------------------------------------------------------------------------

  hugeInteger(draft: Draft): void {
    this.bend(draft, ['integer', 'number'], HUGE_INTEGERS, 'huge integer');
  }

  extremeNumber(draft: Draft): void {
    this.bend(draft, ['integer', 'number'], EXTREME_NUMBERS, 'extreme number');
  }

  negativeNumber(draft: Draft): void {
    this.bend(draft, ['integer', 'number'], NEGATIVE_NUMBERS, 'negative/zero');
  }

  float(draft: Draft): void {
    this.bend(draft, ['integer', 'number'], FLOATS, 'float');
  }

  numericString(draft: Draft): void {
    this.bend(draft, ['integer', 'number', 'boolean'], NUMERIC_STRINGS, 'numeric string');
  }

  controlCharacters(draft: Draft): void {
    if (this.rng.chance(0.15)) {
      // In a key, too: the whitelist should drop it without choking.
      draft.params.set(`${this.rng.pick(['id', 'email', 'client_id'])}\u0000`, 1);
      draft.notes.push('NUL in a param name');
      return;
    }
    const { path, schema } = this.target(draft, ['string']);
    const chars = this.rng.pick(CONTROL_STRINGS);
    const value = /password/.test(path[path.length - 1]) ? this.password(chars) : chars;
    this.setAt(draft, path, schema.type === 'array' ? [value] : value);
    draft.notes.push(`control characters ${path.join('.')}=${preview(JSON.stringify(chars))}`);
  }

  unicodeOddity(draft: Draft): void {
    if (draft.route.paramsIn === 'body' && this.rng.chance(0.15)) {
      // Bytes that are not UTF-8 at all: the body sent as Latin-1.
      draft.body = { text: toJson(draft.params.set('first_name', 'caf\u00e9 \u00ff\u00fe \u00c3(')), base64: false, bytes: 'latin1', contentType: 'application/json; charset=utf-8' };
      draft.notes.push('body bytes that are not UTF-8');
      return;
    }
    const { path } = this.target(draft, ['string']);
    const oddity = this.rng.pick(UNICODE_ODDITIES);
    const value = /password/.test(path[path.length - 1]) ? this.password(oddity) : oddity;
    this.setAt(draft, path, value);
    draft.notes.push(`unicode ${path.join('.')}=${preview(JSON.stringify(oddity))}`);
  }

  longString(draft: Draft): void {
    const { path, schema } = this.target(draft, ['string']);
    const inQuery = draft.route.paramsIn === 'query';
    // A request line over 16 KiB is refused by Node's parser before the app sees it (the raw-HTTP test's business).
    const lengths = inQuery ? LONG_LENGTHS.filter((length) => length <= 5000) : LONG_LENGTHS;
    let length = this.rng.pick(lengths);
    const unit = this.rng.pick(inQuery ? ['a', 'a', 'é'] : ['a', 'a', 'é', '😀', '漢']);
    if (inQuery && unit !== 'a') length = Math.min(length, 1025);
    const name = path[path.length - 1];
    let value: string;
    if (name === 'email' || schema.format === 'email') value = this.rng.chance(0.5) ? `${unit.repeat(length)}@example.com` : `x@${unit.repeat(length)}.com`;
    else if (/url/.test(name)) value = `http://127.0.0.1:4200/${unit.repeat(length)}`;
    else if (/password/.test(name)) value = this.password(unit.repeat(length));
    else value = unit.repeat(length);
    if (this.rng.chance(0.1)) {
      draft.params.set(`k${'k'.repeat(Math.min(length, inQuery ? 3000 : 60_000))}`, 1);
      draft.notes.push(`a param name ${length} long`);
      return;
    }
    if (!inQuery && this.rng.chance(0.25)) {
      // Every text param at once at a DTO limit: values derived from several of them (a welcome
      // email's recipient name) must still fit their columns.
      const limit = this.rng.pick([40, 100, 200]);
      for (const param of this.paramPaths(draft.route.params).filter((candidate) => candidate.schema.type === 'string' && !candidate.schema.enum)) {
        const field = param.path[param.path.length - 1];
        if (field === 'email' || param.schema.format === 'email' || /password|url/.test(field)) continue;
        this.setAt(draft, param.path, unit.repeat(unit.length > 1 ? limit / 2 : limit));
      }
      draft.notes.push(`every text param ${limit} units of ${JSON.stringify(unit)}`);
      return;
    }
    this.setAt(draft, path, schema.type === 'array' ? [value] : value);
    draft.notes.push(`${length}×${JSON.stringify(unit)} in ${path.join('.')}`);
  }

  deepJson(draft: Draft): void {
    const depth = this.rng.pick(DEEP_LEVELS);
    const deep = this.rng.chance(0.5) ? deepArray(depth) : deepObject(depth, this.rng.pick(['a', 'client', '__proto__', 'id']));
    const form = this.rng.weighted({ whole: 3, param: 4, query: draft.route.paramsIn === 'query' ? 2 : 0.5 });
    if (form === 'query') {
      // qs stops at 5 levels and keeps the rest of the key as text.
      const key = `${this.target(draft).path[0]}${'[a]'.repeat(Math.min(depth, 400))}`;
      draft.rawQuery.push(`${key}=1`);
      draft.notes.push(`query key ${Math.min(depth, 400)} levels deep`);
      return;
    }
    if (form === 'whole') {
      const base64 = draft.route.sensitive ? this.rng.chance(0.8) : this.rng.chance(0.1);
      draft.body = { text: deep.text, base64, contentType: base64 || this.rng.chance(0.4) ? 'text/plain' : 'application/json' };
      draft.notes.push(`body ${depth} levels deep${base64 ? ' (base64)' : ''}`);
      return;
    }
    const { path } = this.target(draft);
    if (draft.route.paramsIn === 'query') {
      // The route reads the query, but a body is still decoded: the deep value goes there (in
      // the query string it would pass Node's 16 KiB limit on a request head).
      draft.body = { text: toJson(new Obj([[path[0], deep]])), base64: false, contentType: 'application/json' };
    } else {
      this.setAt(draft, path, deep);
    }
    draft.notes.push(`${path.join('.')} ${depth} levels deep${draft.route.paramsIn === 'query' ? ' (in a body)' : ''}`);
  }

  wrongShape(draft: Draft): void {
    const form = this.rng.weighted({ param: 6, nullParam: 3, wholeBody: draft.route.paramsIn === 'body' ? 2 : 0.5 });
    if (form === 'wholeBody') {
      const shape = this.rng.pick(['[]', '[{}]', `[${toJson(draft.params)}]`, '"params"', '123', 'true', 'null', '""', '{"":""}']);
      const base64 = draft.route.sensitive && this.rng.chance(0.85);
      draft.body = { text: shape, base64, contentType: base64 ? 'text/plain' : this.rng.pick(['application/json', 'text/plain']) };
      draft.notes.push(`body is ${preview(shape)}${base64 ? ' (base64)' : ''}`);
      return;
    }
    const { path, schema } = this.target(draft);
    if (form === 'nullParam') {
      this.setAt(draft, path, null);
      draft.notes.push(`${path.join('.')}=null`);
      return;
    }
    const byType: Record<ParamSchema['type'], Value[]> = {
      integer: [[], [1], [[1]], new Obj(), Obj.of({ a: 1 }), true, false, Obj.of({ $gt: 0 })],
      number: [[], [1], new Obj(), true],
      string: [123, true, [], ['a'], new Obj(), Obj.of({ toString: 'x' }), 0],
      boolean: ['true', 1, 0, [], new Obj(), 'yes', [true]],
      array: ['1,2', 1, new Obj(), Obj.of({ '0': 1 }), [null], [[1]], [new Obj()], ['1'], [true], Obj.of({ length: 1 })],
      object: [[], [new Obj()], 'x', 1, true, [1, 2]],
      unknown: [[], new Obj(), [[]], Obj.of({ a: [] })],
    };
    const value = this.rng.pick(byType[schema.type]);
    this.setAt(draft, path, value);
    draft.notes.push(`${path.join('.')}=${preview(toJson(value))} (${schema.type} expected)`);
  }

  bogusView(draft: Draft): void {
    const name = this.rng.pick(VIEW_NAMES);
    const value = this.rng.pick<Value>(['bogus', '', 'FULL', '__proto__', 'x'.repeat(5000), null, 123, ['a', 'b'], Obj.of({ a: 'b' }), 'full\u0000']);
    const target = draft.route.paramsIn === 'query' || this.rng.chance(0.3) ? draft.query : draft.params;
    target.set(name, value);
    if (this.rng.chance(0.3)) target.set(name === 'view' ? 'session_view' : 'view', 'bogus');
    draft.notes.push(`${name}=${preview(toJson(value))}`);
  }

  prototypePollution(draft: Draft): void {
    // A distinctive key: the spec checks Object.prototype never gains it.
    const polluted = Obj.of({ hostilePolluted: 'yes', admin: true, roles: ['employee'] });
    const inQuery = this.rng.chance(draft.route.paramsIn === 'query' ? 0.6 : 0.3);
    if (inQuery) {
      const first = this.target(draft).path[0];
      const piece = this.rng.pick([
        '__proto__[hostilePolluted]=1',
        '__proto__[admin]=true',
        'constructor[prototype][hostilePolluted]=1',
        `${first}[__proto__][hostilePolluted]=1`,
        'search[__proto__][a]=1',
        'page[constructor][prototype][size]=1',
        '__proto__=x',
        'toString=1',
        'hasOwnProperty=1',
        'valueOf=x',
        `${first}[constructor]=1`,
        '__proto__[token]=x',
        'prototype[hostilePolluted]=1',
      ]);
      draft.rawQuery.push(piece);
      draft.notes.push(`query ${piece}`);
      return;
    }
    const key = this.rng.pick(['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf']);
    const value: Value =
      key === 'constructor' ? Obj.of({ prototype: polluted }) : this.rng.pick<Value>([polluted, [], null, 1, 'x', new Obj([['__proto__', polluted]])]);
    const objects = this.paramPaths(draft.route.params).filter((param) => param.schema.type === 'object');
    if (objects.length > 0 && this.rng.chance(0.4)) {
      const { path } = this.rng.pick(objects);
      this.setAt(draft, [...path, key], value);
      draft.notes.push(`${path.join('.')}.${key}=${preview(toJson(value))}`);
    } else {
      draft.params.add(key, value);
      draft.notes.push(`${key}=${preview(toJson(value))}`);
    }
    if (draft.route.paramsIn === 'query') {
      // The route reads the query, but a body is still decoded (and may carry the token).
      draft.body = { text: toJson(new Obj([[key, value]])), base64: false, contentType: 'application/json' };
    }
  }

  oddPath(draft: Draft): void {
    const path = draft.route.path;
    const segments = path.split('/').filter(Boolean);
    const last = segments[segments.length - 1] ?? '';
    const variant = this.rng.pick([
      `/api/v1/../${segments.slice(2).join('/')}`,
      `/api/v1/../health`,
      `${path}/..`,
      `${path}/../${last}`,
      `/api/v1/%2e%2e/health`,
      `/api/v1/%2E%2E%2F%2E%2E%2Fhealth`,
      `/${segments.join('//')}`,
      `/${path}`,
      `${path}/`,
      `${path}//`,
      `${path}/.`,
      path.toUpperCase(),
      `/${path.slice(1).replace(/\//g, '%2F')}`,
      path.replace(/[a-z]/, (letter) => `%${letter.charCodeAt(0).toString(16)}`),
      `${path};jsessionid=${this.rng.word(8)}`,
      `${path}%00`,
      `${path}%ff`,
      `${path}%`,
      `${path}%zz`,
      `/${path.slice(1).replace(/\//g, '\\')}`,
      `${path}/extra`,
      `${path}.json`,
      `/api/v2${path.replace(/^\/api\/v1/, '')}`,
      `/api/v1/`,
      `/`,
      `/${'a/'.repeat(this.rng.int(500, 3000))}`,
      `${path}/${'x'.repeat(this.rng.int(2000, 8000))}`,
      `/api/v1/${'../'.repeat(50)}etc/passwd`,
      `${path}%E2%80%AE`,
      `/api/v1/sessi%C3%B6ns/read`,
    ]);
    draft.path = variant;
    if (this.rng.chance(0.25)) {
      draft.method = this.rng.pick(['DELETE', 'PATCH', 'OPTIONS', 'PUT', 'POST', 'GET', 'TRACE'].filter((method) => method !== draft.route.method));
      draft.notes.push(`${draft.method} on`);
    }
    draft.notes.push(`path ${preview(variant)}`);
  }

  duplicateParam(draft: Draft): void {
    const { path, schema } = this.target(draft);
    const base = this.baseValue(path[path.length - 1], schema, draft);
    const other = this.rng.pick<Value>([base, 'x', 2, MAX_INT + 1, null, [], '']);
    const form = this.rng.weighted({ query: draft.route.paramsIn === 'query' ? 5 : 2, json: draft.route.paramsIn === 'body' ? 4 : 0.5, token: 1.5, header: 1, many: 1 });
    if (form === 'many') {
      // Towards qs's limits (1,000 params, arrays of 20 by index), within a 16 KiB request line.
      const key = path[0];
      let room = 10_000;
      let times = 0;
      while (room > 0) {
        const piece = this.rng.chance(0.7) ? `${key}=${times % 10}` : `${key}[${times}]=1`;
        draft.rawQuery.push(piece);
        room -= piece.length + 1;
        times += 1;
      }
      draft.notes.push(`${key} repeated ${times} times`);
      return;
    }
    if (form === 'token') {
      draft.rawQuery.push(`token=${TOKEN_SLOT.query}`, `token=${percentEncode(this.rng.pick(['x', this.rng.tokenLike()]))}`);
      if (!draft.token) this.useRole(draft, this.roleFor(draft.route));
      draft.placement = 'none';
      draft.notes.push('token=<valid>&token=<other>');
      return;
    }
    if (form === 'header') {
      draft.headers.authorization = [`Bearer ${TOKEN_SLOT.header}`, `Bearer ${this.rng.tokenLike()}`];
      this.useRole(draft, this.roleFor(draft.route));
      draft.placement = 'none';
      draft.notes.push('Authorization header twice');
      return;
    }
    if (form === 'query') {
      const key = path.length > 1 ? `${path[0]}[${path.slice(1).join('][')}]` : path[0];
      const values = [base, other].map((value) => (value instanceof Obj || Array.isArray(value) || value === null ? '' : String(value instanceof Raw ? value.text : value)));
      if (draft.route.paramsIn === 'query') this.removeAt(draft, path);
      draft.rawQuery.push(...values.map((value) => `${key}=${percentEncode(value)}`));
      draft.notes.push(`${key}=${preview(values[0])}&${key}=${preview(values[1])}`);
      return;
    }
    this.setAt(draft, path, base);
    const parent = path.length > 1 ? this.objAt(draft.params, path.slice(0, -1)) : draft.params;
    parent?.add(path[path.length - 1], other);
    draft.notes.push(`"${path.join('.')}" twice in the JSON, then ${preview(toJson(other))}`);
  }

  badEncoding(draft: Draft): void {
    const json = toJson(draft.params);
    const base64 = (text: string) => Buffer.from(text).toString('base64');
    const bodies: Array<[string, string, string]> = draft.route.sensitive
      ? [
          ['plain JSON as application/json', json, 'application/json'],
          ['plain JSON as text/plain', json, 'text/plain'],
          ['characters outside base64', `${base64(json).slice(0, 20)}$%^&*`, 'text/plain'],
          ['impossible base64 length', `${base64(json)}A`.replace(/=+A$/, 'A'), 'text/plain'],
          ['padding in the middle', `${base64(json).slice(0, 8)}==${base64(json).slice(8)}`, 'text/plain'],
          ['base64 of non-JSON', base64(`email=${this.rng.word(6)}&password=x`), 'text/plain'],
          ['base64 of bytes that are not UTF-8', Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0x7b]).toString('base64'), 'text/plain'],
          ['base64 of {}', base64('{}'), 'text/plain'],
          ['base64 of []', base64('[]'), 'text/plain'],
          ['base64 of a string', base64('"params"'), 'text/plain'],
          ['base64 of null', base64('null'), 'text/plain'],
          ['base64 of truncated JSON', base64(json.slice(0, Math.max(1, json.length - 3))), 'text/plain'],
          ['base64 twice', base64(base64(json)), 'text/plain'],
          ['base64url', Buffer.from(json).toString('base64url'), 'text/plain'],
          ['base64 with line breaks', base64(json).replace(/(.{20})/g, '$1\r\n'), 'text/plain'],
          ['a data: URL', `data:text/plain;base64,${base64(json)}`, 'text/plain'],
          ['base64 with a BOM inside', base64(`\ufeff${json}`), 'text/plain'],
          ['whitespace only', '   \n\t ', 'text/plain'],
          ['base64 of JSON with NUL', base64(json.replace(/}$/, ',"x":"\u0000"}')), 'text/plain'],
        ]
      : [
          ['base64 of JSON', base64(json), 'text/plain'],
          ['truncated JSON', json.slice(0, Math.max(1, json.length - 2)), 'application/json'],
          ['trailing comma', json.replace(/}$/, ',}'), 'application/json'],
          ['a comment', `/* x */${json}`, 'application/json'],
          ['single quotes', json.replace(/"/g, "'"), 'application/json'],
          ['NaN literal', '{"id":NaN}', 'application/json'],
          ['trailing garbage', `${json}garbage`, 'text/plain'],
          ['two documents', `${json}${json}`, 'application/json'],
          ['whitespace only', '   \n ', 'application/json'],
          ['raw NUL byte', `{"id":1\u0000}`, 'application/json'],
          ['a BOM first', `\ufeff${json}`, 'application/json'],
          ['form encoding as JSON', 'id=1&client_id=2', 'application/json'],
          ['unterminated string', '{"id":"1', 'text/plain'],
        ];
    const [label, text, contentType] = this.rng.pick(bodies);
    draft.body = { text, base64: false, contentType };
    draft.notes.push(label);
  }

  contentType(draft: Draft): void {
    const contentType = this.rng.pick<string | null>([
      null,
      '',
      'application/xml',
      'text/html',
      'multipart/form-data; boundary=x',
      'application/x-www-form-urlencoded',
      'application/json-patch+json',
      'application/vnd.api+json',
      'application/json; charset=klingon',
      'application/json; charset=latin1',
      'text/plain; charset=utf-16le',
      'APPLICATION/JSON',
      ' application/json ',
      'application/json;;;',
      'text/plain;charset="utf-8"',
      '*/*',
      'application/*',
      `application/json; ${'x'.repeat(this.rng.int(100, 3000))}=1`,
      'application/octet-stream',
      'text/plain; charset=us-ascii',
    ]);
    const json = toJson(draft.params);
    const text = contentType === 'application/x-www-form-urlencoded' ? 'id=1&client_id=2' : draft.route.sensitive && this.rng.chance(0.7) ? Buffer.from(json).toString('base64') : json;
    draft.body = { text, base64: false, contentType };
    if (this.rng.chance(0.15)) {
      draft.body.chunked = true;
      draft.notes.push('chunked');
    }
    if (this.rng.chance(0.2)) {
      const encoding = this.rng.pick(['gzip', 'deflate', 'br', 'identity', 'gzip, gzip', 'x-unknown']);
      draft.headers['content-encoding'] = encoding;
      draft.notes.push(`Content-Encoding: ${encoding}`);
    }
    draft.notes.push(`Content-Type: ${contentType === null ? '(none)' : preview(JSON.stringify(contentType))}`);
  }

  hugeBody(draft: Draft): void {
    const over = this.rng.chance(0.2);
    const target = over ? this.rng.int(BODY_LIMIT + 1, 3 * BODY_LIMIT) : this.rng.int(50_000, BODY_LIMIT - 2_000);
    // Base64 is 4/3 of its JSON: aim the JSON so the body lands at the target size.
    const base64 = draft.route.sensitive && this.rng.chance(0.85);
    const jsonBudget = base64 ? Math.floor((target * 3) / 4) : target;
    const form = this.rng.pick(['many ints', 'many keys', 'long string', 'many objects']);
    // A route that reads the query still gets its huge body: decoding it is what is under test.
    const params = draft.route.paramsIn === 'body' ? draft.params : new Obj();
    const filler = (room: number): Value => {
      switch (form) {
        case 'many ints':
          return new Raw(`[${Array.from({ length: Math.max(1, Math.floor(room / 11)) }, (_, i) => 1_000_000_000 + i).join(',')}]`);
        case 'many keys':
          return new Raw(`{${Array.from({ length: Math.max(1, Math.floor(room / 14)) }, (_, i) => `"k${i + 100_000}":1`).join(',')}}`);
        case 'many objects':
          return new Raw(`[${Array(Math.max(1, Math.floor(room / 3))).fill('{}').join(',')}]`);
        default:
          return 'x'.repeat(Math.max(1, room - 2));
      }
    };
    const name = this.target(draft, form === 'long string' ? ['string'] : ['array', 'object']).path[0];
    params.set(name, null);
    const room = jsonBudget - toJson(params).length;
    params.set(name, filler(room));
    const text = toJson(params);
    draft.body = { text, base64, contentType: base64 || this.rng.chance(0.3) ? 'text/plain' : 'application/json' };
    draft.notes.push(`${Math.round(target / 1024)} KiB body (${form} in ${name})${over ? ', over the limit' : ''}`);
  }

  badToken(draft: Draft): void {
    const valid = this.roleFor(draft.route);
    const validToken = this.fixtures.tokens[valid];
    const form = this.rng.weighted({ garbage: 5, foreign: 3, nearMiss: 3, shape: 2, scheme: 2, conflict: 2, secretNamed: 2 });
    draft.placement = this.rng.weighted({ bearer: 6, query: 2, body: 2 });
    switch (form) {
      case 'garbage': {
        const garbage = garbageToken(this.rng, 11_000);
        this.useLiteral(draft, garbage);
        draft.notes.push(`${garbage.label} token`);
        return;
      }
      case 'foreign': {
        const kinds: Array<[string, string]> = [
          ...this.fixtures.foreignTokens.map((token, i) => [`foreign token #${i}`, token] as [string, string]),
          ['capture application token', this.fixtures.tokens.capture],
          ['session token', this.fixtures.tokens[this.rng.pick(SESSION_ROLES)]],
        ];
        const [label, value] = this.rng.pick(kinds);
        this.useLiteral(draft, { value, headerSafe: true });
        draft.notes.push(`${label} (maybe the wrong kind for this route)`);
        return;
      }
      case 'nearMiss': {
        const index = this.rng.int(0, validToken.length - 1);
        const flipped = `${validToken.slice(0, index)}${validToken[index] === 'A' ? 'B' : 'A'}${validToken.slice(index + 1)}`;
        const [label, value] = this.rng.pick<[string, string]>([
          ['one character changed', flipped],
          ['upper-cased', validToken.toUpperCase()],
          ['its SHA-256 (what the database stores)', createHash('sha256').update(validToken).digest('hex')],
          ['truncated', validToken.slice(0, 40)],
          ['with a character appended', `${validToken}A`],
          ['standard base64 instead of base64url', validToken.replace(/-/g, '+').replace(/_/g, '/')],
          ['padded', `${validToken}=`],
        ]);
        this.useLiteral(draft, { value, headerSafe: true });
        draft.notes.push(`valid ${valid} token ${label}`);
        return;
      }
      case 'shape': {
        const shape = this.rng.pick<[string, Value]>([
          ['an array', [validToken, 'x']],
          ['an object', Obj.of({ $ne: null })],
          ['a number', 12345],
          ['true', true],
          ['null', null],
          ['empty', ''],
          ['whitespace', '   '],
        ]);
        if (draft.route.paramsIn === 'query' && !(shape[1] instanceof Obj)) draft.query.set('token', shape[1]);
        else if (draft.route.paramsIn === 'query') draft.rawQuery.push('token[$ne]=null');
        else draft.params.set('token', shape[1]);
        draft.placement = 'none';
        draft.notes.push(`token param is ${shape[0]}`);
        return;
      }
      case 'scheme': {
        const header = this.rng.pick([
          `Basic ${Buffer.from(`admin:${this.rng.word(12)}`).toString('base64')}`,
          'Bearer',
          'Bearer ',
          `Bearer  ${TOKEN_SLOT.header}  extra`,
          `bearer ${TOKEN_SLOT.header}`,
          `Token ${TOKEN_SLOT.header}`,
          `${TOKEN_SLOT.header}`,
          `Bearer ${TOKEN_SLOT.header},Bearer ${TOKEN_SLOT.header}`,
          `Bearer\t${TOKEN_SLOT.header}`,
          `Bearer ${'A'.repeat(12_000)}`,
        ]);
        this.useRole(draft, valid);
        draft.placement = 'bearer';
        draft.authorization = header;
        draft.notes.push(`Authorization: ${preview(header.replace(TOKEN_SLOT.header, '<valid>').replace(TOKEN_SLOT.header, '<valid>'))}`);
        return;
      }
      case 'secretNamed': {
        // Log redaction goes by pattern, not by exact name (CONTRACT.md §12): any key with token,
        // pass, secret, key, code or authorization in it is a secret in the query string.
        const key = this.rng.pick(['access_token', 'Token', 'TOKEN', 'session_token', 'auth_token', 'api_key', 'apiKey', 'passwd', 'pass', 'client_secret', 'password', 'Authorization', 'refresh_token', 'auth_code', 'search[token]']);
        draft.placement = 'none';
        if (/pass/i.test(key)) {
          draft.rawQuery.push(`${key}=${percentEncode(this.password())}`);
        } else if (this.rng.chance(0.6)) {
          this.useRole(draft, valid);
          draft.rawQuery.push(`${key}=${TOKEN_SLOT.query}`);
        } else {
          const value = this.rng.tokenLike();
          this.secrets.add(value);
          draft.rawQuery.push(`${key}=${value}`);
        }
        draft.notes.push(`a secret in the query as ${key}`);
        return;
      }
      case 'conflict': {
        // The header wins over the param (CONTRACT.md §1): valid header + garbage param, and the reverse.
        this.useRole(draft, valid);
        if (this.rng.chance(0.5)) {
          draft.placement = 'bearer';
          draft.query.set('token', this.rng.tokenLike());
          draft.notes.push('valid Authorization, garbage token param');
        } else {
          draft.placement = 'query';
          draft.headers.authorization = `Bearer ${this.rng.tokenLike()}`;
          draft.notes.push('garbage Authorization, valid token param');
        }
        return;
      }
    }
  }

  wellFormed(draft: Draft): void {
    const route = draft.route;
    if (route.path.endsWith('/sessions/create')) {
      const right = this.rng.chance(0.5);
      draft.params = Obj.of({
        email: this.fixtures.signIn.email,
        password: right ? this.fixtures.signIn.password : this.password(),
        application: this.rng.pick(['planoauth', 'planoorder', 'capture']),
      });
      draft.notes.push(right ? 'sign-in' : 'sign-in, wrong password');
      return;
    }
    draft.params = this.baseParams(route.params, draft, this.rng.chance(0.3));
    draft.notes.push('well-formed params');
  }

  // ---- the finished request -----------------------------------------------------------------

  private finish(index: number, category: HostileCategory, draft: Draft): HostileRequest {
    const headers = { ...draft.headers };
    const pieces: string[] = [];
    let body: HostileRequest['body'];
    let placement = draft.placement;
    if (placement === 'body' && (draft.body || draft.route.paramsIn === 'query')) placement = 'query';
    if (placement === 'body') draft.params.set('token', TOKEN_SLOT.json);

    if (draft.route.paramsIn === 'query') pieces.push(...toQueryPieces(draft.params, draft.arrayStyle));
    pieces.push(...toQueryPieces(draft.query, draft.arrayStyle), ...draft.rawQuery);
    if (placement === 'query') pieces.push(`token=${TOKEN_SLOT.query}`);
    if (placement === 'bearer') headers.authorization = draft.authorization ?? `Bearer ${TOKEN_SLOT.header}`;

    if (draft.body) {
      body = { text: draft.body.text, base64: draft.body.base64, bytes: draft.body.bytes ?? 'utf8', chunked: draft.body.chunked };
      if (draft.body.contentType !== null) headers['content-type'] = draft.body.contentType;
    } else if (draft.route.paramsIn === 'body') {
      const base64 = draft.base64 ?? draft.route.sensitive;
      body = { text: toJson(draft.params), base64, bytes: 'utf8' };
      const contentType = draft.contentType !== undefined ? draft.contentType : base64 ? 'text/plain' : this.rng.pick(['application/json', 'text/plain', 'application/json; charset=utf-8']);
      if (contentType !== null) headers['content-type'] = contentType;
    }

    const target = pieces.length > 0 ? `${draft.path}?${pieces.join('&')}` : draft.path;
    const head = target.length + JSON.stringify(headers).length;
    if (head > HEAD_BUDGET) {
      // Node refuses a request head over 16 KiB before the app sees it; that is the raw-HTTP test's case, not this one's.
      throw new Error(`hostile corpus: request #${index} (${category}) has a ${head}-byte head, over ${HEAD_BUDGET}`);
    }
    const token = placement === 'none' && !JSON.stringify(headers).includes(TOKEN_SLOT.header) && !pieces.some((piece) => piece.includes(TOKEN_SLOT.query)) ? undefined : draft.token;
    return {
      index,
      category,
      route: draft.route.key,
      description: draft.notes.join('; ') || category,
      method: draft.method,
      target,
      headers,
      body,
      token,
      validRole: token ? draft.validRole : undefined,
    };
  }

  private removeAt(draft: Draft, path: string[]): void {
    (path.length > 1 ? this.objAt(draft.params, path.slice(0, -1)) : draft.params)?.delete(path[path.length - 1]);
  }

  private objAt(root: Obj, path: string[]): Obj | undefined {
    let node: Obj | undefined = root;
    for (const key of path) {
      const child: Value | undefined = node?.get(key);
      node = child instanceof Obj ? child : undefined;
    }
    return node;
  }
}

const CATEGORY_BUILDERS: Record<HostileCategory, (this: Generator, draft: Draft) => void> = {
  'huge-integer': Generator.prototype.hugeInteger,
  'extreme-number': Generator.prototype.extremeNumber,
  'negative-number': Generator.prototype.negativeNumber,
  float: Generator.prototype.float,
  'numeric-string': Generator.prototype.numericString,
  'control-characters': Generator.prototype.controlCharacters,
  'unicode-oddity': Generator.prototype.unicodeOddity,
  'long-string': Generator.prototype.longString,
  'deep-json': Generator.prototype.deepJson,
  'wrong-shape': Generator.prototype.wrongShape,
  'bogus-view': Generator.prototype.bogusView,
  'prototype-pollution': Generator.prototype.prototypePollution,
  'odd-path': Generator.prototype.oddPath,
  'duplicate-param': Generator.prototype.duplicateParam,
  'bad-encoding': Generator.prototype.badEncoding,
  'content-type': Generator.prototype.contentType,
  'huge-body': Generator.prototype.hugeBody,
  'bad-token': Generator.prototype.badToken,
  'well-formed': Generator.prototype.wellFormed,
};

/** A value cut short and stripped of control characters, for a one-line description. */
function preview(text: string, max = 48): string {
  const safe = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return safe.length > max ? `${safe.slice(0, max)}…(${text.length})` : safe;
}
