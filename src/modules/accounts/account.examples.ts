import { orNull } from '../../common/openapi/api-statuses.decorator.js';

/**
 * Examples of the account views for the OpenAPI document (@ApiSuccessData), as the demo data
 * (`npm run demo`) shows them: the demo client of Acme Realty, client 1.
 */
export const USER_EXAMPLE = {
  id: 3,
  email: 'client@plano.test',
  first_name: 'Clara',
  last_name: 'Client',
  phone: orNull('+1 555 0100'),
  remember_me: false,
  created_at: '2025-01-06T09:30:00.000Z',
};

export const ROLES_EXAMPLE = { client_id: orNull(1), employee_id: orNull(1), admin: false, liaison_id: orNull(1) };

export const CLIENT_EXAMPLE = {
  id: 1,
  user_id: 3,
  email: orNull('client@plano.test'),
  first_name: 'Clara',
  last_name: 'Client',
  phone: orNull('+1 555 0100'),
  company_id: orNull(1001),
  company_name: orNull('Acme Realty'),
  enterprise: orNull('Acme Group'),
  active: true,
  created_at: '2025-01-06T09:30:00.000Z',
  updated_at: '2025-01-06T09:30:00.000Z',
};

export const SESSION_EXAMPLE = {
  id: 12,
  application: 'planoorder',
  user_id: 3,
  remember_me: false,
  created_at: '2025-01-06T09:30:00.000Z',
  last_used_at: '2025-01-06T09:30:00.000Z',
  expires_at: orNull('2025-01-09T09:30:00.000Z'),
};

/** A session token as sessions/create shows it once: 32 random bytes, base64url. */
export const TOKEN_EXAMPLE = 'q2Xy6kWmV0m3r8bN1sT4uZ7aC9eF0gH2jK5lM8nP1rQ';
