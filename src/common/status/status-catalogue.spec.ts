import { PlanoException } from './plano.exception.js';
import { isStatusSlug, STATUS_CATALOGUE, STATUS_SLUGS, type StatusSlug } from './status-catalogue.js';

/** CONTRACT.md §3, row by row: the slug and its HTTP code. */
const CONTRACT_TABLE: Record<StatusSlug, number> = {
  'action-successful': 200,
  'invalid-token': 401,
  'session-expired': 401,
  'client-required': 401,
  'missing-param': 400,
  'invalid-param': 400,
  'application-crash': 500,
  'mandrill-email-failed': 500,
  'invalid-content-type': 400,
  'route-non-existent': 500,
  'no-params-decoded': 400,
  'invalid-encoded-params': 400,
  'route-not-found': 404,
  'identify-request-error': 500,
  'service-not-found': 404,
  'email-not-found': 400,
  'invalid-password': 400,
  'user-has-no-password': 400,
  'user-requires-role': 400,
  'email-already-registered': 400,
  'client-validation-failed': 400,
  'permission-denied': 403,
  'rate-limit-exceeded': 429,
  'payload-too-large': 413,
  'account-inactive': 403,
  'client-created-for-existing-email': 200,
  'email-already-client': 400,
};

describe('status catalogue', () => {
  it('maps every slug of the contract to its HTTP code, and nothing else', () => {
    const mapped = Object.fromEntries(Object.entries(STATUS_CATALOGUE).map(([slug, def]) => [slug, def.httpStatus]));
    expect(mapped).toEqual(CONTRACT_TABLE);
    expect([...STATUS_SLUGS].sort()).toEqual(Object.keys(CONTRACT_TABLE).sort());
  });

  it('gives every slug a message a caller can read', () => {
    for (const slug of STATUS_SLUGS) expect(STATUS_CATALOGUE[slug].message.length).toBeGreaterThan(10);
  });

  it('notifies exactly on the statuses the contract records a notification for', () => {
    const notifying = STATUS_SLUGS.filter((slug) => STATUS_CATALOGUE[slug].notifies);
    expect(notifying.sort()).toEqual(['application-crash', 'identify-request-error', 'mandrill-email-failed']);
  });

  it('tells slugs from other strings', () => {
    expect(isStatusSlug('invalid-token')).toBe(true);
    expect(isStatusSlug('not-a-status')).toBe(false);
    expect(isStatusSlug('toString')).toBe(false);
  });
});

describe('PlanoException', () => {
  it('carries the slug, the catalogue HTTP code and the default message', () => {
    const exception = new PlanoException('route-not-found');
    expect(exception).toMatchObject({
      slug: 'route-not-found',
      httpStatus: 404,
      message: STATUS_CATALOGUE['route-not-found'].message,
      errors: null,
      data: null,
    });
  });

  it('takes a message, param errors and a cause', () => {
    const cause = new Error('driver said no');
    const exception = new PlanoException('invalid-param', {
      message: 'client_id 9 does not exist or is not accessible',
      errors: [{ param: 'client_id', problem: 'not-found' }],
      cause,
    });
    expect(exception.httpStatus).toBe(400);
    expect(exception.message).toBe('client_id 9 does not exist or is not accessible');
    expect(exception.errors).toEqual([{ param: 'client_id', problem: 'not-found' }]);
    expect(exception.cause).toBe(cause);
  });

  it('answers an id the caller cannot use in one way, whether it exists or not', () => {
    const exception = PlanoException.notFoundOrNotYours('order_id', 42);
    expect(exception.slug).toBe('invalid-param');
    expect(exception.message).toBe('order_id 42 does not exist or is not accessible');
    expect(exception.errors).toEqual([{ param: 'order_id', problem: 'not-found' }]);
  });

  it('does not compile with a problem outside the vocabulary', () => {
    // `npm run typecheck` fails if this line ever compiles: errors[].problem is one closed list.
    // @ts-expect-error 'nope' is not a ParamProblem
    const exception = new PlanoException('invalid-param', { errors: [{ param: 'id', problem: 'nope' }] });
    expect(exception.errors).toHaveLength(1);
  });

  it('does not compile with a slug the catalogue lacks', () => {
    // `npm run typecheck` fails if this line ever compiles: an unmapped slug cannot be thrown.
    // @ts-expect-error 'teapot' is not a StatusSlug
    const build = () => new PlanoException('teapot');
    expect(build).toThrow(TypeError);
  });
});

describe('PlanoException stack traces', () => {
  it('records none for an answer (a status that does not notify), one for a failure that notifies', () => {
    expect(frames(new PlanoException('invalid-token'))).toBe(0);
    expect(frames(new PlanoException('route-non-existent'))).toBe(0);
    expect(frames(new PlanoException('application-crash'))).toBeGreaterThan(0);
    expect(frames(new PlanoException('identify-request-error'))).toBeGreaterThan(0);
  });

  it('leaves Error.stackTraceLimit as it was', () => {
    const before = Error.stackTraceLimit;
    new PlanoException('invalid-param');
    expect(Error.stackTraceLimit).toBe(before);
    expect(frames(new Error('ordinary'))).toBeGreaterThan(0);
  });
});

function frames(error: Error): number {
  return (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line)).length;
}
