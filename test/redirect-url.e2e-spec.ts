import { createUser, signIn, type TestUser } from './support/accounts.js';
import { expectFailure } from './support/envelope.js';
import { testEngine } from './support/test-database.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/*
 * sessions/create's redirect_url (CONTRACT.md §12): answered as the WHATWG URL serialiser writes
 * it, only on the origin of one of the platform's applications, and never with userinfo, a
 * backslash or a control character — the spellings browsers and servers read differently, which
 * is how an allow-list check gets talked into an open redirect.
 */

const ENV = { PLANOAUTH_URL: 'https://auth.example.test', PLANOORDER_URL: 'http://127.0.0.1:4300' };

describe(`sessions/create redirect_url (${testEngine()})`, () => {
  let t: TestApp;
  let user: TestUser;

  beforeAll(async () => {
    t = await createTestApp({ env: ENV });
    user = await createUser(t, { client: true });
  });

  afterAll(async () => {
    await t.close();
  });

  const signInWith = (redirectUrl: string) => signIn(t, { email: user.email, password: user.password, application: 'planoorder', redirect_url: redirectUrl });

  it.each([
    ['a scheme in capitals and a dot-dot segment', 'HTTP://127.0.0.1:4300/a/../b', 'http://127.0.0.1:4300/b'],
    ['an origin with no path', 'http://127.0.0.1:4300', 'http://127.0.0.1:4300/'],
    ['the default port spelled out', 'https://auth.example.test:443/clients/register', 'https://auth.example.test/clients/register'],
    ['a host in capitals', 'https://AUTH.Example.TEST/x?y=1#z', 'https://auth.example.test/x?y=1#z'],
    ['a path that needs percent-encoding', 'http://127.0.0.1:4300/caf\u00e9/"q"', 'http://127.0.0.1:4300/caf%C3%A9/%22q%22'],
    ['a URL already in its normal form', 'http://127.0.0.1:4300/orders/12?tab=tours', 'http://127.0.0.1:4300/orders/12?tab=tours'],
  ])('answers %s normalised', async (_case, given, normalised) => {
    const response = await signInWith(given);
    expect(response.body.status).toBe('action-successful');
    expect(response.body.data.redirect_url).toBe(normalised);
  });

  it.each([
    ['another site', 'https://evil.example.com/phish'],
    ['another port of an application host', 'http://127.0.0.1:4301/'],
    ['another scheme of an application origin', 'https://127.0.0.1:4300/'],
    ['a subdomain of an application host', 'https://evil.auth.example.test/'],
  ])('refuses %s (not one of the applications) → invalid-param naming redirect_url', async (_case, given) => {
    const response = await signInWith(given);
    expectFailure(response, 'invalid-param', 400, { params: ['redirect_url'] });
    expect(response.body.errors).toEqual([expect.objectContaining({ param: 'redirect_url', problem: 'not-allowed' })]);
  });

  it.each([
    ['userinfo (user:pass@)', 'http://user:pass@127.0.0.1:4300/orders'],
    ['a user name alone', 'https://admin@auth.example.test/'],
    ['an application origin as userinfo of another host', 'http://127.0.0.1:4300@evil.example.com/'],
    ['a backslash before an @', 'http://127.0.0.1:4300\\@evil.example.com/'],
    ['a backslash in the path', 'http://127.0.0.1:4300/a\\b'],
    ['a backslash for the slashes', 'http:\\\\127.0.0.1:4300/'],
    ['a NUL', 'http://127.0.0.1:4300/a\u0000b'],
    ['a tab (which a URL parser silently drops)', 'http://127.0.0.1:4300/a\tb'],
    ['a line feed', 'http://127.0.0.1:4300/a\nb'],
    ['a carriage return', 'http://127.0.0.1:4300/a\rb'],
    ['U+001F', 'http://127.0.0.1:4300/a\u001fb'],
    ['DEL (U+007F)', 'http://127.0.0.1:4300/a\u007fb'],
    ['a leading control character (which a URL parser silently strips)', '\u0001http://127.0.0.1:4300/'],
  ])('refuses a URL with %s → invalid-param naming redirect_url, and no session is made', async (_case, given) => {
    const before = await sessionCount(t);
    const response = await signInWith(given);
    expectFailure(response, 'invalid-param', 400, { params: ['redirect_url'] });
    await expect(sessionCount(t)).resolves.toBe(before);
  });

  it('answers no redirect_url when none was asked for', async () => {
    const response = await signIn(t, { email: user.email, password: user.password, application: 'planoorder' });
    expect(response.body.status).toBe('action-successful');
    expect(response.body.data).not.toHaveProperty('redirect_url');
  });
});

async function sessionCount(t: TestApp): Promise<number> {
  const rows = (await t.dataSource.query('SELECT COUNT(*) AS n FROM sessions')) as Array<{ n: number | string }>;
  return Number(rows[0].n);
}
