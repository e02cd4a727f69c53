import { jest } from '@jest/globals';
import { PlanoException } from '../../common/status/plano.exception.js';
import type { AccountsService } from '../accounts/accounts.service.js';
import type { ClientReadModel } from '../accounts/account.read-models.js';
import { NO_ROLES, type Roles } from '../auth/roles.js';
import type { SessionAuth } from '../auth/auth-context.js';
import { ClientAccess } from './client-access.js';
import { refusal } from '../../../test/support/refusal.js';

const EXISTING_CLIENT = 10;
const LINKED_CLIENT = 11;
const LIAISON = 5;

function build() {
  const accounts = {
    findClientWithUser: jest.fn(async (id: number) =>
      id === EXISTING_CLIENT || id === LINKED_CLIENT ? ({ id, userId: 100 + id } as ClientReadModel) : null,
    ),
    clientExists: jest.fn(async (id: number) => id === EXISTING_CLIENT || id === LINKED_CLIENT),
    liaisonIsLinkedTo: jest.fn(async (liaisonId: number, clientId: number) => liaisonId === LIAISON && clientId === LINKED_CLIENT),
  };
  return { access: new ClientAccess(accounts as unknown as AccountsService), accounts };
}

const caller = (roles: Partial<Roles>) => ({ kind: 'session', roles: { ...NO_ROLES, ...roles } }) as unknown as SessionAuth;
const staff = caller({ employeeId: 1 });
const liaison = caller({ liaisonId: LIAISON });

describe('ClientAccess', () => {
  it('lets staff use and edit any existing client', async () => {
    const { access } = build();
    await expect(access.assertCanUse(staff, EXISTING_CLIENT)).resolves.toMatchObject({ id: EXISTING_CLIENT });
    await expect(access.assertCanEdit(caller({ employeeId: 2, admin: true }), LINKED_CLIENT)).resolves.toMatchObject({ id: LINKED_CLIENT });
  });

  it('lets a client use and edit itself only', async () => {
    const { access } = build();
    const self = caller({ clientId: EXISTING_CLIENT });
    await expect(access.assertCanUse(self, EXISTING_CLIENT)).resolves.toMatchObject({ id: EXISTING_CLIENT });
    await expect(access.assertCanEdit(self, EXISTING_CLIENT)).resolves.toMatchObject({ id: EXISTING_CLIENT });
    await expect(refusal(access.assertCanUse(self, LINKED_CLIENT))).resolves.toMatchObject({ slug: 'invalid-param' });
  });

  it('lets a liaison use its linked clients, but edit none', async () => {
    const { access, accounts } = build();
    await expect(access.assertCanUse(liaison, LINKED_CLIENT)).resolves.toMatchObject({ id: LINKED_CLIENT });
    expect(accounts.liaisonIsLinkedTo).toHaveBeenCalledWith(LIAISON, LINKED_CLIENT);
    await expect(refusal(access.assertCanUse(liaison, EXISTING_CLIENT))).resolves.toMatchObject({ slug: 'invalid-param' });
    await expect(refusal(access.assertCanEdit(liaison, LINKED_CLIENT))).resolves.toMatchObject({ slug: 'invalid-param' });
  });

  it('gives a user with several roles the rights of each', async () => {
    const { access } = build();
    const both = caller({ clientId: EXISTING_CLIENT, liaisonId: LIAISON });
    await expect(access.assertCanUse(both, EXISTING_CLIENT)).resolves.toMatchObject({ id: EXISTING_CLIENT });
    await expect(access.assertCanUse(both, LINKED_CLIENT)).resolves.toMatchObject({ id: LINKED_CLIENT });
  });

  it('refuses a forbidden client exactly as a nonexistent one', async () => {
    const { access } = build();
    const self = caller({ clientId: EXISTING_CLIENT });
    const forbidden = await refusal(access.assertCanUse(self, LINKED_CLIENT));
    const missing = await refusal(access.assertCanUse(self, 999));
    expect(forbidden).toEqual({
      slug: 'invalid-param',
      message: `id ${LINKED_CLIENT} does not exist or is not accessible`,
      errors: [{ param: 'id', problem: 'not-found' }],
    });
    expect({ ...missing, message: missing.message.replace('999', String(LINKED_CLIENT)) }).toEqual(forbidden);
    await expect(refusal(access.assertCanUse(staff, 999))).resolves.toEqual(missing);
  });

  it('names the param the caller passed the id in', async () => {
    const { access } = build();
    await expect(refusal(access.assertCanUse(liaison, 999, 'client_id'))).resolves.toEqual({
      slug: 'invalid-param',
      message: 'client_id 999 does not exist or is not accessible',
      errors: [{ param: 'client_id', problem: 'not-found' }],
    });
  });

  describe('assertCanActFor (the permission alone, for the XSO hand-off)', () => {
    it('follows the same rule as assertCanUse for every kind of caller', async () => {
      const { access } = build();
      const self = caller({ clientId: EXISTING_CLIENT });
      const both = caller({ clientId: EXISTING_CLIENT, liaisonId: LIAISON });
      const cases: Array<[SessionAuth, number]> = [
        [staff, EXISTING_CLIENT], [staff, 999],
        [self, EXISTING_CLIENT], [self, LINKED_CLIENT], [self, 999],
        [liaison, LINKED_CLIENT], [liaison, EXISTING_CLIENT], [liaison, 999],
        [both, EXISTING_CLIENT], [both, LINKED_CLIENT], [both, 999],
      ];
      /** 'allowed', or the refusal's slug, message and errors. */
      const outcome = (attempt: Promise<unknown>) =>
        attempt.then(
          () => 'allowed',
          (error: PlanoException) => ({ slug: error.slug, message: error.message, errors: error.errors }),
        );
      for (const [who, clientId] of cases) {
        const used = await outcome(access.assertCanUse(who, clientId, 'client_id'));
        const actedFor = await outcome(access.assertCanActFor(who, clientId, 'client_id'));
        expect({ who: who.roles, clientId, actedFor }).toEqual({ who: who.roles, clientId, actedFor: used });
      }
    });

    it('reads nothing when a client acts for itself: the token check already found its client record', async () => {
      const { access, accounts } = build();
      await access.assertCanActFor(caller({ clientId: EXISTING_CLIENT }), EXISTING_CLIENT);
      expect(accounts.clientExists).not.toHaveBeenCalled();
      expect(accounts.liaisonIsLinkedTo).not.toHaveBeenCalled();
      expect(accounts.findClientWithUser).not.toHaveBeenCalled();
    });
  });
});
