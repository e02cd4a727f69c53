import http from 'node:http';
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
