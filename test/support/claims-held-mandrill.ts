import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/**
 * A Mandrill stand-in that takes a send and holds its answer until told to release it: a request
 * whose welcome email goes through it stays in flight, in the middle of its handler, for exactly
 * as long as a test needs (test/support/mandrill-stand-in.ts answers at once or never).
 */
export class HeldMandrill {
  /** Resolves when the first send has arrived (and is being held). */
  readonly arrived: Promise<void>;
  private signalArrived!: () => void;
  private releaseHeld!: () => void;
  private readonly released = new Promise<void>((resolve) => (this.releaseHeld = resolve));
  private server?: Server;
  private port = 0;

  constructor() {
    this.arrived = new Promise<void>((resolve) => (this.signalArrived = resolve));
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}/api/1.3`;
  }

  async start(): Promise<void> {
    this.server = createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
  }

  /** Lets every held send (and any later one) be answered `sent`. */
  release(): void {
    this.releaseHeld();
  }

  async stop(): Promise<void> {
    this.release();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let text = '';
    for await (const chunk of request) text += chunk;
    const body = JSON.parse(text || '{}') as { message?: { to?: Array<{ email: string }> } };
    this.signalArrived();
    await this.released;
    const recipients = body.message?.to ?? [];
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify(recipients.map((to, i) => ({ email: to.email, status: 'sent', _id: `held${i}`, reject_reason: null }))));
  }
}
