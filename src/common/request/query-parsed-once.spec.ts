import express, { type Request } from 'express';
import { queryParsedOnce } from './query-parsed-once.js';

/** A request of an Express app with the app's extended parser counted, as the app configures it. */
function requestOf(url: string) {
  const app = express();
  app.set('query parser', 'extended');
  const parser = app.get('query parser fn') as (query: string) => unknown;
  const parses: string[] = [];
  app.set('query parser fn', (query: string) => {
    parses.push(query);
    return parser(query);
  });
  const request = Object.create(app.request) as Request;
  Object.assign(request, { app, url, method: 'GET', headers: {} });
  return { request, parses };
}

describe('queryParsedOnce', () => {
  it('parses the query string once, however often it is read afterwards', () => {
    const { request, parses } = requestOf('/api/v1/xso/capture_client?client_id=1&search[term]=acme');
    queryParsedOnce(request, {} as never, () => undefined);
    for (let read = 0; read < 4; read += 1) expect(request.query).toEqual({ client_id: '1', search: { term: 'acme' } });
    expect(parses).toEqual(['client_id=1&search[term]=acme']);
  });

  it('without it, Express parses on every read (what the stage is for)', () => {
    const { request, parses } = requestOf('/?client_id=1');
    void request.query;
    void request.query;
    expect(parses).toHaveLength(2);
  });

  it('calls next once, and keeps an empty query an empty object', () => {
    const { request } = requestOf('/health');
    let nexts = 0;
    queryParsedOnce(request, {} as never, () => (nexts += 1));
    expect(nexts).toBe(1);
    expect(request.query).toEqual({});
  });
});
