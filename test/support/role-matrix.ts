import type { Response } from 'supertest';
import type { Caller, Role } from './accounts.js';

/**
 * The role matrix: each route called by a caller of each role, and the status and HTTP code that
 * caller must get. A spec lists its routes with what each role gets; itAnswersTheRoleMatrix turns
 * the table into one test per route and role.
 */

/** The slug and HTTP code a caller must get. */
export type Expected = readonly [slug: string, http: number];

/** Allowed. */
export const OK: Expected = ['action-successful', 200];
/** A role the route does not serve. */
export const DENIED: Expected = ['permission-denied', 403];
/** What a record the caller may not use answers: the same as one that does not exist. */
export const NOT_ACCESSIBLE: Expected = ['invalid-param', 400];
/** A user with no role at all. */
export const ROLELESS: Expected = ['client-required', 401];

/** Admins only. */
export const ADMIN_ONLY: Record<Role, Expected> = { admin: OK, employee: DENIED, liaison: DENIED, client: DENIED, roleless: ROLELESS };
/** Staff (admins and employees) only. */
export const STAFF_ONLY: Record<Role, Expected> = { admin: OK, employee: OK, liaison: DENIED, client: DENIED, roleless: ROLELESS };
/** Anyone with a role. */
export const ANY_ROLE: Record<Role, Expected> = { admin: OK, employee: OK, liaison: OK, client: OK, roleless: ROLELESS };
/** Another client's record: staff may use it; everyone else hears what a nonexistent id gets. */
export const STAFF_ONLY_CLIENT: Record<Role, Expected> = { admin: OK, employee: OK, liaison: NOT_ACCESSIBLE, client: NOT_ACCESSIBLE, roleless: ROLELESS };

/** One row of the matrix: how to call the route with a token, and what each role gets. */
export interface MatrixRoute {
  /** The route called with a caller's token. */
  readonly call: (token: string) => Promise<Response>;
  readonly expected: Record<Role, Expected>;
}

/** The invalid-param answer for an id that does not exist or that the caller may not use. */
export function notAccessible(param: string, id: number) {
  return {
    status: 'invalid-param',
    message: `${param} ${id} does not exist or is not accessible`,
    errors: [{ param, problem: 'not-found' }],
    data: null,
  };
}

/**
 * One test per route and role ('%s by %s → %s %d'): the answer's status and HTTP code, the
 * caller's session in the envelope, and `refusal()` (the not-accessible answer) on invalid-param.
 * `callers` and `refusal` are read when the test runs, after the file's beforeAll made them.
 */
export function itAnswersTheRoleMatrix(
  routes: Record<string, MatrixRoute>,
  callers: () => Record<Role, Caller>,
  refusal: () => Record<string, unknown>,
): void {
  const cases = Object.entries(routes).flatMap(([route, { expected }]) =>
    (Object.keys(expected) as Role[]).map((role) => [route, role, ...expected[role]] as const),
  );

  it.each(cases)('%s by %s → %s %d', async (route, role, slug, http) => {
    const caller = callers()[role];
    const response = await routes[route].call(caller.token);
    expect({ status: response.body.status, http: response.status }).toEqual({ status: slug, http });
    // The caller's session rides along on every answer after the token check, client-required included.
    expect(response.body.session).toMatchObject({ user_id: caller.user.user.id });
    if (slug === 'invalid-param') expect(response.body).toMatchObject(refusal());
    if (slug !== 'action-successful') expect(response.body.data).toBeNull();
  });
}
