import express, { type Request, type Response } from 'express';
import supertest from 'supertest';
import { writeJson } from './json-response.js';

/** Bodies with what JSON may have to escape or encode: non-ASCII (byte length ≠ string length), quotes, control characters, line separators. */
const BODIES: unknown[] = [
  { status: 'action-successful', data: { name: 'Zoë Łukasiewicz — 東京', quote: '"x"\\', control: '\u0001\n', separators: '\u2028\u2029' }, request_id: 'r' },
  { status: 'invalid-param', errors: [{ param: 'id', message: 'must be an integer' }], data: null },
  { long: 'x'.repeat(5000) }, // past the size at which Express turns the body into a Buffer first
];

/** What a client sees of an answer: status, body bytes, and the headers that describe the body. */
async function seen(write: (response: Response, status: number, body: unknown) => void, method: 'get' | 'head', status: number, body: unknown) {
  const app = express();
  app.set('etag', false); // as the platform runs Express (app.setup.ts)
  app.use((_request: Request, response: Response) => write(response, status, body));
  const answer = await supertest(app)[method]('/').buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  });
  return {
    status: answer.status,
    body: Buffer.isBuffer(answer.body) ? answer.body.toString('utf8') : '', // a HEAD answer has none to parse
    contentType: answer.headers['content-type'],
    contentLength: answer.headers['content-length'],
    etag: answer.headers.etag,
  };
}

const expressJson = (response: Response, status: number, body: unknown) => void response.status(status).json(body);

describe('writeJson', () => {
  it.each(BODIES.flatMap((body) => [200, 404, 500].map((status) => [status, body] as const)))('answers %i with the bytes and headers Express’s res.status().json() writes', async (status, body) => {
    expect(await seen(writeJson, 'get', status, body)).toEqual(await seen(expressJson, 'get', status, body));
  });

  it('answers HEAD with the headers of GET and no body, as Express does', async () => {
    const head = await seen(writeJson, 'head', 200, BODIES[0]);
    expect(head).toEqual(await seen(expressJson, 'head', 200, BODIES[0]));
    expect(head.body).toBe('');
    expect(head.contentLength).toBe(String(Buffer.byteLength(JSON.stringify(BODIES[0]))));
  });
});
