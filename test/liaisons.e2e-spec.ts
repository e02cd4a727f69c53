import { UserEntity } from '../src/modules/accounts/entities/user.entity.js';
import {
  createRoleCast,
  createUser,
  liaisonIdOf,
  newPersonParams,
  signInAs,
  tokenFor,
  type Caller,
  type Role,
  type TestUser,
} from './support/accounts.js';
import { itAnswersTheRoleMatrix, notAccessible, STAFF_ONLY } from './support/role-matrix.js';
import { testEngine } from './support/test-database.js';
import { bearer, createTestApp, getAs, postSensitive, putAs, type TestApp } from './support/test-app.js';

/** liaisons/create and liaisons/update (staff module): staff make liaisons and set the clients each acts for. */

const INDEX = '/api/v1/clients/index';
const READ = '/api/v1/clients/read';
const LIAISONS_CREATE = '/api/v1/liaisons/create';
const LIAISONS_UPDATE = '/api/v1/liaisons/update';

describe(`liaisons (${testEngine()})`, () => {
  let t: TestApp;
  let callers: Record<Role, Caller>;
  /** The client the liaison acts for, and one nobody but staff may use. */
  let linkedClient: TestUser;
  let otherClient: TestUser;
  /** The liaison record of the liaison caller. */
  let liaisonId: number;

  beforeAll(async () => {
    t = await createTestApp();
    ({ callers, linkedClient, otherClient } = await createRoleCast(t));
    liaisonId = await liaisonIdOf(t, callers.liaison.user);
  });

  afterAll(async () => {
    await t.close();
  });

  /** The client ids a liaison is linked to, as stored, in ascending order. */
  const linkedClientIds = async (liaisonId: number): Promise<number[]> => {
    const rows = await t.dataSource
      .createQueryBuilder()
      .select('lc.client_id', 'client_id')
      .from('liaison_clients', 'lc')
      .where('lc.liaison_id = :liaisonId', { liaisonId })
      .orderBy('lc.client_id', 'ASC')
      .getRawMany<{ client_id: number | string }>();
    return rows.map((row) => Number(row.client_id));
  };

  describe('the role matrix', () => {
    itAnswersTheRoleMatrix(
      {
        'POST liaisons/create': {
          call: (token) => postSensitive(t, LIAISONS_CREATE, token, { ...newPersonParams(), client_ids: [otherClient.clientId] }),
          expected: STAFF_ONLY,
        },
        'PUT liaisons/update': {
          call: (token) => putAs(t, LIAISONS_UPDATE, token, { id: liaisonId, client_ids: [linkedClient.clientId] }),
          expected: STAFF_ONLY,
        },
      },
      () => callers,
      () => notAccessible('id', otherClient.clientId as number),
    );
  });

  describe('liaisons/create', () => {
    it('creates a user, its liaison record and its client links; the new liaison reads its linked clients only', async () => {
      const person = newPersonParams();
      const wanted = [otherClient.clientId as number, linkedClient.clientId as number, otherClient.clientId as number];
      const response = await postSensitive(t, LIAISONS_CREATE, callers.employee.token, { ...person, client_ids: wanted });
      expect(response.status).toBe(200);
      const { liaison } = response.body.data;
      const sortedIds = [linkedClient.clientId as number, otherClient.clientId as number].sort((a, b) => a - b);
      expect(liaison).toEqual({
        id: expect.any(Number),
        user_id: expect.any(Number),
        client_ids: sortedIds,
        user: expect.objectContaining({ id: liaison.user_id, email: person.email, last_name: person.last_name }),
      });
      await expect(linkedClientIds(liaison.id)).resolves.toEqual(sortedIds);

      await t.dataSource.getRepository(UserEntity).findOneByOrFail({ id: liaison.user_id }); // the user it names exists
      const token = await tokenFor(t, person);
      expect((await getAs(t, READ, token, { id: otherClient.clientId as number })).body.status).toBe('action-successful');
      expect((await getAs(t, READ, token, { id: callers.client.user.clientId as number })).body.status).toBe('invalid-param');
      expect((await getAs(t, INDEX, token)).body.status).toBe('permission-denied');
    });

    it('creates a liaison with no clients yet', async () => {
      const response = await postSensitive(t, LIAISONS_CREATE, callers.admin.token, { ...newPersonParams(), client_ids: [] });
      expect(response.body.data.liaison.client_ids).toEqual([]);
      await expect(linkedClientIds(response.body.data.liaison.id)).resolves.toEqual([]);
    });

    it('refuses unknown client ids naming client_ids, and creates nothing', async () => {
      const person = newPersonParams();
      const response = await postSensitive(t, LIAISONS_CREATE, callers.employee.token, { ...person, client_ids: [linkedClient.clientId, 987654, 987653] });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({
        status: 'invalid-param',
        errors: [{ param: 'client_ids', problem: 'not-found', message: 'client_ids 987653, 987654 do not exist' }],
      });
      await expect(t.dataSource.getRepository(UserEntity).countBy({ email: person.email })).resolves.toBe(0);
      // Nothing was left half-made: the same person can be created once the ids are right.
      const retry = await postSensitive(t, LIAISONS_CREATE, callers.employee.token, { ...person, client_ids: [linkedClient.clientId] });
      expect(retry.body.status).toBe('action-successful');
    });

    it.each([
      [{ client_ids: undefined }, 'missing-param'],
      [{ client_ids: 'all' }, 'invalid-param'],
      [{ client_ids: [1, 'two'] }, 'invalid-param'],
      [{ client_ids: [0] }, 'invalid-param'],
      [{ client_ids: [99999999999] }, 'invalid-param'],
    ])('%j → %s naming client_ids', async (params, slug) => {
      const response = await postSensitive(t, LIAISONS_CREATE, callers.employee.token, { ...newPersonParams(), ...params });
      expect(response.body.status).toBe(slug);
      expect(response.body.errors.map((error: { param: string }) => error.param)).toEqual(['client_ids']);
    });

    it('refuses an email that already has a user', async () => {
      const response = await postSensitive(t, LIAISONS_CREATE, callers.employee.token, { ...newPersonParams({ email: callers.client.user.email }), client_ids: [] });
      expect(response.body.status).toBe('email-already-registered');
    });
  });

  describe('liaisons/update', () => {
    let liaison: TestUser;
    let id: number;
    let extraClients: number[];

    beforeAll(async () => {
      extraClients = [(await createUser(t, { client: true })).clientId as number, (await createUser(t, { client: true })).clientId as number];
      liaison = await createUser(t, { liaisonFor: [linkedClient.clientId as number] });
      id = await liaisonIdOf(t, liaison);
    });

    it('replaces the client links with exactly the ones given', async () => {
      const [b, c] = extraClients;
      const response = await putAs(t, LIAISONS_UPDATE, callers.employee.token, { id, client_ids: [c, b, c] });
      expect(response.status).toBe(200);
      expect(response.body.data.liaison).toEqual({
        id,
        user_id: liaison.user.id,
        client_ids: [b, c],
        user: expect.objectContaining({ id: liaison.user.id, email: liaison.email }),
      });
      await expect(linkedClientIds(id)).resolves.toEqual([b, c]);

      const token = (await signInAs(t, liaison)).token;
      expect((await getAs(t, READ, token, { id: b })).body.status).toBe('action-successful');
      expect((await getAs(t, READ, token, { id: linkedClient.clientId as number })).body.status).toBe('invalid-param');

      const kept = await putAs(t, LIAISONS_UPDATE, callers.admin.token, { id, client_ids: [b, linkedClient.clientId] });
      expect(kept.body.data.liaison.client_ids).toEqual([linkedClient.clientId as number, b].sort((x, y) => x - y));
      await expect(linkedClientIds(id)).resolves.toEqual([linkedClient.clientId as number, b].sort((x, y) => x - y));
    });

    it('removes every link when given none', async () => {
      const response = await putAs(t, LIAISONS_UPDATE, callers.employee.token, { id, client_ids: [] });
      expect(response.body.data.liaison.client_ids).toEqual([]);
      await expect(linkedClientIds(id)).resolves.toEqual([]);
    });

    it('refuses an unknown liaison or client id, changing nothing', async () => {
      await putAs(t, LIAISONS_UPDATE, callers.employee.token, { id, client_ids: [extraClients[0]] });
      const unknownLiaison = await putAs(t, LIAISONS_UPDATE, callers.employee.token, { id: 987654, client_ids: [extraClients[0]] });
      expect(unknownLiaison.status).toBe(400);
      expect(unknownLiaison.body).toMatchObject({ status: 'invalid-param', errors: [{ param: 'id', problem: 'not-found' }] });

      const unknownClient = await putAs(t, LIAISONS_UPDATE, callers.employee.token, { id, client_ids: [extraClients[1], 987654] });
      expect(unknownClient.body).toMatchObject({ status: 'invalid-param', errors: [{ param: 'client_ids', problem: 'not-found' }] });
      await expect(linkedClientIds(id)).resolves.toEqual([extraClients[0]]);

      // A client id is not a liaison id.
      const clientAsLiaison = await putAs(t, LIAISONS_UPDATE, callers.employee.token, { id: 987654, client_ids: [987653] });
      expect(clientAsLiaison.body.errors.map((error: { param: string }) => error.param)).toEqual(['id', 'client_ids']);
    });

    it('applies concurrent relinks one whole set at a time, never a mix of two', async () => {
      // A liaison and clients of its own, so nothing else in the file touches these links.
      const [a, b, c, d] = await Promise.all(Array.from({ length: 4 }, async () => (await createUser(t, { client: true })).clientId as number));
      const racer = await liaisonIdOf(t, await createUser(t, { liaisonFor: [a] }));
      // Overlapping sets (a non-atomic relink trips over links another request is writing) and an
      // empty one; whatever order they land in, the links must end as exactly one of them.
      const sets = [[a, b], [c], [b, c, d], []].map((set) => set.sort((x, y) => x - y));
      type Answer = { status: string; data: { liaison: { client_ids: number[] } } | null };
      // fetch sends at once (a supertest request waits to be awaited), so all of a round overlap.
      const relink = async (clientIds: number[]) => {
        const response = await fetch(`${t.url}${LIAISONS_UPDATE}`, {
          method: 'PUT',
          headers: { ...bearer(callers.employee.token), 'Content-Type': 'application/json' },
          body: JSON.stringify({ id: racer, client_ids: clientIds }),
        });
        return { http: response.status, body: (await response.json()) as Answer };
      };

      // Each round is another chance for the requests to interleave. A relink that is not atomic
      // shows on PostgreSQL (one connection per request); on SQLite every statement completes
      // synchronously, so a relink runs start to end without yielding to another request anyway.
      for (let round = 0; round < 8; round += 1) {
        const answers = await Promise.all(sets.map((set) => relink(set)));
        expect(answers.map((answer) => `${answer.http} ${answer.body.status}`)).toEqual(sets.map(() => '200 action-successful'));
        // Each answer shows the links after its commit: possibly a later request's set, but a whole one.
        for (const answer of answers) expect(sets).toContainEqual(answer.body.data?.liaison.client_ids);
        expect(sets).toContainEqual(await linkedClientIds(racer));
      }
    });

    it.each([
      [{ client_ids: [] }, 'missing-param', 'id'],
      [{ id: 1 }, 'missing-param', 'client_ids'],
      [{ id: 'one', client_ids: [] }, 'invalid-param', 'id'],
      [{ id: 1, client_ids: 3 }, 'invalid-param', 'client_ids'],
    ])('%j → %s naming %s', async (params, slug, param) => {
      const response = await putAs(t, LIAISONS_UPDATE, callers.employee.token, params);
      expect(response.body.status).toBe(slug);
      expect(response.body.errors.map((error: { param: string }) => error.param)).toEqual([param]);
    });
  });
});
