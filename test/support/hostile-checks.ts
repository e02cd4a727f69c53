import { STATUS_CATALOGUE, isStatusSlug } from '../../src/common/status/status-catalogue.js';
import { ENVELOPE_KEYS } from './envelope.js';
import type { HostileResponse } from './hostile-http.js';

/** What the hostile corpus asserts of each response and of the log, as reusable predicates. */

/** Why a response is not a catalogue envelope (CONTRACT.md §2, §3), or null when it is one. */
export function envelopeProblem(response: HostileResponse): string | null {
  if (response.http === 0) return `no response (${response.error ?? 'unknown'})`;
  const body = response.json;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return `HTTP ${response.http}, not a JSON envelope: ${JSON.stringify(response.text.slice(0, 80))}`;
  }
  const envelope = body as Record<string, unknown>;
  const keys = Object.keys(envelope).sort();
  if (keys.join() !== ENVELOPE_KEYS.join()) return `HTTP ${response.http}, envelope keys ${JSON.stringify(keys)}`;
  if (!isStatusSlug(envelope.status)) return `HTTP ${response.http}, status ${JSON.stringify(envelope.status)} is not in the catalogue`;
  const expected = STATUS_CATALOGUE[envelope.status].httpStatus;
  if (response.http !== expected) return `${envelope.status} with HTTP ${response.http}, the catalogue says ${expected}`;
  if (typeof envelope.request_id !== 'string' || envelope.request_id.length === 0) return `${envelope.status} without a request_id`;
  if (response.headers['x-request-id'] !== envelope.request_id) return `${envelope.status}: request_id differs from X-Request-Id`;
  return null;
}

export function statusOf(response: HostileResponse): string {
  if (response.http === 0) return '(no response)';
  const status = (response.json as { status?: unknown } | undefined)?.status;
  return typeof status === 'string' ? status : `(HTTP ${response.http}, no envelope)`;
}

/**
 * Things no response may carry (CONTRACT.md §2): a stack trace, SQL naming a table, a source
 * path, a password hash, or any secret the corpus sent.
 */
export class LeakDetector {
  private readonly patterns: Array<[string, RegExp]>;

  /** Secrets by their first characters: thousands of them are looked for in thousands of responses. */
  private readonly secretsByPrefix = new Map<string, string[]>();

  constructor(tableNames: readonly string[], secrets: readonly string[]) {
    for (const secret of secrets) {
      for (const form of new Set([secret, jsonEscaped(secret)])) {
        if (form.length < PREFIX) throw new Error(`a secret shorter than ${PREFIX} characters cannot be traced: ${form.length}`);
        const prefix = form.slice(0, PREFIX);
        this.secretsByPrefix.set(prefix, [...(this.secretsByPrefix.get(prefix) ?? []), form]);
      }
    }
    const tables = tableNames.map((name) => name.replace(/[^\w]/g, '')).join('|');
    this.patterns = [
      ['a stack trace', / {4}at /],
      ['SQL', new RegExp(`\\bSELECT\\b[\\s\\S]{1,300}?\\bFROM\\s+["\`]?(${tables})\\b`, 'i')],
      ['SQL', new RegExp(`\\bINSERT\\s+INTO\\s+["\`]?(${tables})\\b`, 'i')],
      ['SQL', new RegExp(`\\bUPDATE\\s+["\`]?(${tables})["\`]?\\s+SET\\b`, 'i')],
      ['SQL', new RegExp(`\\bDELETE\\s+FROM\\s+["\`]?(${tables})\\b`, 'i')],
      ['a file path', /\/src\/|\.ts:\d|\.ts:|node_modules/],
      ['a password hash', /\$argon2/],
    ];
  }

  /** The kinds of leak found in `text`, empty when it is clean. */
  leaksIn(text: string): string[] {
    const found = this.patterns.filter(([, pattern]) => pattern.test(text)).map(([label]) => label);
    if (this.hasSecret(text)) found.push('a token or password the corpus sent');
    return [...new Set(found)];
  }

  private hasSecret(text: string): boolean {
    for (let at = 0; at + PREFIX <= text.length; at += 1) {
      const candidates = this.secretsByPrefix.get(text.slice(at, at + PREFIX));
      if (candidates?.some((secret) => text.startsWith(secret, at))) return true;
    }
    return false;
  }
}

const PREFIX = 8;

function jsonEscaped(secret: string): string {
  return JSON.stringify(secret).slice(1, -1);
}

/** The secret as sent, or as a JSON string would carry it (a log line, an envelope). */
export function containsSecret(text: string, secret: string): boolean {
  return text.includes(secret) || text.includes(jsonEscaped(secret));
}

/** A capped, readable list for a failure message. */
export function listed(lines: readonly string[], cap = 40): string {
  if (lines.length === 0) return '(none)';
  const shown = lines.slice(0, cap).map((line) => `  - ${line}`);
  if (lines.length > cap) shown.push(`  … and ${lines.length - cap} more`);
  return `${lines.length}:\n${shown.join('\n')}`;
}

/** `GET /api/v1/x?…` shortened for a report line; the full target is long for some categories. */
export function describeRequest(response: HostileResponse): string {
  const { method, target, category, description, route } = response.request;
  const shown = target.length > 90 ? `${target.slice(0, 90)}…` : target;
  const aimed = target.split('?', 1)[0] === route.split(' ')[1] && method === route.split(' ')[0] ? '' : ` (aimed at ${route})`;
  return `#${response.request.index} ${method} ${shown}${aimed} [${category}: ${description}] → ${statusOf(response)}`;
}
