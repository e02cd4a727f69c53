import type { NextFunction, Request, Response } from 'express';

/** One stage of the pipeline, with Express's middleware signature. */
export type PipelineStage = (request: Request, response: Response, next: NextFunction) => void;

/** Where a stage's error goes, with Express's error-middleware signature; `next` is Express's. */
export type PipelineFailure = (error: unknown, request: Request, response: Response, next: NextFunction) => void;

/** Express's way: the error goes down the router to the first error middleware. */
const passToExpress: PipelineFailure = (error, _request, _response, next) => next(error);

/**
 * The stages that run before Nest (CONTRACT.md §3), as one Express middleware that calls them in
 * order. Each `app.use` is a layer of Express's router, and every layer costs every request a
 * router pass (path match, URL parse, `next` bookkeeping, and the objects they allocate). A stage
 * passes on with `next()`, stops the request with `next(error)` — which skips the remaining
 * stages, as Express would, and goes to `fail` (by default down Express's router to the exception
 * filter) — or throws, which is the same as `next(error)`.
 */
export function pipelineOf(stages: readonly PipelineStage[], fail: PipelineFailure = passToExpress): PipelineStage {
  return (request, response, done) => {
    let index = 0;
    const next = (error?: unknown): void => {
      if (error !== undefined && error !== null) return fail(error, request, response, done);
      const stage = stages[index];
      index += 1;
      if (stage === undefined) return done();
      try {
        stage(request, response, next as NextFunction);
      } catch (thrown) {
        fail(thrown, request, response, done);
      }
    };
    next();
  };
}
