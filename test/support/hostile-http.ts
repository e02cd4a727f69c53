import http from 'node:http';
import net from 'node:net';
import { percentEncode } from './hostile-json.js';
import { TOKEN_SLOT, type HostileRequest } from './hostile-corpus.js';

/**
 * Sends the hostile corpus over plain node:http: unlike fetch it sends a path exactly as written
 * (`/api/v1/../health` is not resolved, `%2e%2e` is not decoded), and lets a request go without a
 * Content-Type or with two Authorization headers.
 */

export interface HostileResponse {
  readonly request: HostileRequest;
  /** 0 when no response came back (the connection failed or timed out). */
  readonly http: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly text: string;
  /** The parsed body, when it was JSON. */
  readonly json: unknown;
  /** Why there is no response, when there is none. */
  readonly error?: string;
  /** The token actually sent, when there was one. */
  readonly token?: string;
}

export interface SendOptions {
  readonly baseUrl: string;
  readonly concurrency: number;
  /** The value of the request's token reference (a shared token, a throwaway session's, a literal). */
  readonly tokenFor: (request: HostileRequest) => string | undefined;
  readonly timeoutMs?: number;
}

export async function sendAll(requests: readonly HostileRequest[], options: SendOptions): Promise<HostileResponse[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency });
  const results: HostileResponse[] = new Array(requests.length);
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const index = next;
      next += 1;
      results[index] = await sendOne(requests[index], options, agent);
    }
  };
  try {
    await Promise.all(Array.from({ length: options.concurrency }, worker));
  } finally {
    agent.destroy();
  }
  return results;
}

function sendOne(request: HostileRequest, options: SendOptions, agent: http.Agent): Promise<HostileResponse> {
  const token = options.tokenFor(request);
  const fill = (text: string, slot: string, value: string) => (token === undefined ? text : text.split(slot).join(value));
  const target = fill(request.target, TOKEN_SLOT.query, percentEncode(token ?? ''));
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    headers[name] = Array.isArray(value) ? value.map((item) => fill(item, TOKEN_SLOT.header, token ?? '')) : fill(value, TOKEN_SLOT.header, token ?? '');
  }
  let body: Buffer | undefined;
  if (request.body) {
    const text = fill(request.body.text, TOKEN_SLOT.json, JSON.stringify(token ?? '').slice(1, -1));
    body = request.body.base64 ? Buffer.from(Buffer.from(text).toString('base64')) : Buffer.from(text, request.body.bytes);
    // Said explicitly: Node's client does not chunk a GET's body on its own, it would send it unframed.
    if (request.body.chunked) headers['transfer-encoding'] = 'chunked';
    else headers['content-length'] = String(body.length);
  }
  const url = new URL(options.baseUrl);
  return new Promise((resolve) => {
    let settled = false;
    const done = (response: Omit<HostileResponse, 'request' | 'token'>) => {
      if (settled) return;
      settled = true;
      resolve({ request, token, ...response });
    };
    let outgoing: http.ClientRequest;
    try {
      outgoing = http.request(
      { host: url.hostname, port: url.port, method: request.method, path: target, headers, agent, timeout: options.timeoutMs ?? 20_000 },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('error', (error) => done({ http: 0, headers: {}, text: '', json: undefined, error: error.message }));
        incoming.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          done({ http: incoming.statusCode ?? 0, headers: incoming.headers, text, json: parseJson(text) });
        });
      },
    );
    } catch (error) {
      // Node's client refused to send it (an invalid header or path): a bug of the corpus, reported as such.
      return done({ http: 0, headers: {}, text: '', json: undefined, error: `not sent: ${(error as Error).message}` });
    }
    outgoing.on('timeout', () => outgoing.destroy(new Error('no response within the timeout')));
    outgoing.on('error', (error) => done({ http: 0, headers: {}, text: '', json: undefined, error: error.message }));
    if (body && request.body?.chunked) {
      // Several writes, so there are several chunks.
      const third = Math.ceil(body.length / 3);
      outgoing.write(body.subarray(0, third));
      outgoing.write(body.subarray(third, 2 * third));
      outgoing.end(body.subarray(2 * third));
    } else if (body) {
      outgoing.end(body);
    } else {
      outgoing.end();
    }
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export interface RawResponse {
  readonly statusLine: string;
  readonly headers: Record<string, string>;
  readonly text: string;
  readonly json: unknown;
  /** Whether the server closed the connection (rather than the wait running out). */
  readonly closed: boolean;
}

/**
 * Writes bytes straight onto a TCP connection (for requests Node's HTTP client refuses to send)
 * and reads until the server closes it or `timeoutMs` passes.
 */
export function sendRaw(baseUrl: string, bytes: Buffer, timeoutMs = 5_000): Promise<RawResponse> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: url.hostname, port: Number(url.port) });
    const chunks: Buffer[] = [];
    let finished = false;
    const finish = (closed: boolean) => {
      if (finished) return;
      finished = true;
      socket.destroy();
      const raw = Buffer.concat(chunks).toString('utf8');
      const split = raw.indexOf('\r\n\r\n');
      const head = split === -1 ? raw : raw.slice(0, split);
      const [statusLine = '', ...headerLines] = head.split('\r\n');
      const headers = Object.fromEntries(
        headerLines.map((line) => [line.slice(0, line.indexOf(':')).trim().toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
      );
      let text = split === -1 ? '' : raw.slice(split + 4);
      if (headers['transfer-encoding']?.includes('chunked')) text = dechunk(text);
      resolve({ statusLine, headers, text, json: parseJson(text), closed });
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => {
      clearTimeout(timer);
      finish(true);
    });
    socket.on('error', (error) => {
      clearTimeout(timer);
      if (chunks.length > 0) finish(true);
      else reject(error);
    });
    socket.write(bytes);
  });
}

function dechunk(text: string): string {
  let out = '';
  let rest = text;
  for (;;) {
    const lineEnd = rest.indexOf('\r\n');
    if (lineEnd === -1) break;
    const size = parseInt(rest.slice(0, lineEnd), 16);
    if (!Number.isFinite(size) || size === 0) break;
    out += rest.slice(lineEnd + 2, lineEnd + 2 + size);
    rest = rest.slice(lineEnd + 2 + size + 2);
  }
  return out;
}
