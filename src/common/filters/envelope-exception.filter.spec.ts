import { BadRequestException, ForbiddenException, NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import type { Request } from 'express';
import { PlanoException } from '../status/plano.exception.js';
import { describe as describeFailure, toPlanoException } from './envelope-exception.filter.js';
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
