import type { Response } from 'supertest';
import { createRoleCast, newPersonParams, type Caller, type Role, type TestUser } from './support/accounts.js';
import { testEngine } from './support/test-database.js';
import { createTestApp, postSensitive, type TestApp } from './support/test-app.js';

/**
 * What holds across the clients routes (src/modules/clients) and the employees and liaisons routes
 * (staff module) alike: no token gets no answer, and no password ever comes back.
 */

const INDEX = '/api/v1/clients/index';
const READ = '/api/v1/clients/read';
const UPDATE = '/api/v1/clients/update';
const EMPLOYEES_CREATE = '/api/v1/employees/create';
const LIAISONS_CREATE = '/api/v1/liaisons/create';
const LIAISONS_UPDATE = '/api/v1/liaisons/update';

describe(`clients, employees and liaisons routes together (${testEngine()})`, () => {
  let t: TestApp;
  let callers: Record<Role, Caller>;
  /** The client the liaison acts for, and one nobody but staff may use. */
  let linkedClient: TestUser;
  let otherClient: TestUser;
  /** Every response body of this file, and every password it sent: none may ever come back. */
  const bodies: string[] = [];
  const passwords: string[] = [];

  const remember = (response: Response): Response => {
    bodies.push(response.text);
    return response;
  };
  /** A sensitive-params POST whose answer, and the password it carried, this file keeps an eye on. */
  const sendRemembered = async (path: string, token: string, params: Record<string, unknown>) => {
    if (typeof params.password === 'string') passwords.push(params.password);
    return remember(await postSensitive(t, path, token, params));
  };

  beforeAll(async () => {
    t = await createTestApp();
    ({ callers, linkedClient, otherClient } = await createRoleCast(t));
    passwords.push(...Object.values(callers).map((caller) => caller.user.password));
  });

  afterAll(async () => {
    await t.close();
  });

  it('answers invalid-token without a token on every route', async () => {
    for (const [method, path] of [
      ['get', INDEX],
      ['get', READ],
      ['put', UPDATE],
      ['put', LIAISONS_UPDATE],
    ] as const) {
      const response = remember(await t.http[method](path).query({ id: 1 }));
      expect({ path, status: response.body.status, http: response.status }).toEqual({ path, status: 'invalid-token', http: 401 });
    }
    for (const path of [EMPLOYEES_CREATE, LIAISONS_CREATE]) {
      const response = remember(await postSensitive(t, path, undefined, newPersonParams()));
      expect({ path, status: response.body.status }).toEqual({ path, status: 'invalid-token' });
    }
  });

  it('never sends a password back: not in answers to password-carrying calls, nor anywhere else in this file', async () => {
    // Calls of its own, succeeding and failing, so the check means something when run alone too.
    const own = [
      await sendRemembered(EMPLOYEES_CREATE, callers.admin.token, newPersonParams()),
      await sendRemembered(EMPLOYEES_CREATE, callers.admin.token, newPersonParams({ email: otherClient.email })),
      await sendRemembered(EMPLOYEES_CREATE, callers.admin.token, newPersonParams({ password: 'Qz7#tny' })),
      await sendRemembered(EMPLOYEES_CREATE, callers.employee.token, newPersonParams()),
      await sendRemembered(LIAISONS_CREATE, callers.employee.token, { ...newPersonParams(), client_ids: [linkedClient.clientId] }),
      await sendRemembered(LIAISONS_CREATE, callers.employee.token, { ...newPersonParams(), client_ids: [987654] }),
    ];
    expect(own.map((response) => response.body.status)).toEqual([
      'action-successful',
      'email-already-registered',
      'invalid-param',
      'permission-denied',
      'action-successful',
      'invalid-param',
    ]);
    expect(bodies.length).toBeGreaterThanOrEqual(own.length);
    for (const body of bodies) {
      expect(body).not.toMatch(/password_hash|\$argon2/);
      for (const password of passwords) expect(body).not.toContain(password);
    }
  });
});
