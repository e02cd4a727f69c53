import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export type MandrillMode = 'sent' | 'http-500' | 'rejected' | 'invalid' | 'hang';

export interface MandrillRequest {
  readonly path: string;
  readonly body: Record<string, unknown>;
}

/**
 * A real HTTP server on 127.0.0.1 standing in for Mandrill's API: it records every request and
 * answers as told — sent, HTTP 500, a per-recipient `rejected` / `invalid`, or never (hang).
 */
export class MandrillStandIn {
  readonly requests: MandrillRequest[] = [];
  mode: MandrillMode = 'sent';
  private readonly hanging = new Set<ServerResponse>();
  private server?: Server;
  private port = 0;

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}/api/1.3`;
  }

  /** The environment of an app that sends through this stand-in, giving up on a call after `timeoutMs`. */
  env(timeoutMs: number, apiKey = 'md-test-key-never-logged'): Record<string, string> {
    return { EMAIL_TRANSPORT: 'mandrill', MANDRILL_API_KEY: apiKey, MANDRILL_BASE_URL: this.baseUrl, MANDRILL_TIMEOUT_MS: String(timeoutMs) };
  }

  async start(): Promise<void> {
    this.server = createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
  }

  /** Forgets the requests recorded so far and answers the next ones as `mode` says: each test starts clean. */
  reset(mode: MandrillMode = 'sent'): void {
    this.requests.length = 0;
    this.mode = mode;
  }

  /** Resolves once `count` requests have arrived (a request is in flight, not merely started). */
  async received(count: number, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.requests.length < count) {
      if (Date.now() > deadline) throw new Error(`the Mandrill stand-in got ${this.requests.length} of ${count} requests`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Answers every request left hanging so far, as `mode` says ('sent' or 'http-500'). */
  release(mode: 'sent' | 'http-500'): void {
    for (const response of this.hanging) {
      if (mode === 'sent') {
        response.writeHead(200, { 'Content-Type': 'application/json' });
        response.end(JSON.stringify([{ email: 'released@example.com', status: 'sent', _id: 'released', reject_reason: null }]));
      } else {
        response.writeHead(500, { 'Content-Type': 'application/json' });
        response.end(JSON.stringify({ status: 'error', code: -1, name: 'GeneralError', message: 'released as a failure' }));
      }
    }
    this.hanging.clear();
  }

  async stop(): Promise<void> {
    for (const response of this.hanging) response.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let text = '';
    for await (const chunk of request) text += chunk;
    this.requests.push({ path: request.url ?? '', body: JSON.parse(text || '{}') as Record<string, unknown> });
    const recipients = ((this.requests.at(-1)?.body.message as { to?: Array<{ email: string }> })?.to ?? []).map((to) => to.email);
    const answer = (status: number, body: unknown) => {
      response.writeHead(status, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    switch (this.mode) {
      case 'sent':
        return answer(200, recipients.map((email, i) => ({ email, status: 'sent', _id: `msg${i}`, reject_reason: null })));
      case 'rejected':
        return answer(200, recipients.map((email) => ({ email, status: 'rejected', _id: 'x', reject_reason: 'hard-bounce' })));
      case 'invalid':
        return answer(200, recipients.map((email) => ({ email, status: 'invalid', _id: 'x', reject_reason: null })));
      case 'http-500':
        return answer(500, { status: 'error', code: -1, name: 'GeneralError', message: 'Mandrill stand-in told to fail' });
      case 'hang':
        this.hanging.add(response); // never answered; destroyed on stop()
    }
  }
}
