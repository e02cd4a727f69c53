import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import express from 'express';
import supertest from 'supertest';
import { expressMessageClasses } from './express-messages.js';

describe('expressMessageClasses', () => {
  it('makes requests and responses that carry the app’s Express methods and are still Node’s own', async () => {
    const app = express();
    app.set('trust proxy', true);
    const classes = expressMessageClasses(app);
    const seen: unknown[] = [];
    const server = createServer(classes, (request, response) => {
      const req = request as express.Request;
      const res = response as unknown as express.Response;
      req.res = res; // what Express's app.handle (or the adapter's dispatch) sets, besides the prototypes
      seen.push(request instanceof IncomingMessage, response instanceof ServerResponse, req.app === app, req.path, req.ip, Object.getPrototypeOf(request) !== app.request);
      res.status(201).json({ query: req.query });
    });
    try {
      const response = await supertest(server).get('/a/b?c=1').set('x-forwarded-for', '203.0.113.9');
      expect(response.status).toBe(201);
      expect(response.body).toEqual({ query: { c: '1' } });
      // req.ip reads the app's own settings: the prototypes are this app's, not Express's defaults.
      expect(seen).toEqual([true, true, true, '/a/b', '203.0.113.9', true]);
    } finally {
      server.close();
    }
  });

  it('gives each app classes of its own', () => {
    const first = expressMessageClasses(express());
    const second = expressMessageClasses(express());
    expect(first.IncomingMessage).not.toBe(second.IncomingMessage);
    expect(first.ServerResponse).not.toBe(second.ServerResponse);
  });
});
