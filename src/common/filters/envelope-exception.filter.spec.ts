import { jest } from '@jest/globals';
import { BadRequestException, ForbiddenException, Logger, NotFoundException, PayloadTooLargeException, type ArgumentsHost } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { FailureReporter, NotifyingFailure, ReportOutcome } from '../failures/failure-reporter.js';
import { PlanoException } from '../status/plano.exception.js';
import { describe as describeFailure, EnvelopeExceptionFilter, toPlanoException } from './envelope-exception.filter.js';
import type { RouteDescriptor } from '../routing/route-descriptor.js';

const route: RouteDescriptor = {
  method: 'GET',
  path: '/api/v1/xso/capture_client',
  name: 'XSO CaptuRE Client API',
  service: 'xso',
  sensitiveParams: false,
  controller: 'XsoController',
  handler: 'captureClient',
};

const identified = { plano: { requestId: 'r', startedAt: 0n, route } } as unknown as Request;
const unidentified = { plano: { requestId: 'r', startedAt: 0n } } as unknown as Request;

describe('toPlanoException', () => {
  it('keeps a PlanoException as thrown', () => {
    const thrown = new PlanoException('invalid-token');
    expect(toPlanoException(thrown, identified)).toBe(thrown);
  });

  it("renders the router's not-found as route-non-existent", () => {
    expect(toPlanoException(new NotFoundException('Cannot GET /x'), unidentified).slug).toBe('route-non-existent');
  });

  it('maps library HttpExceptions to the nearest catalogue status', () => {
    expect(toPlanoException(new BadRequestException(), identified).slug).toBe('invalid-param');
    expect(toPlanoException(new ForbiddenException(), identified).slug).toBe('permission-denied');
    expect(toPlanoException(new PayloadTooLargeException(), identified).slug).toBe('payload-too-large');
  });

  it('renders an unexpected error as identify-request-error before identification, application-crash after', () => {
    expect(toPlanoException(new Error('x'), unidentified).slug).toBe('identify-request-error');
    expect(toPlanoException(new TypeError('x'), identified).slug).toBe('application-crash');
    expect(toPlanoException('a string thrown', identified).slug).toBe('application-crash');
    expect(toPlanoException(new Error('x'), {} as Request).slug).toBe('identify-request-error');
  });

  it('keeps the original error as the cause, for the log and the notification only', () => {
    const error = new Error('SELECT secret');
    const failure = toPlanoException(error, identified);
    expect(failure.cause).toBe(error);
    expect(failure.message).not.toContain('SELECT');
  });
});

describe('the notification summary of a failure', () => {
  it('keeps the error class and message but not SQL or file paths', () => {
    const summary = describeFailure(new Error('boom: SELECT * FROM users WHERE password_hash = $1 at /srv/plano/src/secret.ts'));
    expect(summary).toMatch(/^Error: boom: /);
    for (const leak of ['SELECT', 'password_hash', '/srv/', 'secret.ts']) expect(summary).not.toContain(leak);
  });

  it('leaves ordinary messages alone', () => {
    expect(describeFailure(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(
      "TypeError: Cannot read properties of undefined (reading 'id')",
    );
    expect(describeFailure('plain text')).toBe('plain text');
  });
});

describe('the exception filter', () => {
  let logged: jest.SpiedFunction<Logger['error']>;
  beforeEach(() => {
    logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => logged.mockRestore());

  /** A reporter answering `outcome` (or throwing it, when it is an Error), and what it was given. */
  function reporter(outcome: ReportOutcome | Error = 'recorded') {
    const reported: NotifyingFailure[] = [];
    const fake: FailureReporter = {
      report: async (failure) => {
        reported.push(failure);
        if (outcome instanceof Error) throw outcome;
        return outcome;
      },
    };
    return { fake, reported };
  }

  async function render(exception: unknown, fake: FailureReporter) {
    const request = { plano: { requestId: 'r', startedAt: 0n, route }, method: 'GET', originalUrl: '/api/v1/xso/capture_client?token=t' } as unknown as Request;
    const sent: { status?: number; body?: unknown } = {};
    const response = {
      req: request,
      headersSent: false,
      statusCode: 200,
      getHeader: () => undefined,
      setHeader: () => undefined,
      end(this: { statusCode: number }, json: string) {
        sent.status = this.statusCode;
        sent.body = JSON.parse(json);
      },
    } as unknown as Response;
    const host = { switchToHttp: () => ({ getRequest: () => request, getResponse: () => response }) } as unknown as ArgumentsHost;
    await new EnvelopeExceptionFilter(fake).catch(exception, host);
    return { ...sent, request };
  }

  it('reports nothing for a status that does not notify', async () => {
    const { fake, reported } = reporter();
    const { status, body } = await render(new PlanoException('invalid-token'), fake);
    expect(status).toBe(401);
    expect(body).toMatchObject({ status: 'invalid-token', request_id: 'r' });
    expect(reported).toEqual([]);
    expect(logged).not.toHaveBeenCalled();
  });

  it('reports a crash with its route, request id, summary and cause, and logs the cause', async () => {
    const { fake, reported } = reporter('recorded');
    const bug = new TypeError('boom');
    const { body, request } = await render(bug, fake);
    expect(body).toMatchObject({ status: 'application-crash', request_id: 'r' });
    expect(request.plano?.statusSlug).toBe('application-crash');
    expect(reported).toEqual([{ kind: 'application-crash', route: route.name, requestId: 'r', message: 'TypeError: boom', cause: bug }]);
    expect(logged).toHaveBeenCalledWith({ msg: 'application-crash', request_id: 'r', route: route.name, err: bug });
  });

  it('logs a folded repeat without its stack', async () => {
    const { fake } = reporter('folded');
    await render(new TypeError('boom'), fake);
    expect(logged).toHaveBeenCalledWith({ msg: 'application-crash', request_id: 'r', route: route.name, error: 'TypeError: boom', repeat: true });
  });

  it('leaves an outage to the reporter: no log line per request', async () => {
    const { fake } = reporter('outage');
    const { body } = await render(new Error('connection refused'), fake);
    expect(body).toMatchObject({ status: 'application-crash' });
    expect(logged).not.toHaveBeenCalled();
  });

  it('still answers in the envelope when reporting fails', async () => {
    const { fake } = reporter(new Error('reporter down'));
    const { status, body } = await render(new PlanoException('mandrill-email-failed'), fake);
    expect(status).toBe(500);
    expect(body).toMatchObject({ status: 'application-crash', request_id: 'r' });
    expect(logged).toHaveBeenCalledWith(expect.objectContaining({ msg: 'exception filter failed' }));
  });
});
