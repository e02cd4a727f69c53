import { connect } from 'node:net';

/**
 * HTTP spoken by hand over a TCP socket, for what no HTTP client will send: a garbage request
 * line, a NUL in a header, a body that stops halfway. The answer is read until the server closes
 * the connection (or `waitMs` passes), so a test sees both what was said and whether it hung up.
 */
export interface RawExchange {
  /** The parsed answer, or null when the server closed without saying anything. */
  readonly answer: RawAnswer | null;
  /** Whether the server closed the connection within `waitMs`. */
  readonly closed: boolean;
  /** Milliseconds from the last byte sent until the close (or until giving up). */
  readonly ms: number;
}

export interface RawAnswer {
  readonly http: number;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface RawOptions {
  /** How long to wait for the server to close before giving up (the exchange then says closed: false). */
  readonly waitMs?: number;
}

/** Bytes to send in order; a number is a pause of that many milliseconds between two writes. */
export type RawPart = string | Buffer | number;

/** Sends the parts and waits for the server to answer and close. The socket is never half-closed by us. */
export function exchangeRaw(url: string, parts: RawPart | RawPart[], options: RawOptions = {}): Promise<RawExchange> {
  const { hostname, port } = new URL(url);
  const waitMs = options.waitMs ?? 10_000;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let sentAt = 0;
    const socket = connect({ host: hostname, port: Number(port) }, () => {
      void sendInOrder(Array.isArray(parts) ? parts : [parts]).then(() => {
        sentAt = performance.now();
      });
    });
    const sendInOrder = async (queue: RawPart[]) => {
      for (const part of queue) {
        if (socket.destroyed) return;
        if (typeof part === 'number') await new Promise((resolve) => setTimeout(resolve, part));
        else await new Promise((resolve) => socket.write(part, resolve));
      }
    };
    const finish = (closed: boolean) => {
      clearTimeout(giveUp);
      socket.destroy();
      resolve({ answer: parseAnswer(Buffer.concat(chunks)), closed, ms: performance.now() - (sentAt || performance.now()) });
    };
    const giveUp = setTimeout(() => finish(false), waitMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    // A reset after the answer (the server closing while our bytes were still unread) still counts as a close.
    socket.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' || error.code === 'EPIPE' ? undefined : reject(error)));
    socket.on('close', () => finish(true));
  });
}

/** A request head with CRLF line ends, ready to send; `body` follows the blank line as is. */
export function rawRequest(requestLine: string, headers: ReadonlyArray<string>, body = ''): string {
  return `${[requestLine, ...headers].join('\r\n')}\r\n\r\n${body}`;
}

/** The answer's body read as a JSON envelope; undefined when there is no answer or its body is not JSON. */
export function envelopeOf(answer: RawAnswer | null | undefined): Record<string, unknown> | undefined {
  try {
    return JSON.parse(answer?.body ?? '') as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

function parseAnswer(raw: Buffer): RawAnswer | null {
  const text = raw.toString('latin1');
  const headEnd = text.indexOf('\r\n\r\n');
  if (headEnd < 0) return null;
  const [statusLine, ...headerLines] = text.slice(0, headEnd).split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const body = raw.subarray(Buffer.byteLength(text.slice(0, headEnd + 4), 'latin1')).toString('utf8');
  return { http: Number(statusLine.split(' ')[1]), headers, body };
}
