import { AccountsService } from '../src/modules/accounts/accounts.service.js';
import { createRoleCast, newUserToken, type Caller, type Role } from './support/accounts.js';
import { resultIds } from './support/envelope.js';
import { itAnswersTheRoleMatrix, notAccessible, STAFF_ONLY } from './support/role-matrix.js';
import { testEngine } from './support/test-database.js';
import { createTestApp, getAs, type TestApp } from './support/test-app.js';

/** clients/index (src/modules/clients): who may list clients, and how the list searches, sorts and pages. */

const INDEX = '/api/v1/clients/index';

describe(`clients/index (${testEngine()})`, () => {
  describe('the role matrix', () => {
    let t: TestApp;
    let callers: Record<Role, Caller>;
    let otherClientId: number;

    beforeAll(async () => {
      t = await createTestApp();
      const cast = await createRoleCast(t);
      callers = cast.callers;
      otherClientId = cast.otherClient.clientId as number;
    });

    afterAll(async () => {
      await t.close();
    });

    itAnswersTheRoleMatrix(
      {
        'GET clients/index': { call: (token) => getAs(t, INDEX, token), expected: STAFF_ONLY },
      },
      () => callers,
      () => notAccessible('id', otherClientId),
    );
  });

  describe('five clients in a database of their own', () => {
    let idx: TestApp;
    let staffToken: string;
    let ids: Record<'alice' | 'bob' | 'carol' | 'dave' | 'erin', number>;

    const list = (query: Record<string, unknown> | string) => getAs(idx, INDEX, staffToken, query);

    beforeAll(async () => {
      // A database of its own, so the clients listed are exactly these five.
      idx = await createTestApp();
      staffToken = await newUserToken(idx, { employee: true });
      const accounts = idx.app.get(AccountsService);
      const add = async (email: string, first: string, last: string, companyName: string | null, phone: string | null) => {
        idx.clock.advanceSeconds(60);
        const user = await accounts.createUser({ email, passwordHash: null, firstName: first, lastName: last, phone });
        return (await accounts.createClient(user.id, { firstName: first, lastName: last, phone, companyName })).id;
      };
      ids = {
        alice: await add('alice@acme.test', 'Alice', 'Zephyr', 'Acme Realty', '555-0100'),
        bob: await add('bob@bayview.test', 'bob', 'young', 'Bayview Homes', null),
        carol: await add('carol@example.com', 'Carol', 'Xu', null, '555-0199'),
        dave: await add('dave@deals.test', 'Dave', 'Percent', '50% Off_Deals', null),
        erin: await add('erin@example.org', 'Erin', 'Walker', 'acme holdings', null),
      };
    });

    afterAll(async () => {
      await idx.close();
    });

    it('lists every client by id with the client view, and no count unless asked', async () => {
      const response = await list({});
      expect(response.status).toBe(200);
      expect(resultIds(response)).toEqual([ids.alice, ids.bob, ids.carol, ids.dave, ids.erin]);
      expect(response.body.data).not.toHaveProperty('count');
      expect(response.body.data.results[0]).toEqual({
        id: ids.alice,
        user_id: expect.any(Number),
        email: 'alice@acme.test',
        first_name: 'Alice',
        last_name: 'Zephyr',
        phone: '555-0100',
        company_id: null,
        company_name: 'Acme Realty',
        enterprise: null,
        active: true,
        created_at: '2026-01-15T09:01:00.000Z',
        updated_at: '2026-01-15T09:01:00.000Z',
      });
    });

    it.each([
      ['true', 5],
      ['1', 5],
    ])('count=%s adds the total', async (count, total) => {
      const response = await list({ count });
      expect(response.body.data.count).toBe(total);
    });

    it.each(['false', '0'])('count=%s leaves it out', async (count) => {
      expect((await list({ count })).body.data).not.toHaveProperty('count');
    });

    it('searches case-insensitively in all attributes by default', async () => {
      // "ACME": Alice's company and email, Erin's company.
      expect(resultIds(await list({ search: { term: 'ACME' } }))).toEqual([ids.alice, ids.erin]);
      expect(resultIds(await list({ search: { term: '0199' } }))).toEqual([ids.carol]); // phone
      expect(resultIds(await list({ search: { term: 'YOUNG' } }))).toEqual([ids.bob]); // last name
    });

    it('searches only the attributes named', async () => {
      expect(resultIds(await list({ search: { term: 'acme', attributes: 'email' } }))).toEqual([ids.alice]);
      expect(resultIds(await list({ search: { term: 'acme', attributes: 'first_name,last_name' } }))).toEqual([]);
      expect(resultIds(await list({ search: { term: 'example', attributes: 'company_name,email' } }))).toEqual([ids.carol, ids.erin]);
      // The same param repeated is a list too.
      expect(resultIds(await list('search[term]=er&search[attributes]=first_name&search[attributes]=last_name'))).toEqual([ids.dave, ids.erin]);
    });

    it('treats % and _ in the term as plain characters', async () => {
      expect(resultIds(await list({ search: { term: '%' } }))).toEqual([ids.dave]);
      expect(resultIds(await list({ search: { term: '_' } }))).toEqual([ids.dave]);
      expect(resultIds(await list({ search: { term: '0% off_' } }))).toEqual([ids.dave]);
    });

    it('pages, with the count of all matches', async () => {
      const second = await list({ count: 'true', page: { size: '2', number: '2' } });
      expect(resultIds(second)).toEqual([ids.carol, ids.dave]);
      expect(second.body.data.count).toBe(5);
      expect(resultIds(await list({ page: { size: '2', number: '3' } }))).toEqual([ids.erin]);
      expect(resultIds(await list({ page: { size: '2', number: '4' } }))).toEqual([]);
      const searched = await list({ count: '1', search: { term: 'acme' }, page: { size: '1' } });
      expect(resultIds(searched)).toEqual([ids.alice]);
      expect(searched.body.data.count).toBe(2);
    });

    it('sorts by the attribute asked, case-insensitively, nulls last', async () => {
      const { alice, bob, carol, dave, erin } = ids;
      expect(resultIds(await list({ sort: { attribute: 'last_name', order: 'desc' } }))).toEqual([alice, bob, carol, erin, dave]);
      expect(resultIds(await list({ sort: { attribute: 'first_name' } }))).toEqual([alice, bob, carol, dave, erin]);
      expect(resultIds(await list({ sort: { attribute: 'company_name', order: 'asc' } }))).toEqual([dave, erin, alice, bob, carol]);
      expect(resultIds(await list({ sort: { attribute: 'company_name', order: 'desc' } }))).toEqual([bob, alice, erin, dave, carol]);
      expect(resultIds(await list({ sort: { attribute: 'created_at', order: 'desc' } }))).toEqual([erin, dave, carol, bob, alice]);
      expect(resultIds(await list({ sort: { order: 'desc' }, page: { size: '2' } }))).toEqual([erin, dave]);
    });

    it('treats empty nested values as not passed', async () => {
      expect(resultIds(await list('page[size]=&search[term]=&sort[attribute]='))).toHaveLength(5);
    });

    it.each([
      ['page[size]=0', 'page.size'],
      ['page[size]=101', 'page.size'],
      ['page[size]=ten', 'page.size'],
      ['page[size]=2.5', 'page.size'],
      ['page[number]=0', 'page.number'],
      ['page[number]=-1', 'page.number'],
      ['page[number]=99999999999', 'page.number'],
      ['page=3', 'page'],
      ['sort[attribute]=password_hash', 'sort.attribute'],
      ['sort[order]=up', 'sort.order'],
      ['count=yes', 'count'],
      ['search[attributes]=first_name,password_hash', 'search.attributes'],
      ['search[attributes]=,', 'search.attributes'],
    ])('%s → invalid-param naming %s', async (query, param) => {
      const response = await list(query);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ status: 'invalid-param', data: null });
      expect(response.body.errors.map((error: { param: string }) => error.param)).toEqual([param]);
    });
  });
});
