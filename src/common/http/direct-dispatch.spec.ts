import type { NextFunction, Request, Response } from 'express';
import { DirectDispatch, type KnownLayers, type Layer } from './direct-dispatch.js';
import { StaticRouteTable } from './static-route-table.js';

type Handler = (...args: never[]) => unknown;

/** A layer as Express's router holds it: its handler, and whether it takes a path. */
const layer = (handle: Handler, matches: (path: string) => unknown = () => false): Layer => ({ handle, match: matches });

function setUp(build: (known: { steps: Set<Layer>; tables: Map<Layer, StaticRouteTable> }) => Layer[]) {
  const known = { hooks: undefined, steps: new Set<Layer>(), tables: new Map<Layer, StaticRouteTable>() };
  const stack = build(known);
  return DirectDispatch.of(stack, known satisfies KnownLayers);
}

/** Runs a GET of `path`; answers what each handler saw and how the final handler was reached. */
async function run(dispatch: DirectDispatch, path: string, seen: string[]): Promise<{ finished: boolean; error?: unknown; seen: string[] }> {
  return new Promise((resolve) => {
    dispatch.run({} as Request, {} as Response, 'GET', path, (_request, _response, error) => resolve({ finished: true, error }));
    // Handlers that answer end the run themselves: give them a turn, then report.
    setTimeout(() => resolve({ finished: false }), 20);
  }).then((outcome) => ({ ...(outcome as { finished: boolean; error?: unknown }), seen }));
}

describe('DirectDispatch', () => {
  it('runs the steps and the route found in a table, in the stack’s order, each passing on with next()', async () => {
    const seen: string[] = [];
    const table = new StaticRouteTable();
    table.add('GET', '/thing', (_request, _response, next) => (seen.push('route'), next()));
    const dispatch = setUp((known) => {
      const pipeline = layer((_request: never, _response: never, next: NextFunction) => (seen.push('pipeline'), next()));
      const tableLayer = layer(() => undefined);
      const notFound = layer((_request: never, _response: never, next: NextFunction) => (seen.push('not-found'), next()));
      known.steps.add(pipeline).add(notFound);
      known.tables.set(tableLayer, table);
      return [pipeline, tableLayer, notFound];
    });
    expect(dispatch.admits('/thing')).toBe(true);
    // Past the last layer, the final handler answers (Express's 404), without an error.
    expect(await run(dispatch, '/thing', seen)).toEqual({ finished: true, error: undefined, seen: ['pipeline', 'route', 'not-found'] });
  });

  it('hands an error, passed, thrown or rejected, to the error handlers in turn, then to the final handler', async () => {
    for (const failing of [
      (_request: never, _response: never, next: NextFunction) => next(new Error('boom')),
      () => {
        throw new Error('boom');
      },
      async () => Promise.reject(new Error('boom')),
    ]) {
      const seen: string[] = [];
      const dispatch = setUp((known) => {
        const step = layer(failing);
        const skipped = layer((_request: never, _response: never, next: NextFunction) => (seen.push('skipped'), next()));
        known.steps.add(step).add(skipped);
        return [
          step,
          skipped,
          layer((error: Error, _request: never, _response: never, next: NextFunction) => (seen.push(`first: ${error.message}`), next(error))),
          layer((error: Error, _request: never, _response: never, next: NextFunction) => (seen.push(`second: ${error.message}`), next(error))),
        ];
      });
      const outcome = await run(dispatch, '/', seen);
      expect(outcome.seen).toEqual(['first: boom', 'second: boom']);
      expect((outcome.error as Error).message).toBe('boom');
    }
  });

  it('ends at the final handler, without an error, when an error handler passes on without one', async () => {
    const seen: string[] = [];
    const dispatch = setUp((known) => {
      const step = layer((_request: never, _response: never, next: NextFunction) => next(new Error('boom')));
      known.steps.add(step);
      return [step, layer((_error: never, _request: never, _response: never, next: NextFunction) => (seen.push('handled'), next()))];
    });
    expect(await run(dispatch, '/', seen)).toEqual({ finished: true, error: undefined, seen: ['handled'] });
  });

  it('admits no request a layer of its own would take part in, nor any once an error handler comes before a request layer', () => {
    const mount = layer(() => undefined, (path) => (path.startsWith('/docs') ? { path: '/docs' } : false));
    const throwing = layer(() => undefined, () => {
      throw new URIError('bad escape');
    });
    const step = layer(() => undefined);
    const withMount = setUp((known) => (known.steps.add(step), [step, mount]));
    expect(withMount.admits('/api/v1/sessions/read')).toBe(true);
    expect(withMount.admits('/docs/asset.css')).toBe(false);
    expect(setUp((known) => (known.steps.add(step), [step, throwing])).admits('/')).toBe(false);
    const errorFirst = setUp((known) => (known.steps.add(step), [layer((_e: never, _q: never, _s: never, _n: never) => undefined), step]));
    expect(errorFirst.admits('/')).toBe(false);
  });
});
