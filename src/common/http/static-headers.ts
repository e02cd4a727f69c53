import type { NextFunction, Request, Response } from 'express';

type HeaderOperation = readonly [name: string, value: string | number | readonly string[] | undefined];

/**
 * A middleware whose headers never depend on the request (helmet with static directives), run
 * once at start against a recording response, and replayed on every request from the list it
 * wrote. helmet sets its dozen headers through a dozen nested middlewares, each request again; the
 * headers it writes are the same every time. A middleware that reads the request, or does
 * anything but set and remove headers and call next(), would not replay faithfully: it makes
 * start fail instead.
 */
export function replayedHeaders(middleware: (request: Request, response: Response, next: NextFunction) => void): (request: Request, response: Response, next: NextFunction) => void {
  const operations = recordHeaders(middleware);
  return (_request, response, next) => {
    for (const [name, value] of operations) {
      if (value === undefined) response.removeHeader(name);
      else response.setHeader(name, value);
    }
    next();
  };
}

function recordHeaders(middleware: (request: Request, response: Response, next: NextFunction) => void): HeaderOperation[] {
  const operations: HeaderOperation[] = [];
  const refuse = (what: string) => () => {
    throw new Error(`replayedHeaders: the middleware ${what}; its headers may depend on the request`);
  };
  const request = new Proxy({}, { get: (_target, property) => refuse(`read request.${String(property)}`)() }) as Request;
  const response = {
    setHeader: (name: string, value: HeaderOperation[1]) => void operations.push([name, value]),
    removeHeader: (name: string) => void operations.push([name, undefined]),
  } as unknown as Response;
  let passedOn = false;
  middleware(request, response, (error?: unknown) => {
    if (error !== undefined) throw error instanceof Error ? error : new Error(String(error));
    passedOn = true;
  });
  if (!passedOn) refuse('did not call next() at once')();
  return operations;
}
