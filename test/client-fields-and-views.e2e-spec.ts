import { createUser, newUserToken, tokenFor, type TestUser } from './support/accounts.js';
import { testEngine } from './support/test-database.js';
import { createTestApp, encodeParams, getAs, putAs, type TestApp } from './support/test-app.js';

/**
 * The Clients Update page's fields and PlanoCore's views (issue 14, points 1 and 3): each field
 * written and read back on both engines, the CC lists checked address by address, `employee_notes`
 * and `active` staff's alone, and each declared view exactly its fields.
 */

const READ = '/api/v1/clients/read';
const UPDATE = '/api/v1/clients/update';

/** Every Clients Update field, filled as PlanOx would. */
const FILLED = {
  assistant_first_name: 'Ann',
  assistant_last_name: 'Assistant',
  assistant_phone: '+1 555 0142',
  assistant_emails: 'ann@acme.test, office@acme.test',
  additional_emails: 'books@acme.test',
  employee_notes: 'Prefers morning shoots.',
  realtor_license: 'RE-100-2042',
  bio: 'Twenty years of waterfront homes.',
  display_name: 'Acme Waterfront',
  use_display_name: true,
  display_email: 'hello@acme.test',
  use_display_email: true,
} as const;

const DISPLAY = ['display_name', 'use_display_name', 'display_email', 'use_display_email'];
const VIEW_FIELDS: Record<string, string[]> = {
  default: ['user_id', 'email', 'first_name', 'last_name', 'phone', 'company_id', 'company_name', 'enterprise', 'active', 'created_at', 'updated_at'],
  planox_client_read_profile: ['first_name', 'last_name', 'email', 'phone', 'bio', 'realtor_license', ...DISPLAY],
  planox_client_read_branding: DISPLAY,
  planox_client_read_preferences: ['assistant_first_name', 'assistant_last_name', 'assistant_phone', 'assistant_emails', 'additional_emails'],
  client_read: [
    'user_id', 'email', 'first_name', 'last_name', 'phone', 'company_id', 'company_name', 'enterprise', 'active',
    ...Object.keys(FILLED), 'created_at', 'updated_at',
  ],
};
const STAFF_ONLY = ['employee_notes', 'active'];

/** As many distinct addresses, comma-separated, as fit in `limit` characters. */
function longestAddressList(limit: number): string {
  let list = '';
  for (let i = 0; ; i += 1) {
    const next = `${list}${list ? ', ' : ''}assistant${String(i).padStart(3, '0')}@acme-realty.test`;
    if (next.length > limit) return list;
    list = next;
  }
}

describe(`client fields and views (${testEngine()})`, () => {
  let t: TestApp;
  let staff: string;
  let client: TestUser;
  let clientToken: string;
  let liaisonToken: string;

  beforeAll(async () => {
    t = await createTestApp();
    staff = await newUserToken(t, { employee: true });
    client = await createUser(t, { client: true });
    clientToken = await tokenFor(t, client, 'planox2');
    liaisonToken = await newUserToken(t, { liaisonFor: [client.clientId as number] }, 'planox2');
    const filled = await putAs(t, UPDATE, staff, { id: client.clientId, ...FILLED });
    expect(filled.body.status).toBe('action-successful');
  });

  afterAll(async () => {
    await t.close();
  });

  const read = (token: string, view?: string) => getAs(t, READ, token, view === undefined ? { id: client.clientId as number } : { id: client.clientId as number, view });
  const fieldsOf = (record: object) => Object.keys(record).sort();

  describe('the Clients Update fields', () => {
    it('staff write every field; client_read answers them as written (CC lists trimmed, comma-separated)', async () => {
      const response = await read(staff, 'client_read');
      expect(response.body.data.client).toMatchObject({ ...FILLED, id: client.clientId, active: true });
    });

    it('each text field is cleared with an empty string, each flag set back with false; null changes nothing', async () => {
      const other = await createUser(t, { client: true });
      await putAs(t, UPDATE, staff, { id: other.clientId, ...FILLED });
      const unchanged = await putAs(t, UPDATE, staff, { id: other.clientId, bio: null, view: 'client_read' });
      expect(unchanged.body.data.client).toMatchObject(FILLED);

      const cleared = Object.fromEntries(Object.entries(FILLED).map(([field, value]) => [field, typeof value === 'boolean' ? false : '']));
      const response = await putAs(t, UPDATE, staff, { id: other.clientId, ...cleared, view: 'client_read' });
      const nulls = Object.fromEntries(Object.entries(FILLED).map(([field, value]) => [field, typeof value === 'boolean' ? false : null]));
      expect(response.body.data.client).toMatchObject(nulls);
    });

    it('the longest values each DTO accepts fit their columns; one character more is invalid-param naming the field', async () => {
      const other = await createUser(t, { client: true });
      const longest = {
        assistant_first_name: 'a'.repeat(100),
        assistant_last_name: 'b'.repeat(100),
        assistant_phone: '5'.repeat(40),
        employee_notes: 'n'.repeat(4000),
        realtor_license: 'r'.repeat(100),
        bio: 'é'.repeat(4000),
        display_name: 'd'.repeat(200),
        display_email: `${'m'.repeat(64)}@${'x'.repeat(63)}.${'y'.repeat(63)}.${'z'.repeat(50)}.test`,
        assistant_emails: longestAddressList(1000),
      };
      expect(longest.display_email.length).toBe(248);
      expect(longest.assistant_emails.length).toBeGreaterThan(980);
      const stored = await putAs(t, UPDATE, staff, { id: other.clientId, ...longest, view: 'client_read' });
      expect(stored.body).toMatchObject({ status: 'action-successful', message: expect.any(String) });
      expect(stored.body.data.client).toMatchObject(longest);

      for (const [field, limit] of [['assistant_first_name', 100], ['assistant_phone', 40], ['employee_notes', 4000], ['bio', 4000], ['display_name', 200], ['realtor_license', 100]] as const) {
        const response = await putAs(t, UPDATE, staff, { id: other.clientId, [field]: 'x'.repeat(limit + 1) });
        expect(response.body).toMatchObject({ status: 'invalid-param', errors: [{ param: field, problem: 'invalid' }] });
      }
    });

    it.each([
      ['a bad address among good ones', 'ann@acme.test, not-an-email, office@acme.test', 'not-an-email'],
      ['an empty entry between commas', 'ann@acme.test,,office@acme.test', 'empty entry'],
      ['a trailing comma', 'ann@acme.test,', 'empty entry'],
      ['two addresses without a comma', 'ann@acme.test office@acme.test', 'ann@acme.test office@acme.test'],
    ])('assistant_emails and additional_emails with %s → invalid-param naming the field and the address', async (_case, list, named) => {
      for (const field of ['assistant_emails', 'additional_emails']) {
        const response = await putAs(t, UPDATE, staff, { id: client.clientId, [field]: list });
        expect(response.body).toMatchObject({ status: 'invalid-param', errors: [{ param: field, problem: 'invalid' }] });
        expect(response.body.message).toContain(named);
      }
      expect((await read(staff, 'client_read')).body.data.client).toMatchObject({ assistant_emails: FILLED.assistant_emails, additional_emails: FILLED.additional_emails });
    });

    it.each([
      ['display_email not an address', { display_email: 'hello at acme' }, 'display_email'],
      ['use_display_name not a boolean', { use_display_name: 'yes' }, 'use_display_name'],
      ['bio a number', { bio: 42 }, 'bio'],
      ['assistant_emails a list', { assistant_emails: ['ann@acme.test'] }, 'assistant_emails'],
    ])('%s → invalid-param naming it', async (_case, params, param) => {
      const response = await putAs(t, UPDATE, staff, { id: client.clientId, ...params });
      expect(response.body).toMatchObject({ status: 'invalid-param', errors: [{ param, problem: 'invalid' }] });
    });

    it('a client edits its own profile fields, but not employee_notes or active (permission-denied, nothing written)', async () => {
      const own = await putAs(t, UPDATE, clientToken, { id: client.clientId, bio: 'Now also condos.', assistant_phone: '+1 555 0143', view: 'client_read' });
      expect(own.body).toMatchObject({ status: 'action-successful', data: { client: { bio: 'Now also condos.', assistant_phone: '+1 555 0143' } } });
      for (const params of [{ employee_notes: 'I am lovely.' }, { active: true }, { employee_notes: 'x', bio: 'y' }]) {
        const denied = await putAs(t, UPDATE, clientToken, { id: client.clientId, ...params });
        expect({ status: denied.body.status, http: denied.status }).toEqual({ status: 'permission-denied', http: 403 });
      }
      expect((await read(staff, 'client_read')).body.data.client).toMatchObject({ employee_notes: FILLED.employee_notes, bio: 'Now also condos.' });
      await putAs(t, UPDATE, staff, { id: client.clientId, bio: FILLED.bio, assistant_phone: FILLED.assistant_phone });
    });

    it('a client reading itself, and its liaison, never get employee_notes or active, in any view', async () => {
      for (const token of [clientToken, liaisonToken]) {
        for (const view of Object.keys(VIEW_FIELDS)) {
          const record = (await read(token, view)).body.data.client as Record<string, unknown>;
          for (const field of STAFF_ONLY) expect(record).not.toHaveProperty(field);
        }
      }
      expect(JSON.stringify((await read(clientToken, 'client_read')).body)).not.toContain(FILLED.employee_notes);
    });
  });

  describe('views', () => {
    it.each(Object.entries(VIEW_FIELDS))('view=%s answers id and exactly its fields (staff)', async (view, fields) => {
      const response = await read(staff, view);
      expect(response.body.status).toBe('action-successful');
      expect(fieldsOf(response.body.data.client)).toEqual(['id', ...fields].sort());
    });

    it.each(Object.entries(VIEW_FIELDS))('view=%s for the client itself: the same minus the staff-only fields', async (view, fields) => {
      const response = await read(clientToken, view);
      expect(fieldsOf(response.body.data.client)).toEqual(['id', ...fields.filter((field) => !STAFF_ONLY.includes(field))].sort());
    });

    it('no view, or an empty one, is the default view', async () => {
      expect(fieldsOf((await read(staff)).body.data.client)).toEqual(['id', ...VIEW_FIELDS.default].sort());
      expect(fieldsOf((await read(staff, '')).body.data.client)).toEqual(['id', ...VIEW_FIELDS.default].sort());
    });

    it.each(['planox_client_read_tours', 'contract_type_view', 'DEFAULT', 'profile'])('view=%s (not declared) → invalid-param naming view', async (view) => {
      const response = await read(staff, view);
      expect(response.body).toMatchObject({ status: 'invalid-param', errors: [{ param: 'view', problem: 'invalid' }], data: null });
      expect(response.body.message).toContain('planox_client_read_branding');
    });

    it('the view applies to every client route: index, update, register and users/client_register', async () => {
      const index = await getAs(t, '/api/v1/clients/index', staff, { view: 'planox_client_read_branding', page: { size: 3 } });
      for (const record of index.body.data.results) expect(fieldsOf(record)).toEqual(['id', ...DISPLAY].sort());

      const update = await putAs(t, UPDATE, staff, { id: client.clientId, bio: FILLED.bio, view: 'planox_client_read_preferences' });
      expect(fieldsOf(update.body.data.client)).toEqual(['id', ...VIEW_FIELDS.planox_client_read_preferences].sort());

      const register = await t.http
        .post('/api/v1/clients/register')
        .query({ view: 'planox_client_read_profile' })
        .set('Content-Type', 'text/plain')
        .send(encodeParams({ application: 'planox2', client: { email: `views${Date.now()}@example.com`, password: 'a-long-password', first_name: 'Vi', last_name: 'Ews' } }));
      expect(register.body.status).toBe('action-successful');
      expect(fieldsOf(register.body.data.client)).toEqual(['id', ...VIEW_FIELDS.planox_client_read_profile].sort());

      const roleless = await newUserToken(t);
      const clientRegister = await t.http.post('/api/v1/users/client_register').set('Authorization', `Bearer ${roleless}`).send({ view: 'planox_client_read_branding' });
      expect(clientRegister.body.status).toBe('action-successful');
      expect(fieldsOf(clientRegister.body.data.client)).toEqual(['id', ...DISPLAY].sort());
    });

    it('a route that renders no clients has only the default view; session_view and application_view have only default', async () => {
      const sessionRead = (query: Record<string, string>) => getAs(t, '/api/v1/sessions/read', staff, query);
      expect((await sessionRead({ view: 'client_read' })).body).toMatchObject({ status: 'invalid-param', errors: [{ param: 'view' }] });
      expect((await sessionRead({ session_view: 'client_read' })).body).toMatchObject({ status: 'invalid-param', errors: [{ param: 'session_view' }] });
      expect((await sessionRead({ application_view: 'full' })).body).toMatchObject({ status: 'invalid-param', errors: [{ param: 'application_view' }] });
      expect((await sessionRead({ view: 'default', session_view: 'default', application_view: 'default' })).body.status).toBe('action-successful');
      expect((await read(staff, 'client_read')).body.status).toBe('action-successful');
      expect((await getAs(t, READ, staff, { id: client.clientId as number, session_view: 'client_read' })).body).toMatchObject({ status: 'invalid-param', errors: [{ param: 'session_view' }] });
    });

    it('the OpenAPI document lists each route’s views as an enum', async () => {
      const document = (await t.http.get('/docs-json')).body as { paths: Record<string, Record<string, { parameters: Array<{ name: string; schema?: { enum?: string[] } }> }>> };
      const enumOf = (path: string, method: string, name: string) => document.paths[path][method].parameters.filter((p) => p.name === name).map((p) => p.schema?.enum);
      for (const [path, method] of [[READ, 'get'], ['/api/v1/clients/index', 'get'], [UPDATE, 'put'], ['/api/v1/clients/register', 'post']]) {
        expect(enumOf(path, method, 'view')).toEqual([['default', 'client_read', 'planox_client_read_profile', 'planox_client_read_branding', 'planox_client_read_preferences']]);
      }
      expect(enumOf('/api/v1/sessions/read', 'get', 'view')).toEqual([['default']]);
      for (const [path, item] of Object.entries(document.paths).filter(([path]) => path.startsWith('/api/'))) {
        for (const operation of Object.values(item)) {
          for (const name of ['view', 'session_view', 'application_view']) {
            expect({ path, name, count: operation.parameters.filter((p) => p.name === name).length }).toEqual({ path, name, count: 1 });
          }
        }
      }
    });
  });
});
