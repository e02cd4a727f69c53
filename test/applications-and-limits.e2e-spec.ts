import { ApplicationTokenEntity } from '../src/modules/applications/entities/application-token.entity.js';
import { EmployeeEntity } from '../src/modules/accounts/entities/employee.entity.js';
import { UserEntity } from '../src/modules/accounts/entities/user.entity.js';
import { changePassword, createUser, newUserToken, registerUser, signIn, storedHashOf, tokenFor } from './support/accounts.js';
import { CaptureProbeModule } from './support/capture-probe.module.js';
import { createTestApp, getAs, postAs, type TestApp } from './support/test-app.js';

describe('applications and application tokens', () => {
  let t: TestApp;
  let adminToken: string;

  beforeAll(async () => {
    t = await createTestApp({ imports: [CaptureProbeModule], env: { CAPTURE_URL: 'https://capture.example.test/' } });
    adminToken = await newUserToken(t, { admin: true });
  });

  afterAll(async () => {
    await t.close();
  });

  const createToken = (application: string) => postAs(t, '/api/v1/applications/create_token', adminToken, { application });

  it('applications/index lists the four applications with their base URLs (admin)', async () => {
    const response = await getAs(t, '/api/v1/applications/index', adminToken);
    expect(response.status).toBe(200);
    expect(response.body.data.results).toEqual([
      { id: expect.any(Number), slug: 'planoauth', name: 'PlanoAuth', base_url: 'http://127.0.0.1:4200' },
      { id: expect.any(Number), slug: 'planoorder', name: 'PlanOrder', base_url: 'http://127.0.0.1:4300' },
      { id: expect.any(Number), slug: 'planox2', name: 'PlanOx', base_url: 'http://127.0.0.1:4400' },
      { id: expect.any(Number), slug: 'capture', name: 'CaptuRE', base_url: 'https://capture.example.test' },
    ]);
  });

  it('applications/create_token shows the token once and stores only its hash', async () => {
    const response = await createToken('capture');
    expect(response.body).toMatchObject({
      status: 'action-successful',
      data: { token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), application: { slug: 'capture' } },
    });
    const token = response.body.data.token as string;
    const rows = await t.dataSource.getRepository(ApplicationTokenEntity).find();
    expect(rows.map((row) => row.tokenHash)).toContain(storedHashOf(token));
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it('an application token authenticates its own app:<slug> routes only', async () => {
    const capture = (await createToken('capture')).body.data.token as string;
    const planoorder = (await createToken('planoorder')).body.data.token as string;

    const ok = await getAs(t, '/api/v1/capture_probe/whoami', capture);
    expect(ok.body).toMatchObject({ status: 'action-successful', data: { application: 'capture' }, session: null });

    const wrongApp = await getAs(t, '/api/v1/capture_probe/whoami', planoorder);
    expect(wrongApp.status).toBe(401);
    expect(wrongApp.body.status).toBe('invalid-token');

    const sessionToken = await getAs(t, '/api/v1/capture_probe/whoami', adminToken);
    expect(sessionToken.body.status).toBe('invalid-token');

    const appOnSessionRoute = await getAs(t, '/api/v1/sessions/read', capture);
    expect(appOnSessionRoute.body.status).toBe('invalid-token');
  });

  it('applications/create_token refuses an unknown application and non-admins', async () => {
    const unknown = await createToken('myspace');
    expect(unknown.body).toMatchObject({ status: 'invalid-param', errors: [{ param: 'application' }] });
    const employeeToken = await newUserToken(t, { employee: true });
    const denied = await postAs(t, '/api/v1/applications/create_token', employeeToken, { application: 'capture' });
    expect(denied.status).toBe(403);
    expect(denied.body.status).toBe('permission-denied');
  });
});

describe('brute-force limits', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ env: { RATE_LIMIT_LOGIN_PER_MINUTE: '3', RATE_LIMIT_LOGIN_PER_ADDRESS_PER_MINUTE: '6', RATE_LIMIT_REGISTER_PER_MINUTE: '2' } });
  });

  // Every test starts in a fresh one-minute window: none depends on another's attempts.
  beforeEach(() => {
    t.clock.advanceSeconds(61);
  });

  afterAll(async () => {
    await t.close();
  });

  it('sessions/create: over the limit per address and email → rate-limit-exceeded 429 with Retry-After', async () => {
    const user = await createUser(t, { client: true });
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const response = await signIn(t, { email: user.email, password: 'wrong-password', application: 'planoauth' });
      expect(response.body.status).toBe('invalid-password');
    }
    const blocked = await signIn(t, { email: user.email, password: user.password, application: 'planoauth' });
    expect(blocked.status).toBe(429);
    expect(blocked.body.status).toBe('rate-limit-exceeded');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(60);

    // Another email from the same address has its own count.
    const other = await createUser(t, { client: true });
    expect((await signIn(t, { email: other.email, password: other.password, application: 'planoauth' })).body.status).toBe(
      'action-successful',
    );

    // A minute later the window has passed.
    t.clock.advanceSeconds(61);
    expect((await signIn(t, { email: user.email, password: user.password, application: 'planoauth' })).body.status).toBe(
      'action-successful',
    );
  });

  it('the limit comes before the params: an attempt with an unknown view counts, and over the limit it is rate-limit-exceeded', async () => {
    const user = await createUser(t, { client: true });
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const response = await signIn(t, { email: user.email, password: user.password, application: 'planoauth', view: 'bogus' });
      expect(response.body.status).toBe('invalid-param');
      expect(response.body.errors[0].param).toBe('view');
    }
    const blocked = await signIn(t, { email: user.email, password: user.password, application: 'planoauth', view: 'bogus' });
    expect(blocked.body.status).toBe('rate-limit-exceeded');
    expect((await signIn(t, { email: user.email, password: user.password, application: 'planoauth' })).body.status).toBe('rate-limit-exceeded');
  });

  it('sessions/create: over the limit per address, whatever the emails → rate-limit-exceeded', async () => {
    const users = await Promise.all(Array.from({ length: 7 }, () => createUser(t, { client: true })));
    for (const user of users.slice(0, 6)) {
      expect((await signIn(t, { email: user.email, password: 'wrong-password', application: 'planoauth' })).body.status).toBe('invalid-password');
    }
    const blocked = await signIn(t, { email: users[6].email, password: users[6].password, application: 'planoauth' });
    expect(blocked.status).toBe(429);
    expect(blocked.body.status).toBe('rate-limit-exceeded');
  });

  it('users/change_password: guesses spend the sign-in budget of the caller’s email, and the other way round', async () => {
    const user = await createUser(t, { client: true });
    const token = await tokenFor(t, user); // attempt 1
    const change = (current: string) => changePassword(t, token, { current_password: current, new_password: 'a-brand-new-password' });
    expect((await change('wrong-guess-1')).body.status).toBe('invalid-password'); // attempt 2
    expect((await change('wrong-guess-2')).body.status).toBe('invalid-password'); // attempt 3
    const blocked = await change(user.password);
    expect(blocked.status).toBe(429);
    expect(blocked.body.status).toBe('rate-limit-exceeded');
    expect((await signIn(t, { email: user.email, password: user.password, application: 'planoauth' })).body.status).toBe('rate-limit-exceeded');
  });

  it('users/register: over the limit per address → rate-limit-exceeded', async () => {
    const register = (n: number) => registerUser(t, { email: `limit${n}@example.com`, password: 'a-long-password', first_name: 'L', last_name: 'R' });
    expect((await register(1)).body.status).toBe('action-successful');
    expect((await register(2)).body.status).toBe('action-successful');
    const blocked = await register(3);
    expect(blocked.status).toBe(429);
    expect(blocked.body.status).toBe('rate-limit-exceeded');
    expect(blocked.headers['retry-after']).toBeDefined();
    await expect(t.dataSource.getRepository(UserEntity).countBy({ email: 'limit3@example.com' })).resolves.toBe(0);
  });
});

describe('bootstrap admin', () => {
  it('creates the admin at start when none exists, once, however often the app starts', async () => {
    const env = { BOOTSTRAP_ADMIN_EMAIL: 'Root@Plano.test', BOOTSTRAP_ADMIN_PASSWORD: 'a-very-long-admin-password' };
    const first = await createTestApp({ env });
    try {
      const response = await signIn(first, { email: 'root@plano.test', password: env.BOOTSTRAP_ADMIN_PASSWORD, application: 'planoauth' });
      expect(response.body.status).toBe('action-successful');
      const roles = await getAs(first, '/api/v1/sessions/read', response.body.data.token);
      expect(roles.body.data.roles).toMatchObject({ employee_id: expect.any(Number), admin: true });

      const second = await createTestApp({ env, database: first.database });
      await second.close();
      await expect(first.dataSource.getRepository(EmployeeEntity).count()).resolves.toBe(1);
      await expect(first.dataSource.getRepository(UserEntity).count()).resolves.toBe(1);
    } finally {
      await first.close();
    }
  }, 60_000); // boots two apps: more than a busy 2-core machine does in Jest's default 5 s
});
