import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import supertest from 'supertest';
import { replayedHeaders } from './static-headers.js';

const HELMET_OPTIONS = { contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } };

async function headersOf(middleware: express.RequestHandler): Promise<Record<string, unknown>> {
  const app = express();
  app.use(middleware);
  app.get('/', (_request, response) => void response.json({ ok: true }));
  const { headers } = await supertest(app).get('/');
  const { date: _date, etag: _etag, ...stable } = headers;
  return stable;
}

describe('replayedHeaders', () => {
  it("sets exactly helmet's headers, X-Powered-By removed included", async () => {
    const replayed = await headersOf(replayedHeaders(helmet(HELMET_OPTIONS)));
    expect(replayed).toEqual(await headersOf(helmet(HELMET_OPTIONS)));
    expect(replayed['content-security-policy']).toContain("default-src 'self'");
    expect(replayed['x-powered-by']).toBeUndefined();
  });

  it('refuses at start a middleware whose headers depend on the request', () => {
    const perRequest = (request: Request, response: Response, next: NextFunction) => {
      response.setHeader('X-Seen', request.method);
      next();
    };
    expect(() => replayedHeaders(perRequest)).toThrow(/read request\.method/);
  });

  it('refuses at start a middleware that does not pass on at once', () => {
    expect(() => replayedHeaders((_request, _response, _next) => undefined)).toThrow(/did not call next\(\) at once/);
  });
});
