import type { ClientView, RolesView, UserView } from './account.views.js';

/**
 * Examples of the account views for the OpenAPI document (@ApiSuccess), as the demo data
 * (`npm run demo`) shows them: the demo client of Acme Realty, client 1.
 */
export const USER_EXAMPLE: UserView = {
  id: 3,
  email: 'client@plano.test',
  first_name: 'Clara',
  last_name: 'Client',
  phone: '+1 555 0100',
  remember_me: false,
  created_at: '2025-01-06T09:30:00.000Z',
};

export const ROLES_EXAMPLE: RolesView = { client_id: 1, employee_id: null, admin: false, liaison_id: null };

export const CLIENT_EXAMPLE: ClientView = {
  id: 1,
  user_id: 3,
  email: 'client@plano.test',
  first_name: 'Clara',
  last_name: 'Client',
  phone: '+1 555 0100',
  company_id: 1001,
  company_name: 'Acme Realty',
  enterprise: 'Acme Group',
  active: true,
  created_at: '2025-01-06T09:30:00.000Z',
  updated_at: '2025-01-06T09:30:00.000Z',
};

/** A session token as sessions/create shows it once: 32 random bytes, base64url. */
export const TOKEN_EXAMPLE = 'q2Xy6kWmV0m3r8bN1sT4uZ7aC9eF0gH2jK5lM8nP1rQ';
