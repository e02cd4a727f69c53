import type { Response } from 'supertest';

/** The envelope every answer comes in (CONTRACT.md §2, §3), as tests read and assert it. */

/** The keys of every envelope the app answers (CONTRACT.md §2), sorted. */
export const ENVELOPE_KEYS: readonly string[] = ['data', 'errors', 'message', 'request_id', 'session', 'status'];

/** The ids of a listing's results (an index route's data.results), failing the test if it is not a successful listing. */
export function resultIds(response: Response): number[] {
  if (response.body.status !== 'action-successful') throw new Error(`not a listing: ${JSON.stringify(response.body)}`);
  return (response.body.data.results as Array<{ id: number }>).map((result) => result.id);
}

export interface ExpectedFailure {
  /** The params `errors[]` must name (in any order); unset: `errors` must be null. */
  readonly params?: readonly string[];
  /**
   * What the envelope's session view must hold, for failures after the token check (role, params,
   * the action itself); unset: `session` must be null, as before the token is known good.
   */
  readonly session?: Record<string, unknown>;
}

/**
 * Asserts a failure envelope (CONTRACT.md §2, §3): the slug and its HTTP code, no data, the
 * offending params in `errors[]`, the session view or none, and the request id of the header.
 */
export function expectFailure(response: Response, status: string, http: number, expected: ExpectedFailure = {}): void {
  expect({ status: response.body.status, http: response.status }).toEqual({ status, http });
  expect(response.body).toMatchObject({ data: null, message: expect.any(String), request_id: response.headers['x-request-id'] });
  if (expected.params) {
    const named = (response.body.errors as Array<{ param: string }> | null)?.map((error) => error.param) ?? [];
    expect(named.sort()).toEqual([...expected.params].sort());
  } else {
    expect(response.body.errors).toBeNull();
  }
  if (expected.session) expect(response.body.session).toMatchObject(expected.session);
  else expect(response.body.session).toBeNull();
}
